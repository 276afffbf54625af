"""The chart of accounts page: accounts and funds are added, renamed and deactivated; one the books name is
never deleted, and the refusal says why."""

import pytest
from django.core.exceptions import ValidationError

from funds.models import Account, Fund
from funds.services import chart, expenses

from .factories import account, executing_budget, general_fund, paid, request

pytestmark = pytest.mark.django_db


def test_the_accountant_adds_a_sub_account_and_renames_it(client_as):
    client = client_as("accountant")
    parent = account("201")
    response = client.post(
        "/funds/chart/accounts/new/", {"code": "20109", "name": "读书活动", "kind": "expense", "parent": parent.pk}
    )
    assert response.status_code == 302
    added = Account.objects.get(code="20109")
    assert added.parent == parent and added.is_active
    client.post(f"/funds/chart/accounts/{added.pk}/", {"name": "职工读书活动", "is_active": "on"})
    assert Account.objects.get(pk=added.pk).name == "职工读书活动"
    assert "职工读书活动" in client.get("/funds/chart/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "20102", "name": "重复", "kind": "expense"}, "科目编码已被使用"),
        ({"code": "", "name": "无编码", "kind": "expense"}, "科目编码"),
        ({"code": "10109", "name": "收入挂支出", "kind": "income", "parent": "201"}, "同为收入或同为支出"),
        ({"code": "2010201", "name": "三级", "kind": "expense", "parent": "20102"}, "上级科目：.*不在可选范围内"),
    ],
)
def test_a_bad_account_is_refused_with_a_message_naming_the_field(client_as, data, message):
    import re

    if "parent" in data:
        data = {**data, "parent": account(data["parent"]).pk}
    count = Account.objects.count()
    page = client_as("chair").post("/funds/chart/accounts/new/", data).content.decode()
    assert re.search(message, page) and Account.objects.count() == count


def test_an_account_with_postings_is_not_deleted_but_can_be_deactivated(users, client_as):
    executing_budget(actor=users["accountant"])
    paid(users, code="20102")
    used = account("20102")
    client = client_as("accountant")
    page = client.post(f"/funds/chart/accounts/{used.pk}/delete/", follow=True).content.decode()
    assert "不能删除" in page and "1笔收支记录" in page and "不再使用请停用" in page
    assert Account.objects.filter(pk=used.pk).exists()
    client.post(f"/funds/chart/accounts/{used.pk}/", {"name": used.name})  # the box unticked: deactivated
    assert not Account.objects.get(pk=used.pk).is_active
    with pytest.raises(ValidationError, match="不是可用的支出科目"):
        request(users["staff"], code="20102")


def test_an_unused_account_is_deleted_after_confirmation(client_as):
    spare = Account.objects.create(code="299", name="临时科目", kind="expense")
    page = client_as("chair").get("/funds/chart/").content.decode()
    assert "删除“299 临时科目”后不能恢复" in page
    client_as("chair").post(f"/funds/chart/accounts/{spare.pk}/delete/")
    assert not Account.objects.filter(pk=spare.pk).exists()


def test_the_chart_offers_delete_only_where_nothing_names_the_row(users, client_as):
    executing_budget(actor=users["accountant"])
    paid(users, code="20102")
    Account.objects.create(code="299", name="临时科目", kind="expense")
    spare_fund = Fund.objects.create(name="备用金", opening_balance=0, sort_order=9)
    page = client_as("chair").get("/funds/chart/").content.decode()
    offered = {line.split("删除“")[1].split("”后不能恢复")[0] for line in page.splitlines() if "后不能恢复" in line}
    assert "299 临时科目" in offered and str(spare_fund) in offered
    assert not {str(account("20102")), str(account("201")), str(general_fund())} & offered


def test_a_parent_account_names_its_sub_accounts_when_refused():
    with pytest.raises(ValidationError, match="明细科目"):
        chart.delete_account(account=account("201"), actor=None)


def test_a_dedicated_fund_is_added_and_deactivated_and_then_takes_no_spending(users, client_as):
    client = client_as("accountant")
    client.post(
        "/funds/chart/funds/new/",
        {"name": "金秋助学基金", "is_dedicated": "on", "opening_balance": "0", "sort_order": "5"},
    )
    fund = Fund.objects.get(name="金秋助学基金")
    assert fund.is_dedicated and fund.is_active
    page = client.post("/funds/chart/funds/new/", {"name": "金秋助学基金", "opening_balance": "0", "sort_order": "6"})
    assert "资金名称已被使用" in page.content.decode()
    client.post(f"/funds/chart/funds/{fund.pk}/", {"name": "金秋助学基金", "sort_order": "5"})
    assert not Fund.objects.get(pk=fund.pk).is_active
    executing_budget(actor=users["accountant"])
    with pytest.raises(ValidationError, match="已停用"):
        request(users["staff"], fund=Fund.objects.get(pk=fund.pk))


def test_the_general_fund_is_never_deactivated_and_a_used_fund_never_deleted(users, client_as):
    executing_budget(actor=users["accountant"])
    request(users["staff"])
    general = general_fund()
    client = client_as("chair")
    page = client.post(f"/funds/chart/funds/{general.pk}/", {"name": general.name, "sort_order": "0"})
    assert "一般经费" in page.content.decode() and Fund.objects.get(pk=general.pk).is_active
    page = client.post(f"/funds/chart/funds/{general.pk}/delete/", follow=True).content.decode()
    assert "不能删除" in page and Fund.objects.filter(pk=general.pk).exists()


def test_only_the_accountant_and_the_chair_change_the_chart(client_as):
    spare = Account.objects.create(code="298", name="临时科目", kind="expense")
    for role in ("auditor", "staff", "welfare", "member"):
        assert client_as(role).post(f"/funds/chart/accounts/{spare.pk}/delete/").status_code == 403
    assert Account.objects.filter(pk=spare.pk).exists()


def test_a_request_already_asked_on_a_deactivated_account_still_goes_on(users):
    executing_budget(actor=users["accountant"])
    expense = request(users["staff"], code="20102")
    used = expense.account
    used.is_active = False
    chart.save_account(account=used, actor=None)
    assert expenses.review_expense(expense=expense, actor=users["accountant"]).status == "reviewed"
