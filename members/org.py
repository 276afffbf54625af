"""The org tree (union → 分会 → 工会小组): reading it with counts, and changing branches, groups and leaders."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q

from .models import Branch, Member, UnionGroup

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

    @property
    def headcount(self):
        return sum(node.headcount for node in [*self.branches, self.loose]) + self.ungrouped["headcount"]

    @property
    def member_count(self):
        return sum(node.member_count for node in [*self.branches, self.loose]) + self.ungrouped["member_count"]


def groups_with_counts():
    in_group = Q(members__status__in=IN_GROUP)
    return UnionGroup.objects.select_related("branch", "leader").annotate(
        headcount=Count("members", filter=in_group),
        member_count=Count("members", filter=in_group & Q(members__is_union_member=True)),
    )


def org_tree():
    """Three queries whatever the size: branches, groups with their counts, people in no group."""
    nodes = {branch.pk: BranchNode(branch) for branch in Branch.objects.select_related("leader")}
    loose = BranchNode(None)
    for group in groups_with_counts():
        nodes.get(group.branch_id, loose).groups.append(group)
    in_group = Q(status__in=IN_GROUP)
    ungrouped = Member.objects.filter(union_group__isnull=True).aggregate(
        headcount=Count("pk", filter=in_group), member_count=Count("pk", filter=in_group & Q(is_union_member=True))
    )
    return OrgTree(branches=list(nodes.values()), loose=loose, ungrouped=ungrouped)


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
