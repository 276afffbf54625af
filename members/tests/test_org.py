import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activities.models import Honour
from members import org, services
from members.models import Branch, Member, UnionGroup
from members.org_forms import UnionGroupForm
from members.registration import freeze_year


def person(name, group=None, member=True, status=Member.Status.ACTIVE):
    return Member.objects.create(name=name, gender="F", union_group=group, is_union_member=member, status=status)


@pytest.fixture
def chinese(db):
    return UnionGroup.objects.create(name="语文组")


@pytest.fixture
def maths(db):
    return UnionGroup.objects.create(name="数学组")


def test_group_leader_must_be_in_the_group(chinese, maths):
    outsider = person("王芳", maths)
    chinese.leader = outsider
    with pytest.raises(ValidationError, match="组长须是本小组的成员"):
        org.save_group(chinese)


def test_group_leader_must_be_a_union_member(chinese):
    chinese.leader = person("临时工", chinese, member=False)
    with pytest.raises(ValidationError, match="组长须是工会会员"):
        org.save_group(chinese)


def test_branch_chair_must_belong_to_one_of_its_groups(chinese, maths):
    branch = Branch.objects.create(name="初中部分会")
    chinese.branch = branch
    chinese.save()
    branch.leader = person("李明", maths)
    with pytest.raises(ValidationError, match="不在本分会"):
        org.save_branch(branch)
    branch.leader = person("赵丽", chinese)
    org.save_branch(branch)
    assert Branch.objects.get().leader.name == "赵丽"


def test_a_leader_who_moves_to_another_group_stops_leading_the_old_one(chinese, maths):
    leader = person("张伟", chinese)
    chinese.leader = leader
    org.save_group(chinese)
    services.move_group(member=leader, to_group=maths, on=datetime.date(2025, 9, 1))
    chinese.refresh_from_db()
    assert chinese.leader is None
    assert leader.events.get().to_group == maths


def test_a_leader_who_transfers_out_leaves_the_post_vacant(chinese):
    leader = person("张伟", chinese)
    chinese.leader = leader
    org.save_group(chinese)
    services.transfer_out(member=leader, on=datetime.date(2025, 9, 1), to_union="市一中工会")
    chinese.refresh_from_db()
    assert chinese.leader is None


def test_org_tree_counts_people_in_post_and_retired_but_not_those_who_left(chinese, maths):
    branch = Branch.objects.create(name="高中部分会")
    maths.branch = branch
    maths.save()
    person("甲", chinese)
    person("乙", chinese, member=False)
    person("丙", chinese, status=Member.Status.RETIRED)
    person("丁", chinese, member=False, status=Member.Status.TRANSFERRED)
    person("戊", maths)
    person("己")
    tree = org.org_tree()
    (group,) = tree.loose.groups
    assert (group.headcount, group.member_count) == (3, 2)
    assert [(node.branch.name, node.headcount) for node in tree.branches] == [("高中部分会", 1)]
    assert (tree.headcount, tree.member_count) == (5, 4)


def test_group_form_refuses_a_leader_from_another_group_in_chinese_and_keeps_the_name(chinese, maths):
    outsider = person("王芳", maths)
    form = UnionGroupForm({"name": "语文组（新）", "leader": outsider.pk, "sort_order": 0}, instance=chinese)
    assert not form.is_valid()
    assert form.errors["leader"] == ["组长须是本小组的会员。"]
    assert form["name"].value() == "语文组（新）"


def test_a_new_group_cannot_have_a_leader_yet(db):
    someone = person("王芳")
    form = UnionGroupForm({"name": "新组", "leader": someone.pk, "sort_order": 0})
    assert not form.is_valid() and "leader" in form.errors


def test_staff_creates_a_group_then_sets_its_leader(client_as, users, chinese):
    client = client_as("staff")
    response = client.post("/members/org/groups/new/", {"name": "英语组", "sort_order": 3})
    assert response.status_code == 302
    english = UnionGroup.objects.get(name="英语组")
    leader = person("孙佳怡", english)
    edit = {"name": "英语组", "leader": leader.pk, "sort_order": 3}
    response = client.post(f"/members/org/groups/{english.pk}/edit/", edit)
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.leader == leader
    page = client.get("/members/org/").content.decode()
    assert "英语组" in page and "孙佳怡" in page


def test_duplicate_group_name_is_refused_in_chinese(client_as, chinese):
    response = client_as("staff").post("/members/org/groups/new/", {"name": "语文组", "sort_order": 0})
    assert "已有同名小组" in response.content.decode()


