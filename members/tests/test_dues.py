import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from members import dues
from members.models import DuesRecord, DuesSettings, Member, UnionGroup

MAY = datetime.date(2025, 5, 1)
PAY_DAY = datetime.date(2025, 5, 20)


@pytest.mark.parametrize(
    ("wage_base", "rate", "expected"),
    [
        ("6000", "0.005", "30.00"),
        ("4321", "0.005", "21.61"),  # 21.605 rounds half up, not to even
        ("4329", "0.005", "21.65"),  # 21.645
        ("1", "0.005", "0.01"),  # 0.005 → 0.01
        ("0.99", "0.005", "0.00"),  # 0.00495
        ("8765.43", "0.0050", "43.83"),
    ],
)
def test_dues_are_rounded_half_up_to_the_fen(wage_base, rate, expected):
    assert dues.dues_for(Decimal(wage_base), Decimal(rate)) == Decimal(expected)


def test_hand_up_share_rounds_half_up():
    assert dues.hand_up_for(Decimal("100.05"), Decimal("0.4")) == Decimal("40.02")
    assert dues.hand_up_for(Decimal("0.05"), Decimal("0.5")) == Decimal("0.03")


def test_default_rate_is_half_a_percent(db):
    settings = DuesSettings.current()
    assert settings.rate == Decimal("0.0050")


@pytest.fixture
def group(db):
    return UnionGroup.objects.create(name="语文组")


@pytest.fixture
def member(group):
    return Member.objects.create(name="李华", gender="F", is_union_member=True, union_group=group)


def test_wage_base_sets_the_due_amount(member):
    record = dues.set_wage_base(member=member, month=datetime.date(2025, 5, 17), wage_base="6543.21")
    assert record.month == MAY and record.due == Decimal("32.72")


def test_non_members_owe_no_dues(group):
    person = Member.objects.create(name="临时工", gender="M", is_union_member=False, union_group=group)
    with pytest.raises(ValidationError, match="不是工会会员"):
        dues.set_wage_base(member=person, month=MAY, wage_base="3000")


def test_paid_month_cannot_be_rebased(member):
    record = dues.set_wage_base(member=member, month=MAY, wage_base="6000")
    dues.mark_paid(record=record, on=PAY_DAY)
    with pytest.raises(ValidationError, match="已缴"):
        dues.set_wage_base(member=member, month=MAY, wage_base="7000")
    with pytest.raises(ValidationError, match="已缴清"):
        dues.mark_paid(record=record, on=PAY_DAY)


def test_mark_group_paid_pays_only_that_group_and_month(member, group):
    other_group = UnionGroup.objects.create(name="数学组")
    other = Member.objects.create(name="王五", gender="M", is_union_member=True, union_group=other_group)
    dues.set_wage_base(member=member, month=MAY, wage_base="6000")
    dues.set_wage_base(member=member, month=datetime.date(2025, 4, 1), wage_base="6000")
    dues.set_wage_base(member=other, month=MAY, wage_base="5000")
    ticked = [member, other]  # 王五 is of another group: not paid by this group's action
    assert dues.mark_group_paid(union_group=group, month=MAY, on=PAY_DAY, members=ticked) == 1
    paid = DuesRecord.objects.get(member=member, month=MAY)
    assert paid.paid == Decimal("30.00") and paid.paid_on == PAY_DAY
    assert [r.member.name for r in dues.arrears(today=MAY)] == ["李华", "王五"]
    with pytest.raises(ValidationError, match="没有未缴"):
        dues.mark_group_paid(union_group=group, month=MAY, on=PAY_DAY, members=ticked)


def test_mark_group_paid_pays_only_the_members_ticked(member, group):
    absent = Member.objects.create(name="赵六", gender="M", is_union_member=True, union_group=group)
    dues.set_wage_base(member=member, month=MAY, wage_base="6000")
    dues.set_wage_base(member=absent, month=MAY, wage_base="5000")
    assert dues.mark_group_paid(union_group=group, month=MAY, on=PAY_DAY, members=[member]) == 1
    assert [r.member.name for r in dues.arrears(today=MAY)] == ["赵六"]
    with pytest.raises(ValidationError, match="请在台账中勾选"):
        dues.mark_group_paid(union_group=group, month=MAY, on=PAY_DAY, members=[])


def test_open_month_carries_the_latest_wage_base(member):
    dues.set_wage_base(member=member, month=datetime.date(2025, 3, 1), wage_base="5000")
    dues.set_wage_base(member=member, month=datetime.date(2025, 4, 1), wage_base="6000")
    created = dues.open_month(month=MAY)
    assert [(r.wage_base, r.due) for r in created] == [(Decimal("6000.00"), Decimal("30.00"))]
    assert dues.open_month(month=MAY) == []


