"""The demo union's dues ledger: this year's months, mostly paid, with part payments and arrears to show."""

import io
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from members import demo, dues
from members.models import DuesRecord, Member

pytestmark = pytest.mark.django_db


def test_demo_ledger_has_this_years_months_with_paid_part_paid_and_arrears_and_reloads_unchanged():
    demo.load(io.StringIO())
    first = list(DuesRecord.objects.order_by("pk").values_list("member", "month", "due", "paid", "paid_on"))
    demo.load(io.StringIO())
    assert list(DuesRecord.objects.order_by("pk").values_list("member", "month", "due", "paid", "paid_on")) == first

    today = timezone.localdate()
    paying = Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True)
    assert set(DuesRecord.objects.values_list("month__year", flat=True)) == {today.year}
    assert DuesRecord.objects.count() == paying.count() * today.month
    records = DuesRecord.objects.all()
    paid_in_full = records.filter(paid=F("due"))
    assert paid_in_full.count() > 0.9 * records.count()
    assert records.filter(paid__gt=0, paid__lt=F("due")).exists()  # 部分缴纳
    assert records.filter(paid=0, month__lt=today.replace(day=1)).exists() or today.month == 1  # 欠缴 of past months
    assert not records.filter(paid__gt=0, paid_on=None).exists()
    assert not records.filter(paid_on__gt=today).exists()

    totals = dues.yearly_totals(today.year)
    assert 0 < totals["outstanding"] < totals["paid"]
    assert dues.hand_up_share(today.year) > 0 and 0 < totals["hand_up"] < totals["paid"]
    assert totals["due"].as_tuple().exponent == -2  # in fen, also where SQLite sums lose the decimals


def test_a_reload_keeps_the_hand_up_share_the_chair_set():
    demo.load(io.StringIO())
    dues.update_settings(rate=Decimal("0.005"), hand_up_share=Decimal("0.3"))
    demo.load(io.StringIO())
    assert dues.hand_up_share(timezone.localdate().year) == Decimal("0.3")