def test_member_page_shows_group_history(client_as, chinese, maths):
    mover = person("周敏", chinese)
    services.move_group(member=mover, to_group=maths, on=datetime.date(2025, 9, 1))
    content = client_as("staff").get(f"/members/{mover.pk}/").content.decode()
    assert "工会小组经历" in content and "2025-09-01" in content and "语文组 → 数学组" in content


@pytest.mark.parametrize("groups", [2, 40])
def test_org_tree_runs_a_fixed_number_of_queries(groups, client_as, django_assert_max_num_queries):
    client = client_as("member")
    branch = Branch.objects.create(name="分会")
    for i in range(groups):
        group = UnionGroup.objects.create(name=f"组{i}", branch=branch if i % 2 else None)
        group.leader = person(f"组长{i}", group)
        group.save()
        person(f"组员{i}", group)
    with django_assert_max_num_queries(11):  # the menu asks once for a 公开领导小组 seat
        response = client.get("/members/org/")
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="group-row"') == groups


def test_an_empty_group_is_deleted(chinese):
    org.delete_group(chinese)
    assert not UnionGroup.objects.exists()


@pytest.mark.parametrize("status", [Member.Status.ACTIVE, Member.Status.RETIRED, Member.Status.TRANSFERRED])
def test_a_group_with_people_in_it_is_not_deleted_even_if_they_retired_or_left(chinese, status):
    person("王芳", chinese, status=status)
    with pytest.raises(
        ValidationError, match="「语文组」还有 1 名人员（含退休人员），不能删除；请先把他们调到其他小组。"
    ):
        org.delete_group(chinese)
    assert UnionGroup.objects.filter(pk=chinese.pk).exists()


def test_a_group_in_a_frozen_years_registration_is_not_deleted(chinese):
    year = timezone.localdate().year
    freeze_year(year=year)
    with pytest.raises(ValidationError, match=f"已记入 {year} 年度登记，往年的登记要保留它"):
        org.delete_group(chinese)


def test_a_group_in_someones_group_move_history_is_not_deleted(chinese, maths):
    mover = person("周敏", chinese)
    services.move_group(member=mover, to_group=maths, on=datetime.date(2025, 9, 1))
    with pytest.raises(ValidationError, match="出现在人员的调组记录中"):
        org.delete_group(chinese)


def test_a_protected_reference_is_a_refusal_naming_it(chinese):
    Honour.objects.create(title="先进集体", union_group=chinese, year=2025, awarding_body="教育局")
    with pytest.raises(ValidationError, match="「语文组」仍被表彰引用，不能删除。"):
        org.delete_group(chinese)


def test_a_branch_with_groups_is_not_deleted_until_they_leave_it(chinese):
    branch = Branch.objects.create(name="初中部分会")
    chinese.branch = branch
    chinese.save()
    with pytest.raises(ValidationError, match="分会「初中部分会」下还有 1 个工会小组，不能删除"):
        org.delete_branch(branch)
    chinese.branch = None
    chinese.save()
    org.delete_branch(branch)
    assert not Branch.objects.exists()


def test_staff_deletes_an_empty_group_by_post_only(client_as, chinese):
    client = client_as("staff")
    url = f"/members/org/groups/{chinese.pk}/delete/"
    assert "删除" in client.get("/members/org/").content.decode()
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/members/org/", 302)]
    assert "已删除：语文组" in response.content.decode()
    assert not UnionGroup.objects.exists()


def test_a_refused_delete_says_why_on_the_tree(client_as, chinese):
    person("王芳", chinese)
    response = client_as("staff").post(f"/members/org/groups/{chinese.pk}/delete/", follow=True)
    assert "请先把他们调到其他小组" in response.content.decode()
    assert UnionGroup.objects.filter(pk=chinese.pk).exists()


def test_staff_deletes_an_empty_branch(client_as):
    branch = Branch.objects.create(name="初中部分会")
    response = client_as("staff").post(f"/members/org/branches/{branch.pk}/delete/", follow=True)
    assert "已删除：初中部分会" in response.content.decode()
    assert not Branch.objects.exists()


def test_a_role_without_change_org_cannot_delete_a_group(client_as, chinese):
    assert client_as("member").post(f"/members/org/groups/{chinese.pk}/delete/").status_code == 403
    assert UnionGroup.objects.filter(pk=chinese.pk).exists()


TODAY = timezone.localdate()


