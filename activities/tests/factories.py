import datetime
import itertools

from django.contrib.auth.models import User
from django.utils import timezone

from members.models import Member, UnionGroup

from ..models import Event

_names = itertools.count(1)


def make_event(**fields):
    start = timezone.now() + datetime.timedelta(days=7)
    fields.setdefault("title", "职工羽毛球赛")
    fields.setdefault("kind", Event.Kind.SPORTS)
    fields.setdefault("starts_at", start)
    fields.setdefault("ends_at", start + datetime.timedelta(hours=2))
    fields.setdefault("place", "体育馆")
    fields.setdefault("capacity", 2)
    return Event.objects.create(**fields)


def make_member(*, account=False, **fields):
    """A member; with ``account`` also a login, so notices reach her."""
    fields.setdefault("name", f"教师{next(_names)}")
    fields.setdefault("gender", Member.Gender.FEMALE)
    fields.setdefault("is_union_member", True)
    if account:
        fields["user"] = User.objects.create_user(f"user{next(_names)}")
    return Member.objects.create(**fields)


def make_group(name=None):
    return UnionGroup.objects.create(name=name or f"小组{next(_names)}")
