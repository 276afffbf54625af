"""Retirees: not billed unless the union says so, and offered a move to the retirees' group after 退休
(member page, the status change, the import)."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from members import dues, services
from members.excel import COLUMNS
from members.models import DuesRecord, Member, UnionGroup
from unionportal.models import UnionProfile

pytestmark = pytest.mark.django_db
APRIL, MAY = datetime.date(2025, 4, 1), datetime.date(2025, 5, 1)


@pytest.fixture
def groups():
    return UnionGroup.objects.create(name="语文组"), UnionGroup.objects.create(name="离退休组")


@pytest.fixture
def people(groups):
    teacher = Member.objects.create(name="李华", gender="F", is_union_member=True, union_group=groups[0])
    retiree = Member.objects.create(name="王芳", gender="F", is_union_member=True, union_group=groups[0])
    for person in (teacher, retiree):
        DuesRecord.objects.create(member=person, month=APRIL, wage_base=6000, due=30)
    Member.objects.filter(pk=retiree.pk).update(status=Member.Status.RETIRED)
    retiree.refresh_from_db()
    return teacher, retiree


def bill_retirees(yes):
    UnionProfile.objects.update_or_create(pk=1, defaults={"name": "某校工会", "retirees_pay_dues": yes})


def test_by_default_a_retiree_is_not_billed(people):
    teacher, retiree = people
    assert [record.member for record in dues.arrears(today=MAY)] == [teacher]
    assert [record.member for record in dues.open_month(month=MAY)] == [teacher]
    assert [record.member for record in dues.month_ledger(APRIL)] == [teacher]
    totals = dues.yearly_totals(2025)
    assert totals["outstanding"] == Decimal("60.00") and totals["unpaid_lines"] == 2  # the teacher's two months
    owing = {row.name: row.outstanding for row in dues.member_totals(2025)}
    assert owing == {"李华": Decimal("60.00"), "王芳": Decimal("0.00")}
    assert dues.own_year(retiree, 2025)["outstanding"] == 0
    with pytest.raises(ValidationError, match="王芳 已退休，本会不收取退休后的会费"):
        dues.set_wage_base(member=retiree, month=MAY, wage_base="5000")


def test_months_before_she_retired_stay_owed(groups):
    person = Member.objects.create(name="赵敏", gender="F", is_union_member=True, union_group=groups[0])
    for month in (APRIL, MAY):
        DuesRecord.objects.create(member=person, month=month, wage_base=6000, due=30)
    services.retire(member=person, on=datetime.date(2025, 4, 15))
    person.refresh_from_db()
    assert [record.month for record in dues.arrears(today=MAY)] == [APRIL]
    assert dues.yearly_totals(2025)["outstanding"] == Decimal("30.00")
    assert [row.outstanding for row in dues.member_totals(2025)] == [Decimal("30.00")]
    assert dues.own_year(person, 2025)["outstanding"] == Decimal("30.00")
    assert dues.set_wage_base(member=person, month=APRIL, wage_base="5000").due == Decimal("25.00")
    with pytest.raises(ValidationError, match="赵敏 已退休"):
        dues.set_wage_base(member=person, month=MAY, wage_base="5000")


def test_what_a_retiree_paid_still_counts_and_shows(people):
    _teacher, retiree = people
    dues.mark_paid(record=retiree.dues.get(), on=datetime.date(2025, 4, 20), amount="10")
    assert dues.yearly_totals(2025)["paid"] == Decimal("10.00")
    assert retiree in [record.member for record in dues.month_ledger(APRIL)]
    assert retiree not in [record.member for record in dues.arrears(today=MAY)]


def test_a_union_that_bills_retirees_chases_them(people):
    teacher, retiree = people
    bill_retirees(True)
    assert {record.member for record in dues.arrears(today=MAY)} == {teacher, retiree}
    assert {record.member for record in dues.open_month(month=MAY)} == {teacher, retiree}
    assert dues.yearly_totals(2025)["outstanding"] == Decimal("120.00")
    assert dues.set_wage_base(member=retiree, month=MAY, wage_base="5000").due == Decimal("25.00")


def test_the_setting_is_on_the_union_profile_and_named_on_the_dues_settings_page(client_as, people):
    client = client_as("chair")
    assert "本会退休职工不缴纳会费" in client.get("/members/dues/settings/").content.decode()
    bill_retirees(True)
    assert "本会退休职工缴纳会费" in client.get("/members/dues/settings/").content.decode()
    assert 'name="retirees_pay_dues"' in client.get("/profile/").content.decode()


def test_the_retirees_group_is_the_one_marked_or_else_the_one_named_so(groups):
    assert UnionGroup.objects.for_retirees() == groups[1]
    marked = UnionGroup.objects.create(name="老同志组", for_retirees=True)
    assert UnionGroup.objects.for_retirees() == marked
    UnionGroup.objects.all().update(dissolved_on=datetime.date(2025, 1, 1))
    assert UnionGroup.objects.for_retirees() is None


def test_retiring_offers_the_move_and_the_button_moves_her(client_as, groups):
    person = Member.objects.create(name="赵敏", gender="F", is_union_member=True, union_group=groups[0])
    client = client_as("staff")
    response = client.post(
        f"/members/{person.pk}/events/new/", {"kind": "retire", "occurred_on": "2025-03-01"}, follow=True
    )
    page = response.content.decode()
    assert '赵敏 已退休，现在在“语文组”。可<a href="#retirees-group">移入退休职工小组“离退休组”</a>。' in page
    assert 'data-testid="move-to-retirees"' in page
    response = client.post(f"/members/{person.pk}/retirees-group/", follow=True)
    assert "已将 赵敏 移入“离退休组”。" in response.content.decode()
    person.refresh_from_db()
    assert person.union_group == groups[1]
    assert person.events.filter(kind="group_move", to_group=groups[1]).exists()
    assert 'data-testid="move-to-retirees"' not in client.get(f"/members/{person.pk}/").content.decode()


def test_only_a_retiree_not_in_the_group_is_offered(groups):
    person = Member.objects.create(name="赵敏", gender="F", union_group=groups[0])
    assert services.retirees_group_offer(person) is None
    with pytest.raises(ValidationError, match="不是退休人员，或已在退休职工小组"):
        services.move_to_retirees_group(member=person)


def test_a_member_cannot_move_anyone(client_as, groups):
    person = Member.objects.create(name="赵敏", gender="F", union_group=groups[0], status=Member.Status.RETIRED)
    assert client_as("member").post(f"/members/{person.pk}/retirees-group/").status_code == 403
    person.refresh_from_db()
    assert person.union_group == groups[0]


def _sheet():
    book = Workbook()
    book.active.append([title for title, _name in COLUMNS])
    for name, status in (("钱进", "在职"), ("孙立", "退休")):
        book.active.append([name, "男", "", "", "", "", "语文组", "在编", status, "", "", "", "否", "", "", ""])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("ticked", [True, False])
def test_the_import_offers_the_retirees_group(client_as, groups, settings, tmp_path, ticked):
    settings.MEDIA_ROOT = tmp_path
    client = client_as("chair")
    upload = SimpleUploadedFile("名册.xlsx", _sheet())
    preview = client.post("/members/import/", {"file": upload}).content.decode()
    assert "1 名退休人员不在退休职工小组，导入时移入“离退休组”" in preview
    client.post("/members/import/confirm/", {"retirees_to_group": "1"} if ticked else {})
    assert Member.objects.get(name="孙立").union_group == (groups[1] if ticked else groups[0])
    assert Member.objects.get(name="钱进").union_group == groups[0]