def test_yearly_totals_with_hand_up_share(member):
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.4"), year=2025)
    for month in (1, 2, 3):
        record = dues.set_wage_base(member=member, month=datetime.date(2025, month, 1), wage_base="4321")
        if month < 3:
            dues.mark_paid(record=record, on=PAY_DAY)
    totals = dues.yearly_totals(2025)
    assert totals["due"] == Decimal("64.83")
    assert totals["paid"] == Decimal("43.22")
    assert totals["outstanding"] == Decimal("21.61")
    assert totals["hand_up"] == Decimal("17.29")  # 17.288
    assert totals["retained"] == Decimal("25.93")


def test_changing_one_years_hand_up_share_leaves_another_years_totals(member):
    for year in (2024, 2025):
        record = dues.set_wage_base(member=member, month=datetime.date(year, 5, 1), wage_base="5000")
        dues.mark_paid(record=record, on=datetime.date(year, 5, 20))
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.4"), year=2024)
    before = dues.yearly_totals(2024)
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.1"), year=2025)
    assert dues.yearly_totals(2024) == before and before["hand_up"] == Decimal("10.00")
    assert dues.yearly_totals(2025)["hand_up"] == Decimal("2.50") and dues.yearly_totals(2025)["share"] == Decimal(
        "0.1"
    )


def test_a_year_never_set_retains_its_dues_in_full(member):
    record = dues.set_wage_base(member=member, month=datetime.date(2023, 5, 1), wage_base="5000")
    dues.mark_paid(record=record, on=datetime.date(2023, 5, 20))
    totals = dues.yearly_totals(2023)
    assert (totals["hand_up"], totals["retained"]) == (Decimal("0.00"), Decimal("25.00"))


def test_settings_refuse_absurd_rates(db):
    with pytest.raises(ValidationError, match="会费比例"):
        dues.update_settings(rate=Decimal("0"), hand_up_share=Decimal("0.4"))
    with pytest.raises(ValidationError, match="上缴比例"):
        dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("1.5"))


def test_part_payments_add_up_and_never_exceed_the_due(member):
    record = dues.set_wage_base(member=member, month=MAY, wage_base="4321")  # due 21.61
    dues.mark_paid(record=record, on=PAY_DAY, amount="10.005")  # half up to 10.01
    with pytest.raises(ValidationError, match="超过欠缴的 11.60 元"):
        dues.mark_paid(record=record, on=PAY_DAY, amount="11.61")
    record = dues.mark_paid(record=record, on=PAY_DAY)
    assert record.paid == Decimal("21.61") and record.arrears == Decimal("0")
    assert not dues.arrears(today=MAY).exists()


def test_yearly_totals_per_member_add_up_to_the_union_totals(member, group):
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.4"), year=2025)
    other = Member.objects.create(name="王五", gender="M", is_union_member=True, union_group=group)
    for month in (1, 2, 3):
        day = datetime.date(2025, month, 1)
        mine = dues.set_wage_base(member=member, month=day, wage_base="4329")  # 21.645 → 21.65
        theirs = dues.set_wage_base(member=other, month=day, wage_base="3333.33")  # 16.66665 → 16.67
        dues.mark_paid(record=mine, on=PAY_DAY)
        if month == 1:
            dues.mark_paid(record=theirs, on=PAY_DAY, amount="5")
    dues.set_wage_base(member=other, month=datetime.date(2024, 12, 1), wage_base="9000")  # another year
    rows = {m.name: (m.due_sum, m.paid_sum, m.outstanding, m.months) for m in dues.member_totals(2025)}
    assert rows == {
        "李华": (Decimal("64.95"), Decimal("64.95"), Decimal("0.00"), 3),
        "王五": (Decimal("50.01"), Decimal("5.00"), Decimal("45.01"), 3),
    }
    totals = dues.yearly_totals(2025)
    assert (totals["due"], totals["paid"], totals["outstanding"]) == (
        Decimal("114.96"), Decimal("69.95"), Decimal("45.01"),
    )  # fmt: skip
    assert totals["hand_up"] == Decimal("27.98")  # 27.980
    assert totals["retained"] == Decimal("41.97")
    arrears = dues.arrears(today=datetime.date(2025, 3, 31))
    assert [(line.member.name, f"{line.month:%Y-%m}", line.arrears) for line in arrears] == [
        ("王五", "2024-12", Decimal("45.00")),
        ("王五", "2025-01", Decimal("11.67")),
        ("王五", "2025-02", Decimal("16.67")),
        ("王五", "2025-03", Decimal("16.67")),
    ]


def test_own_year_sums_one_members_lines(member):
    for month in (1, 2):
        dues.set_wage_base(member=member, month=datetime.date(2025, month, 1), wage_base="1")  # 0.005 → 0.01
    own = dues.own_year(member, 2025)
    assert (own["due"], own["paid"], own["outstanding"]) == (Decimal("0.02"), Decimal("0.00"), Decimal("0.02"))
    assert dues.years_on_ledger(member) == [2025]


def test_a_share_of_ten_or_sixty_percent_is_shown_as_typed():
    from members.forms import PercentField

    field = PercentField()
    assert [field.prepare_value(Decimal(share)) for share in ("0.1", "0.6", "0.005")] == ["10", "60", "0.5"]
