"""Undoing roster mistakes: delete an entry nothing refers to, or merge a duplicate into the right record.

What refers to a person is found generically: every relation that points at Member (Django's related objects,
hidden ones and many-to-many tables included), so a model added later is covered without a change here. A merge
moves every such row to the kept record in one transaction, refuses when a unique rule of a model would break
(both have dues for the same month, both are delegates of the same term), and checks at the end that nothing
still points at the duplicate before removing it.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from unionportal.notices import hand_over
from unionportal.roles import Role

from .models import Member, MembershipEvent

# The entry's own timeline: it goes with a mistaken entry that is deleted, and moves with a merge.
OWNED = {MembershipEvent}
# The measure word of a few things people count otherwise than 条.
MEASURES = {
    "welfare.application": "份",
    "welfare.hardshipfile": "份",
    "congress.proposal": "件",
    "activities.honour": "项",
}
# Rules of one person per something that a model's clean() keeps but no database constraint does.
UNIQUE_IN_CLEAN = {"members.committeeseat": [("term",)]}  # 同一人每届只能任一职
# Plain facts the kept record takes from the duplicate where it has none.
FILLED_FIELDS = [
    "birth_date", "id_number", "phone", "department", "title", "post", "hire_date", "joined_on", "card_number",
    "ethnicity", "political_status", "education",
]  # fmt: skip


@dataclass(frozen=True)
class Link:
    """One relation pointing at Member: the model and its field."""

    model: type
    field: models.Field

    @property
    def key(self):
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def is_pointer(self):
        """A mention that clears when the person goes (a group's 组长, a department's 负责人)."""
        return self.field.remote_field.on_delete is models.SET_NULL

    def rows(self, member):
        return self.model._base_manager.filter(**{self.field.name: member})

    def describe(self, count):
        opts = self.model._meta
        if self.model._meta.auto_created:  # a many-to-many table: named after the model that declares it
            owner = next(f for f in opts.fields if f.is_relation and f is not self.field).related_model._meta
            return _("%(count)s个%(model)s") % {"count": count, "model": owner.verbose_name}
        if self.is_pointer:
            return _("%(model)s的%(field)s（%(count)s处）") % {
                "model": opts.verbose_name,
                "field": self.field.verbose_name,
                "count": count,
            }
        measure = MEASURES.get(opts.label_lower, "条")
        return f"{count}{measure}{opts.verbose_name}"


def links(history=False):
    """Every relation pointing at Member; with ``history``, only those of simple_history's copies of other
    models (they are moved on a merge so that old versions still name a person who exists)."""
    found = []
    for relation in Member._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue  # a many-to-many is reached through its table's foreign key
        if issubclass(relation.related_model, HistoricalChanges) == history:
            found.append(Link(relation.related_model, relation.field))
    return found


def references(member):
    """(link, count) of every relation with rows pointing at ``member``."""
    counted = [(link, link.rows(member).count()) for link in links()]
    return [(link, count) for link, count in counted if count]


def describe(pairs, user=None):
    """The (link, count) pairs in words; the welfare app's rows (confidential) only as a sum, for a user who
    may not open hardship files."""
    hidden = user is not None and not user.has_perm("welfare.view_files")
    secret = sum(count for link, count in pairs if hidden and link.model._meta.app_label == "welfare")
    words = [link.describe(count) for link, count in pairs if not (hidden and link.model._meta.app_label == "welfare")]
    return words + ([_("%(count)s条帮扶保密记录") % {"count": secret}] if secret else [])


def left_behind(member):
    """What still refers to ``member``, asked of Django's deletion Collector (independent of ``links()``): what
    deleting it would protect, cascade or clear."""
    collector = Collector(using=router.db_for_write(Member), origin=member)
    found = Counter()
    try:
        collector.collect([member])
    except (ProtectedError, RestrictedError) as error:
        rows = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        found.update(type(row) for row in rows)
    for model, rows in collector.data.items():
        if model is not Member:
            found[model] += len(rows)
    for rows in [*collector.fast_deletes, *chain.from_iterable(collector.field_updates.values())]:
        count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
        if count:
            found[rows.model if hasattr(rows, "model") else type(rows[0])] += count
    return [
        f"{count}{MEASURES.get(model._meta.label_lower, '条')}{model._meta.verbose_name}"
        for model, count in found.items()
        if not issubclass(model, HistoricalChanges)
    ]


def _login_holds_roles(user):
    return user.groups.exclude(name=Role.MEMBER).exists()


def deletion_blockers(member, user=None):
    """What keeps an entry from being deleted: everything that refers to it but its own timeline, and a login."""
    found = describe([(link, count) for link, count in references(member) if link.model not in OWNED], user)
    if member.user_id:
        found.append(_("登录账号 %(username)s") % {"username": member.user.get_username()})
    return found


@transaction.atomic
def delete_member(*, member, actor=None):
    """删除 an entry made by mistake, with its own timeline; refused while anything refers to it."""
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    found = deletion_blockers(member, actor)
    if found:
        raise ValidationError(
            _("不能删除：有%(what)s。如是重复录入，请合并到正确的记录。") % {"what": "、".join(found)}
        )
    member._change_reason = _("删除误录的记录")
    member.delete()
    return member


@dataclass
class MergePlan:
    """What a merge of ``duplicate`` into ``kept`` would do, shown before it is confirmed."""

    duplicate: Member
    kept: Member
    moves: list = field(default_factory=list)  # descriptions of the rows that move
    filled: list = field(default_factory=list)  # (label, value) the kept record takes from the duplicate
    login: str = ""  # what happens to the duplicate's login
    conflicts: list = field(default_factory=list)


def _unique_sets(link):
    """The unique rules of the link's model that include its field: (other field names, condition)."""
    opts = link.model._meta
    if link.field.unique:
        yield (), None
    for together in opts.unique_together:
        if link.field.name in together:
            yield tuple(name for name in together if name != link.field.name), None
    for others in UNIQUE_IN_CLEAN.get(opts.label_lower, []):
        yield others, None
    for constraint in opts.constraints:
        fields = getattr(constraint, "fields", ())
        if isinstance(constraint, models.UniqueConstraint) and link.field.name in fields:
            yield tuple(name for name in fields if name != link.field.name), constraint.condition


