import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure import services as disclosure_services
from disclosure.flows import FLOW as DISCLOSURE_FLOW
from disclosure.models import DisclosureItem
from disclosure.services import load_categories
from funds.models import Attachment, AttachmentRead, Audit, Finding
from funds.services import audits
from funds.services.publication import publish_year
from unionportal.models import UnionKind, UnionProfile

from .factories import executing_budget, paid

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def audit(users):
    executing_budget(actor=users["accountant"])
    return audits.open_audit(
        kind=Audit.Kind.ANNUAL,
        title=f"{TODAY.year}年度经费审查",
        year=TODAY.year,
        period_from=TODAY.replace(month=1, day=1),
        period_to=TODAY,
        actor=users["auditor"],
    )


def test_an_audit_reads_every_sampled_voucher_before_it_finishes(users, audit, client_as):
    expense = paid(users)
    audits.sample(audit=audit, expenses=[expense], actor=users["auditor"])
    with pytest.raises(ValidationError, match="1 张抽查的票据没有查阅"):
        audits.finish(audit=audit, conclusion="账目清楚", finished_on=TODAY, actor=users["auditor"])
    attachment = Attachment.objects.get(expense=expense)
    response = client_as("auditor").get(f"/funds/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AttachmentRead.objects.filter(attachment=attachment, reader=users["auditor"]).count() == 1
    audits.finish(audit=audit, conclusion="账目清楚", finished_on=TODAY, actor=users["auditor"])
    assert Audit.objects.get(pk=audit.pk).status == Audit.Status.FINISHED


def test_only_paid_expenses_of_the_period_are_sampled(users, audit):
    from .factories import approved

    with pytest.raises(ValidationError, match="不是审查期间内已支付的支出"):
        audits.sample(audit=audit, expenses=[approved(users)], actor=users["auditor"])


def test_a_finding_is_followed_to_rectified_even_after_the_audit_finished(users, audit):
    finding = audits.add_finding(
        audit=audit,
        problem="两张发票抬头不是工会",
        responsible="李秀兰",
        deadline=TODAY + datetime.timedelta(days=30),
        actor=users["auditor"],
    )
    audits.finish(audit=audit, conclusion="基本规范", finished_on=TODAY, actor=users["auditor"])
    with pytest.raises(ValidationError, match="已完成"):
        audits.add_finding(audit=audit, problem="x", responsible="y", deadline=TODAY, actor=users["auditor"])
    with pytest.raises(ValidationError, match="整改情况"):
        audits.rectify(finding=finding, rectification=" ", rectified_on=TODAY, actor=users["auditor"])
    audits.rectify(finding=finding, rectification="已换开发票", rectified_on=TODAY, actor=users["auditor"])
    assert Finding.objects.get(pk=finding.pk).status == Finding.Status.RECTIFIED


def test_the_auditor_reads_the_books_but_changes_nothing_but_audits(users, client_as):
    from .factories import request

    executing_budget(actor=users["accountant"])
    expense = request(users["staff"])
    client = client_as("auditor")
    assert client.get(expense.get_absolute_url()).status_code == 200
    client.post(f"/funds/expenses/{expense.pk}/review/", {"review-note": ""})
    expense.refresh_from_db()
    assert expense.status == "submitted"
    assert client.get("/funds/income/new/").status_code == 403
    assert client.get("/funds/audits/new/").status_code == 200


def test_the_years_summary_goes_to_the_boards_review_in_one_action_and_once(users, client_as):
    UnionProfile.objects.update_or_create(pk=1, defaults={"name": "工会", "kind": UnionKind.SCHOOL})
    load_categories(kind=UnionKind.SCHOOL)
    executing_budget(actor=users["accountant"])
    paid(users, amount="1234.56")
    page = client_as("chair").get(f"/funds/reports/final/?year={TODAY.year}").content.decode()
    assert "每年只能公开一次，提交后不能撤回或更新" in page and "确认公开" in page  # it asks first
    response = client_as("chair").post(f"/funds/publish/?year={TODAY.year}")
    item = DisclosureItem.objects.get()
    assert response.url == item.get_absolute_url()
    # in 预审: someone else who reviews the board passes it, as nobody passes her own draft
    assert item.status == DisclosureItem.Status.PENDING and item.category.name == "财务管理和收支情况"
    assert "approve" not in {a.name for a in DISCLOSURE_FLOW.available(item, users["chair"])}
    assert "approve" in {a.name for a in DISCLOSURE_FLOW.available(item, users["staff"])}
    assert "支出 1234.56 元" in item.body
    assert "王" not in item.body and "青山文体用品店" not in item.body  # sums only, no person, no payee
    with pytest.raises(ValidationError, match="已提交公开"):
        publish_year(year=TODAY.year, actor=users["chair"])
    disclosure_services.approve(
        item=item, actor=users["staff"], period_start=TODAY, period_end=TODAY + datetime.timedelta(days=7)
    )
    assert client_as("member").get(item.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("year", "period", "message"),
    [
        (-5, None, "审查年度应在2000年至"),
        (1800, None, "审查年度应在2000年至"),
        (TODAY.year + 1, None, "审查年度应在2000年至"),
        (
            TODAY.year,
            (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
            f"审查期间应在审查年度（{TODAY.year}年）内",
        ),
    ],
)
def test_an_audit_is_of_a_year_with_books_and_its_period_lies_in_it(users, year, period, message):
    period_from, period_to = period or (datetime.date(TODAY.year, 1, 1), TODAY)
    with pytest.raises(ValidationError, match=message):
        audits.open_audit(
            kind="annual",
            title="年度审查",
            year=year,
            period_from=period_from,
            period_to=period_to,
            actor=users["auditor"],
        )


def test_a_finding_is_not_put_right_before_the_year_it_was_found_in(users, audit):
    with pytest.raises(ValidationError, match="整改期限不能早于审查年度"):
        audits.add_finding(
            audit=audit, problem="x", responsible="y", deadline=datetime.date(2001, 1, 1), actor=users["auditor"]
        )
    finding = audits.add_finding(audit=audit, problem="x", responsible="y", deadline=TODAY, actor=users["auditor"])
    with pytest.raises(ValidationError, match="整改完成日期不能早于审查年度"):
        audits.rectify(finding=finding, rectification="已改", rectified_on=datetime.date(2019, 1, 1), actor=None)


def test_a_sample_of_nothing_is_refused_and_finishing_asks_first(users, audit, client_as):
    with pytest.raises(ValidationError, match="请勾选要抽查的支出"):
        audits.sample(audit=audit, expenses=[], actor=users["auditor"])
    page = client_as("auditor").get(audit.get_absolute_url()).content.decode()
    assert "完成后审查意见不能再修改" in page and "确认完成审查" in page


def test_an_audit_finished_with_findings_tells_the_chair_and_the_accountants(users, audit, make_user):
    from unionportal.notices import Notice

    second = make_user("second", roles=["accountant"])
    deadline = TODAY + datetime.timedelta(days=30)
    audits.add_finding(
        audit=audit, problem="会议费未附签到表", responsible="李秀兰", deadline=deadline, actor=users["auditor"]
    )
    audits.add_finding(
        audit=audit,
        problem="一张发票抬头不对",
        responsible="王丽",
        deadline=deadline + datetime.timedelta(days=5),
        actor=users["auditor"],
    )
    assert not Notice.objects.filter(kind__startswith="funds.audit").exists()  # told once, with the conclusion
    audits.finish(audit=audit, conclusion="基本规范，有两处问题", finished_on=TODAY, actor=users["auditor"])
    told = Notice.objects.filter(kind="funds.audit.finish")
    assert {n.recipient.username for n in told} == {"chair", "accountant", "second"}
    text = told.get(recipient=second).text
    assert f"提出 2 个问题，2 个待整改，最早的整改期限是{deadline.isoformat()}" in text
    assert told.get(recipient=users["chair"]).url == audit.get_absolute_url()


def test_an_audit_without_findings_tells_nobody_and_one_put_right_already_says_so(users, audit):
    from unionportal.notices import Notice

    audits.finish(audit=audit, conclusion="账目清楚", finished_on=TODAY, actor=users["auditor"])
    assert not Notice.objects.filter(kind="funds.audit.finish").exists()
    second = audits.open_audit(
        kind=Audit.Kind.SPECIAL,
        title="送温暖专项审查",
        year=TODAY.year,
        period_from=TODAY.replace(month=1, day=1),
        period_to=TODAY,
        subject="春节送温暖",
        actor=users["auditor"],
    )
    finding = audits.add_finding(
        audit=second, problem="签收表缺一人签字", responsible="王丽", deadline=TODAY, actor=users["auditor"]
    )
    audits.rectify(finding=finding, rectification="已补签", rectified_on=TODAY, actor=users["auditor"])
    audits.finish(audit=second, conclusion="规范", finished_on=TODAY, actor=users["auditor"])
    assert "提出的 1 个问题均已整改" in Notice.objects.get(recipient=users["chair"], kind="funds.audit.finish").text


def test_finishing_on_the_page_leaves_the_chair_a_notice(users, audit, client_as):
    from unionportal.notices import Notice

    audits.add_finding(audit=audit, problem="x", responsible="y", deadline=TODAY, actor=users["auditor"])
    client_as("auditor").post(
        f"/funds/audits/{audit.pk}/finish/",
        {"finish-conclusion": "有问题待整改", "finish-finished_on": TODAY.isoformat()},
    )
    assert Audit.objects.get(pk=audit.pk).status == Audit.Status.FINISHED
    assert Notice.objects.filter(recipient=users["chair"], text__contains="1 个待整改").exists()