def test_a_dissolved_group_leaves_the_choice_lists_and_keeps_its_history(chinese, maths):
    mover = person("周敏", chinese, status=Member.Status.ACTIVE)
    services.move_group(member=mover, to_group=maths, on=datetime.date(2025, 9, 1))
    org.dissolve_group(chinese, on=TODAY)
    chinese.refresh_from_db()
    assert chinese.dissolved_on == TODAY
    assert list(UnionGroup.objects.current()) == [maths]
    assert mover.events.get().from_group == chinese


@pytest.mark.parametrize("status", [Member.Status.ACTIVE, Member.Status.RETIRED])
def test_a_group_with_people_in_post_or_retired_is_not_dissolved(chinese, status):
    person("王芳", chinese, status=status)
    with pytest.raises(ValidationError, match="「语文组」还有 1 名在职或退休人员，不能撤销"):
        org.dissolve_group(chinese, on=TODAY)
    chinese.refresh_from_db()
    assert chinese.dissolved_on is None


def test_those_who_left_keep_a_dissolved_group_as_their_last(chinese, maths):
    gone = person("钱进", chinese, status=Member.Status.TRANSFERRED, member=False)
    org.dissolve_group(chinese, on=TODAY)
    gone.refresh_from_db()
    assert gone.union_group == chinese
    services.transfer_in(member=gone, on=TODAY, from_union="区教育工会")
    gone.refresh_from_db()
    assert gone.union_group is None  # back in post, in no group until placed


def test_nobody_is_put_in_a_dissolved_group(chinese, maths):
    org.dissolve_group(chinese, on=TODAY)
    with pytest.raises(ValidationError, match="工会小组「语文组」已撤销"):
        services.move_group(member=person("孙丽", maths), to_group=chinese, on=TODAY)
    with pytest.raises(ValidationError, match="已撤销"):
        services.create_member(name="新人", gender="F", union_group=chinese)
    with pytest.raises(ValidationError, match="已撤销"):
        services.update_member(member=person("无组", None), union_group=chinese)


def test_a_dissolved_group_is_restored(chinese):
    org.dissolve_group(chinese, on=TODAY)
    with pytest.raises(ValidationError, match="已于"):
        org.dissolve_group(chinese, on=TODAY)
    org.restore_group(chinese)
    assert list(UnionGroup.objects.current()) == [chinese]


def test_staff_dissolve_a_group_on_the_tree_then_restore_it(client_as, chinese, maths):
    client = client_as("staff")
    assert "确认撤销" in client.get("/members/org/").content.decode()
    url = f"/members/org/groups/{chinese.pk}/dissolve/"
    assert client.get(url).status_code == 405
    response = client.post(url, {"on": TODAY.isoformat()}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [("/members/org/", 302)]
    assert "已撤销：语文组" in page and 'data-testid="dissolved-groups"' in page
    assert page.count('data-testid="group-row"') == 1
    assert f'<option value="{chinese.pk}"' not in client.get("/members/new/").content.decode()
    response = client.post(f"/members/org/groups/{chinese.pk}/restore/", follow=True)
    assert "已恢复：语文组" in response.content.decode()
    assert UnionGroup.objects.current().count() == 2


@pytest.mark.parametrize(
    ("on", "error"), [("", "请填写撤销日期"), ("2025-13-40", "撤销日期格式不对"), ("2999-01-01", "不能晚于今天")]
)
def test_a_bad_dissolve_date_is_refused_in_chinese(client_as, chinese, on, error):
    response = client_as("staff").post(f"/members/org/groups/{chinese.pk}/dissolve/", {"on": on}, follow=True)
    assert error in response.content.decode()
    chinese.refresh_from_db()
    assert chinese.dissolved_on is None


def test_a_refused_dissolve_says_why_on_the_tree(client_as, chinese):
    person("王芳", chinese)
    response = client_as("staff").post(
        f"/members/org/groups/{chinese.pk}/dissolve/", {"on": TODAY.isoformat()}, follow=True
    )
    assert "请先把他们调到其他小组" in response.content.decode()


def test_a_former_members_form_keeps_their_dissolved_group(chinese):
    from members.forms import MemberForm

    gone = person("钱进", chinese, status=Member.Status.TRANSFERRED, member=False)
    org.dissolve_group(chinese, on=TODAY)
    assert chinese in MemberForm(instance=gone).fields["union_group"].queryset
    assert chinese not in MemberForm().fields["union_group"].queryset
