import rules

from unionportal.roles import is_chair, is_logged_in, is_staff


@rules.predicate
def has_member_record(user):
    return user.is_authenticated and hasattr(user, "member")


@rules.predicate
def leads_a_union_group(user):
    """Union group leaders (工会小组长) enter their group's team."""
    if not has_member_record(user):
        return False
    from members.models import UnionGroup

    return UnionGroup.objects.filter(leader=user.member).exists()


organises = is_chair | is_staff

rules.add_perm("activities.view_index", is_logged_in)
rules.add_perm("activities.view_event", is_logged_in)
rules.add_perm("activities.sign_up", has_member_record)
rules.add_perm("activities.sign_up_team", organises | leads_a_union_group)
rules.add_perm("activities.manage_event", organises)
rules.add_perm("activities.view_honours", is_logged_in)
rules.add_perm("activities.manage_honours", organises)
rules.add_perm("activities.check_in_self", has_member_record)
