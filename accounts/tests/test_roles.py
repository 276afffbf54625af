import pytest
from django.core.exceptions import ValidationError

from accounts import assignments
from accounts.models import RoleAssignment
from members.models import Department, Member


def member_of(user):
    return Member.objects.get(user=user)


def test_chair_gives_and_withdraws_a_role_with_reasons_kept_as_history(users, client_as):
    client = client_as("chair")
    target = member_of(users["member"])
    response = client.post(
        "/accounts/roles/", {"role": "accountant", "member": target.pk, "reason": "委员会决定（2026-3号）"}, follow=True
    )
    assert "已任命 member 为财务" in response.content.decode()
    assert users["member"].groups.filter(name="accountant").exists()
    response = client.post(f"/accounts/roles/{target.pk}/accountant/withdraw/", {"reason": "调任他职"}, follow=True)
    assert "已撤销 member 的财务角色" in response.content.decode()
    assert not users["member"].groups.filter(name="accountant").exists()
    row = RoleAssignment.objects.get()
    assert (row.start_reason, row.end_reason, row.assigned_by, row.withdrawn_by) == (
        "委员会决定（2026-3号）",
        "调任他职",
        users["chair"],
        users["chair"],
    )
    assert "调任他职" in client.get("/accounts/roles/").content.decode()


def test_nobody_can_remove_the_last_chair(users, client_as):
    chair = member_of(users["chair"])
    response = client_as("chair").post(f"/accounts/roles/{chair.pk}/chair/withdraw/", {"reason": "换届"}, follow=True)
    assert "唯一的主席" in response.content.decode()
    assert users["chair"].groups.filter(name="chair").exists()
    assert not RoleAssignment.objects.exists()


def test_a_second_chair_lets_the_first_step_down(users):
    assignments.assign_role(member=member_of(users["staff"]), role="chair", reason="换届选举", actor=users["chair"])
    row = assignments.withdraw_role(member=member_of(users["chair"]), role="chair", reason="换届", actor=users["chair"])
    assert row.start_reason == "启用本系统前已担任" and row.started_on is None


def test_a_role_for_someone_not_in_service_is_refused(users):
    retired = member_of(users["member"])
    Member.objects.filter(pk=retired.pk).update(status=Member.Status.RETIRED)
    with pytest.raises(ValidationError, match="不在职，不能担任委员"):
        assignments.assign_role(member=retired, role="staff", reason="x", actor=users["chair"])
    assert not RoleAssignment.objects.exists()


def test_a_role_for_someone_without_a_login_is_refused(users):
    nobody = Member.objects.create(name="无账号", gender="M")
    with pytest.raises(ValidationError, match="没有可用的登录账号"):
        assignments.assign_role(member=nobody, role="welfare", reason="x", actor=users["chair"])


def test_a_handler_answers_for_one_department_which_has_one_handler(users):
    office = Department.objects.create(name="教务处")
    assignments.assign_role(
        member=member_of(users["member"]), role="handler", department=office, reason="处长", actor=users["chair"]
    )
    office.refresh_from_db()
    assert office.head == member_of(users["member"])
    with pytest.raises(ValidationError, match="教务处已有承办人 member"):
        assignments.assign_role(
            member=member_of(users["staff"]), role="handler", department=office, reason="x", actor=users["chair"]
        )
    with pytest.raises(ValidationError, match="须选择承办部门"):
        assignments.assign_role(member=member_of(users["staff"]), role="handler", reason="x", actor=users["chair"])
    assignments.withdraw_role(
        member=member_of(users["member"]), role="handler", department=office, reason="退休", actor=users["chair"]
    )
    office.refresh_from_db()
    assert office.head is None
    assert not users["member"].groups.filter(name="handler").exists()


def test_the_form_names_each_missing_field_in_chinese(users, client_as):
    page = client_as("chair").post("/accounts/roles/", {"reason": ""}).content.decode()
    assert "请选择角色。" in page and "请选择人员。" in page and "请填写任命理由" in page


def test_roles_page_reads_in_a_fixed_number_of_queries(users, client_as, django_assert_max_num_queries):
    client = client_as("chair")
    for name in ("甲", "乙", "丙"):
        from django.contrib.auth.models import User

        user = User.objects.create_user(name)
        Member.objects.create(name=name, gender="M", user=user)
        assignments.assign_role(member=user.member, role="staff", reason="x", actor=users["chair"])
    with django_assert_max_num_queries(30):
        assert client.get("/accounts/roles/").status_code == 200
