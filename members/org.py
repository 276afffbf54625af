"""The org tree (union → 分会 → 工会小组): reading it with counts, and changing branches, groups and leaders."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, ProtectedError, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Branch, Member, MembershipEvent, RegisteredGroup, UnionGroup

# People who belong to a group: staff in post and retirees (the retirees' group); not those who left or died.
IN_GROUP = (Member.Status.ACTIVE, Member.Status.RETIRED)


@dataclass
class BranchNode:
    branch: Branch | None
    groups: list = field(default_factory=list)

    @property
    def headcount(self):
        return sum(group.headcount for group in self.groups)

    @property
    def member_count(self):
        return sum(group.member_count for group in self.groups)


@dataclass
class OrgTree:
    branches: list
    loose: BranchNode  # groups directly under the union, without a branch
    ungrouped: dict  # {"headcount", "member_count"} of people in no group
    dissolved: list  # groups dissolved (撤销), newest first

    @property
    def headcount(self):
        return sum(node.headcount for node in [*self.branches, self.loose]) + self.ungrouped["headcount"]

    @property
    def member_count(self):
        return sum(node.member_count for node in [*self.branches, self.loose]) + self.ungrouped["member_count"]


def groups_with_counts():
    in_group = Q(members__status__in=IN_GROUP)
    return (
        UnionGroup.objects.current()
        .select_related("branch", "leader")
        .annotate(
            headcount=Count("members", filter=in_group),
            member_count=Count("members", filter=in_group & Q(members__is_union_member=True)),
        )
    )


def org_tree():
    """Four queries whatever the size: branches, groups with their counts, people in no group, dissolved groups."""
    nodes = {branch.pk: BranchNode(branch) for branch in Branch.objects.select_related("leader")}
    loose = BranchNode(None)
    for group in groups_with_counts():
        nodes.get(group.branch_id, loose).groups.append(group)
    in_group = Q(status__in=IN_GROUP)
    ungrouped = Member.objects.filter(union_group__isnull=True).aggregate(
        headcount=Count("pk", filter=in_group), member_count=Count("pk", filter=in_group & Q(is_union_member=True))
    )
    dissolved = list(UnionGroup.objects.filter(dissolved_on__isnull=False).order_by("-dissolved_on", "name"))
    return OrgTree(branches=list(nodes.values()), loose=loose, ungrouped=ungrouped, dissolved=dissolved)


@transaction.atomic
def save_branch(branch):
    """A branch (分会) and its chair; the chair must belong to one of the branch's groups."""
    branch.full_clean()
    branch.save()
    return branch


@transaction.atomic
def save_group(group):
    """A union group (工会小组) and its leader (组长); the leader must be a union member of the group."""
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def delete_branch(branch):
    """A branch (分会) made by mistake or dissolved is deleted once no group belongs to it."""
    groups = UnionGroup.objects.filter(branch=branch).count()
    if groups:
        raise ValidationError(
            _("分会「%(name)s」下还有 %(count)s 个工会小组，不能删除；请先把这些小组归入其他分会或直属工会。")
            % {"name": branch, "count": groups}
        )
    delete_unless_protected(branch)


@transaction.atomic
def delete_group(group):
    """A union group (工会小组) is deleted only while it is in no record: nobody's group (retirees and those who
    left count), no frozen year's 年度登记 and no one's group-move history (调组记录) — those must stay readable."""
    people = Member.objects.filter(union_group=group).count()
    if people:
        raise ValidationError(
            _("「%(name)s」还有 %(count)s 名人员（含退休人员），不能删除；请先把他们调到其他小组。")
            % {"name": group, "count": people}
        )
    years = sorted(set(RegisteredGroup.objects.filter(group=group).values_list("registration__year", flat=True)))
    if years:
        raise ValidationError(
            _("「%(name)s」已记入 %(years)s 年度登记，往年的登记要保留它，不能删除；不再使用的小组请撤销。")
            % {"name": group, "years": pgettext("list separator", "、").join(map(str, years))}
        )
    if MembershipEvent.objects.filter(Q(from_group=group) | Q(to_group=group)).exists():
        raise ValidationError(
            _("「%(name)s」出现在人员的调组记录中，删除会让这些记录缺了小组，不能删除；不再使用的小组请撤销。")
            % {"name": group}
        )
    delete_unless_protected(group)


@transaction.atomic
def dissolve_group(group, *, on):
    """撤销: a group no longer used leaves the choice lists and the tree; its history stays. Nobody may still be
    in it (staff in post or retired); those who left or died keep it as their last group."""
    group = UnionGroup.objects.select_for_update().get(pk=group.pk)
    if group.dissolved_on:
        raise ValidationError(_("「%(name)s」已于 %(date)s 撤销。") % {"name": group, "date": group.dissolved_on})
    people = Member.objects.filter(union_group=group, status__in=IN_GROUP).count()
    if people:
        raise ValidationError(
            _("「%(name)s」还有 %(count)s 名在职或退休人员，不能撤销；请先把他们调到其他小组。")
            % {"name": group, "count": people}
        )
    group.dissolved_on = on
    group.leader = None
    group.save()
    return group


@transaction.atomic
def restore_group(group):
    """A dissolved group is used again (恢复)."""
    group.dissolved_on = None
    group.save()
    return group


def check_current(group):
    """People are put only in a group that is not dissolved (asked of the database: the object may be stale)."""
    if group is not None and UnionGroup.objects.filter(pk=group.pk, dissolved_on__isnull=False).exists():
        raise ValidationError(_("工会小组「%(name)s」已撤销，请选择其他小组。") % {"name": group})


def delete_unless_protected(obj):
    """Delete obj; a record that still points at it (on_delete=PROTECT: an activity team, an honour) is a refusal."""
    try:
        obj.delete()
    except ProtectedError as error:
        kinds = sorted({str(record._meta.verbose_name) for record in error.protected_objects})
        raise ValidationError(
            _("「%(name)s」仍被%(kinds)s引用，不能删除。")
            % {"name": obj, "kinds": pgettext("list separator", "、").join(kinds)}
        ) from error


def release_posts_left_behind(member):
    """A leader who leaves their group or branch, or the union, stops leading it (the post falls vacant)."""
    stays = member.is_union_member and member.status in IN_GROUP
    for group in UnionGroup.objects.filter(leader=member):
        if not stays or group.pk != member.union_group_id:
            group.leader = None
            group.save()
    branch_id = member.union_group.branch_id if member.union_group_id else None
    for branch in Branch.objects.filter(leader=member):
        if not stays or branch.pk != branch_id:
            branch.leader = None
            branch.save()