def _clashes(link, duplicate, kept):
    """Rows of the duplicate that would break a unique rule once they point at the kept record."""
    for others, condition in _unique_sets(link):
        mine, theirs = link.rows(duplicate), link.rows(kept)
        if condition is not None:
            mine, theirs = mine.filter(condition), theirs.filter(condition)
        if not others:
            if mine.exists() and theirs.exists():
                yield list(mine), others
            continue
        taken = set(theirs.values_list(*others))
        attnames = [link.model._meta.get_field(name).attname for name in others]
        clashing = [row for row in mine if tuple(getattr(row, name) for name in attnames) in taken]
        if clashing:
            yield clashing, others


def _clash_message(link, rows, others):
    opts = link.model._meta
    what = "；".join(
        "、".join(f"{opts.get_field(name).verbose_name} {getattr(row, name)}" for name in others) or str(row)
        for row in rows
    )
    return _("两条记录都有%(model)s（%(what)s），不能合并：请先更正或删除其中一条。") % {
        "model": opts.verbose_name,
        "what": what,
    }


def plan_merge(duplicate, kept, user=None):
    plan = MergePlan(duplicate=duplicate, kept=kept)
    if duplicate.pk == kept.pk:
        plan.conflicts.append(_("不能把一条记录合并到它自己，请选择要保留的另一条记录。"))
        return plan
    found = references(duplicate)
    plan.moves = describe(found, user)
    for link, _count in found:
        if link.model._meta.auto_created:
            continue  # both in the same meeting or team: the duplicate's row is simply dropped
        for rows, others in _clashes(link, duplicate, kept):
            plan.conflicts.append(_clash_message(link, rows, others))
    for name in FILLED_FIELDS:
        value = getattr(duplicate, name)
        if value not in (None, "") and getattr(kept, name) in (None, ""):
            plan.filled.append((Member._meta.get_field(name).verbose_name, value))
    if duplicate.user_id and not kept.user_id:
        plan.login = _("登录账号 %(username)s 转到保留的记录。") % {"username": duplicate.user.get_username()}
    elif duplicate.user_id:
        if _login_holds_roles(duplicate.user):
            plan.conflicts.append(
                _("%(name)s 的登录账号 %(username)s 担任角色，请先在角色页撤销，再合并。")
                % {"name": duplicate.name, "username": duplicate.user.get_username()}
            )
        plan.login = _("登录账号 %(username)s 停用，其通知转给 %(kept)s。") % {
            "username": duplicate.user.get_username(),
            "kept": kept.user.get_username(),
        }
    return plan


