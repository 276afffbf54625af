import datetime
import itertools

from django.utils import timezone

from members.models import Member

from ..models import CongressTerm, Delegate, Session

_numbers = itertools.count(1)


def make_member(name=None, **fields):
    fields.setdefault("gender", Member.Gender.FEMALE)
    return Member.objects.create(name=name or f"代表{next(_numbers)}", **fields)


def make_term(**fields):
    fields.setdefault("number", next(_numbers) + 100)
    fields.setdefault("start_year", 2024)
    fields.setdefault("end_year", 2028)
    return CongressTerm.objects.create(**fields)


def make_session(term=None, **fields):
    term = term or make_term()
    today = timezone.localdate()
    fields.setdefault("number", next(_numbers))
    # in session today: its motions may be put to the vote (a test of what comes before the session says so)
    fields.setdefault("starts_on", today)
    fields.setdefault("ends_on", today + datetime.timedelta(days=1))
    return Session.objects.create(term=term, **fields)


def make_delegate(term, member=None, **fields):
    return Delegate.objects.create(term=term, member=member or make_member(), **fields)


def mark_present(session, delegates=None):
    """Record the given delegates (all seated delegates of the term by default) present at the session."""
    from ..models import Attendance

    for delegate in delegates if delegates is not None else session.term.delegates.filter(active=True):
        Attendance.objects.update_or_create(
            session=session, member=delegate.member, defaults={"kind": Attendance.Kind.PRESENT}
        )
