"""rules.py is the one answer to "may this user …?": a model permission ticked in the admin grants nothing, and
asking a permission reads no model-permission table."""

from django.contrib.auth.models import Permission

from unionportal.roles import roles_of


def test_a_model_permission_ticked_in_the_admin_grants_nothing(users):
    member = users["member"]
    member.user_permissions.add(Permission.objects.get(codename="view_member", content_type__app_label="members"))
    member = type(member).objects.get(pk=member.pk)
    assert not member.has_perm("members.view_member")


def test_a_refused_permission_reads_no_model_permission_table(users, django_assert_num_queries):
    member = users["member"]
    roles_of(member)
    with django_assert_num_queries(0):
        assert not member.has_perm("members.view_roster")
        assert not member.has_perm("welfare.view_index")
    assert users["chair"].has_perm("members.view_roster")