def _move(link, duplicate, kept):
    rows = link.rows(duplicate)
    if link.model._meta.auto_created:
        other = next(f for f in link.model._meta.fields if f.is_relation and f is not link.field and f.name != "id")
        shared = link.rows(kept).values(other.attname)
        rows.filter(**{f"{other.attname}__in": shared}).delete()
    rows.update(**{link.field.name: kept})


def _move_login(duplicate, kept):
    login = duplicate.user
    if login is None:
        return
    Member.objects.filter(pk=duplicate.pk).update(user=None)
    if kept.user_id is None:
        kept.user = login
        return
    hand_over(from_user=login, to_user=kept.user)
    get_user_model().objects.filter(pk=login.pk).update(is_active=False)


@transaction.atomic
def merge(*, duplicate, kept, actor=None):
    """合并: every reference to ``duplicate`` moves to ``kept``, blanks of ``kept`` take the duplicate's facts,
    the duplicate is removed, and the kept record's timeline says so. All or nothing."""
    pair = Member.objects.select_for_update(of=("self",)).filter(pk__in=[duplicate.pk, kept.pk]).order_by("pk")
    locked = {member.pk: member for member in pair.select_related("user")}
    duplicate, kept = locked[duplicate.pk], locked[kept.pk]
    plan = plan_merge(duplicate, kept, actor)
    if plan.conflicts:
        raise ValidationError(plan.conflicts)
    for link in links() + links(history=True):
        _move(link, duplicate, kept)
    _move_login(duplicate, kept)
    left = left_behind(duplicate)
    if left:  # a relation the moves above did not reach: nothing is changed
        what = "、".join(left)
        raise ValidationError(_("合并未完成：仍有%(what)s指向 %(name)s。") % {"what": what, "name": duplicate.name})
    for name in FILLED_FIELDS:
        if getattr(duplicate, name) not in (None, "") and getattr(kept, name) in (None, ""):
            setattr(kept, name, getattr(duplicate, name))
    label = _("%(name)s（记录#%(pk)s）") % {"name": duplicate.name, "pk": duplicate.pk}
    note = _("合并重复记录 %(label)s：%(moves)s") % {"label": label, "moves": "、".join(plan.moves) or _("无关联记录")}
    duplicate._change_reason = _("合并到 %(name)s（记录#%(pk)s）") % {"name": kept.name, "pk": kept.pk}
    duplicate.delete()
    kept._change_reason = note[:100]
    kept.full_clean()
    kept.save()
    MembershipEvent.objects.create(
        member=kept,
        kind=MembershipEvent.Kind.MERGE,
        occurred_on=timezone.localdate(),
        from_status=kept.status,
        to_status=kept.status,
        from_group=kept.union_group,
        to_group=kept.union_group,
        note=note[:200],
        actor=actor,
    )
    return kept
