"""The demo union that ``make run`` loads, loaded once for this module (twice, as a second ``make run`` does:
the reload must change nothing) and rolled back after it. Loading it is the slowest step of the suite, so the
checks of every app's demo data share it instead of loading it each."""

import datetime
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import RoleAssignment
from activities.models import Event, Honour, Registration
from conftest import seed_what_the_migrations_seed
from congress.models import Appraisal, CongressTerm, Delegate, Proposal, Suggestion
from disclosure.demo import LAPSED
from disclosure.models import Category, DisclosureItem, Objection
from disclosure.selectors import overdue_categories
from members.models import Branch, Committee, CommitteeSeat, CommitteeTerm, Member, UnionGroup
from members.models import Registration as YearlyRegistration
from unionportal.demo import LOGINS, PASSWORD
from unionportal.documents.annual_report import compile_report
from unionportal.notices import Notice
from welfare import services as welfare
from welfare.models import Application, Campaign, DonationDrive, HardshipFile, Payment, Visit

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

COUNTED = [
    Member,
    User,
    UnionGroup,
    CongressTerm,
    Proposal,
    Appraisal,
    Category,
    DisclosureItem,
    HardshipFile,
    Visit,
    Event,
    Registration,
    Honour,
    RoleAssignment,
]


def snapshot():
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    closed = Appraisal.objects.filter(status=Appraisal.Status.CLOSED).values_list("closed_at", flat=True)
    return {**counts, "appraisal closed at": list(closed)}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_what_the_migrations_seed()  # a transactional test before this module on the worker emptied them
        call_command("load_demo", stdout=StringIO())
        first = snapshot()
        output = StringIO()
        call_command("load_demo", stdout=output)
        yield SimpleNamespace(first=first, output=output.getvalue())
        transaction.set_rollback(True)


def test_loading_the_demo_again_gives_the_same_union_and_prints_the_logins(demo):
    assert snapshot() == demo.first
    assert 110 <= demo.first["Member"] <= 130
    for username in LOGINS:
        assert username in demo.output
    assert PASSWORD in demo.output


def test_every_demo_login_works_with_the_demo_password(client):
    for username in LOGINS:
        response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, username
        assert hasattr(User.objects.get(username=username), "member")
        client.logout()


def test_each_demo_login_starts_with_a_few_unread_notices_and_the_older_ones_read():
    from django.db.models import Count, Q

    from unionportal.demo import UNREAD_KEPT

    counts = Notice.objects.values("recipient").annotate(all=Count("pk"), unread=Count("pk", filter=Q(read_at=None)))
    assert max(row["all"] for row in counts) > 50  # the chair and the accountant were told of every demo request
    assert all(row["unread"] == min(row["all"], UNREAD_KEPT) for row in counts)
    newest = Notice.objects.filter(recipient__username="accountant").order_by("-created_at", "-pk")
    assert not any(notice.read_at for notice in newest[:UNREAD_KEPT])
    assert not Notice.objects.filter(created_at__gt=timezone.now()).exists()  # none dated later than the load


def test_the_org_tree_is_valid_with_committees_past_terms_and_last_years_registration():
    for thing in [*UnionGroup.objects.all(), *Branch.objects.all(), *CommitteeTerm.objects.all()]:
        thing.full_clean()
    for seat in CommitteeSeat.objects.all():
        seat.full_clean()
    assert UnionGroup.objects.filter(branch__name="教学分会").count() == 6
    assert not UnionGroup.objects.filter(leader=None).exists()
    assert Branch.objects.get().leader is not None
    for name in ["工会委员会", "经费审查委员会", "女职工委员会"]:
        assert sorted(Committee.objects.get(name=name).terms.values_list("number", flat=True)) == [5, 6]
    last_year = YearlyRegistration.objects.get()
    assert last_year.year == datetime.date.today().year - 1
    assert last_year.groups.count() == 8 and last_year.seats.exists()


def test_the_roles_page_shows_who_held_a_role_before_and_why_they_stepped_down(client):
    welfare = RoleAssignment.objects.filter(role="welfare").order_by("started_on")
    former, present = welfare
    last_year = timezone.localdate().year - 1
    assert former.ended_on.year == last_year and former.end_reason and former.withdrawn_by.username == "chair"
    assert present.member.user.username == "welfare" and present.started_on == former.ended_on
    assert present.is_current and not former.member.user_id  # the former holder has no login to hold it
    auditors = RoleAssignment.objects.filter(role="auditor").order_by("started_on")
    assert [row.is_current for row in auditors] == [False, True]
    client.force_login(User.objects.get(username="chair"))
    page = client.get("/accounts/roles/").content.decode()
    assert former.member.name in page and former.end_reason in page and "任期届满，经费审查委员会换届" in page
    section = page.split('data-testid="role-welfare"')[1].split("</section>")[0]
    assert "王丽娟" in section and f"自 {former.ended_on:%Y-%m-%d}" in section and former.member.name not in section


def test_a_year_of_events_has_sign_ups_a_waitlist_results_honours_and_notices():
    assert 20 <= Event.objects.count() <= 30
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()
    assert Honour.objects.filter(result__isnull=False).exists()
    assert Notice.objects.filter(recipient__username="member").exists()


def test_this_years_annual_report_has_every_chapter_filled():
    report = compile_report(timezone.localdate().year)
    headings = [heading for heading, _html in report["chapters"]]
    for heading in ["基本情况", "民主管理", "校务公开", "维权帮扶", "文体活动", "女职工工作", "离退休工作", "经费收支"]:
        assert heading in headings
    chapters = dict(report["chapters"])
    assert "民主评议" in chapters["民主管理"]  # this year's closed appraisal
    assert "走访慰问离退休教职工0人次" not in chapters["离退休工作"]
    assert len(report["chronicle"]) >= 5
    assert [entry.date for entry in report["chronicle"]] == sorted(entry.date for entry in report["chronicle"])
    assert report["opening"] and report["problems"] and report["plans"]


def test_a_congress_term_has_delegates_and_proposals_in_every_state():
    term = CongressTerm.objects.get(number=4)
    assert 33 <= Delegate.objects.filter(term=term, active=True).count() <= 36
    assert {"chair", "staff", "delegate", "delegate2"} <= set(
        Delegate.objects.filter(term=term).values_list("member__user__username", flat=True)
    )
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert 28 <= Proposal.objects.count() <= 32


def test_an_appraisal_is_open_this_years_is_closed_and_suggestions_are_in():
    assert Appraisal.objects.get(status=Appraisal.Status.OPEN).receipts.count() == 20
    from congress.models import Attendance

    assert not Attendance.objects.filter(session__starts_on__gt=timezone.localdate()).exists()  # nobody early
    from welfare.models import CareTask

    assert CareTask.objects.exists() and not CareTask.objects.filter(amount=0).exists()  # the 办法's 慰问标准
    closed = Appraisal.objects.get(status=Appraisal.Status.CLOSED)  # this year's result for the annual report
    assert closed.receipts.count() == 28 and closed.appraisees.count() == 4
    assert timezone.localtime(closed.closed_at).year == timezone.localdate().year  # published weeks ago
    assert closed.closed_at <= timezone.now()
    assert Suggestion.objects.filter(author=None).count() == 2


def test_the_board_has_the_categories_items_in_every_state_and_one_lapsed_category():
    assert Category.objects.filter(kind="school").count() == 17
    assert 55 <= DisclosureItem.objects.count() <= 65
    assert set(DisclosureItem.objects.values_list("status", flat=True)) == set(DisclosureItem.Status.values)
    assert Objection.objects.filter(answered_at__isnull=False).exists()
    assert [o.category.name for o in overdue_categories() if o.serious] == [LAPSED]


def test_welfare_has_files_a_half_done_campaign_visits_and_a_drive():
    assert HardshipFile.objects.count() == 15
    assert HardshipFile.objects.filter(member__status="retired").exists()
    progress = welfare.campaign_progress(Campaign.objects.get(kind=Campaign.Kind.SPRING_FESTIVAL))
    assert progress["listed"] > 0 and abs(progress["delivered"] * 2 - progress["listed"]) <= 1
    assert progress["waiting"] == 1  # one more delivery, its money waiting for the chair
    assert Visit.objects.count() == 9  # six for members, three 重阳 visits to retirees
    assert DonationDrive.objects.get(expense=None).pledged_total() > 0  # open; the other one is handed over
    assert Application.objects.filter(member__user__username="member").exists()


def test_welfare_money_went_through_the_funds_chain_and_the_mid_autumn_gift_was_paid():
    cash = Payment.objects.filter(amount__gt=0).select_related("expense")
    assert cash.exists() and not cash.filter(expense=None).exists()  # no money without the chain
    for payment in cash:
        expense = payment.expense
        assert expense.requester != expense.approved_by  # nobody approved their own request
        if payment.status == Payment.Status.PAID:
            assert expense.status == "paid" and payment.voucher_number == expense.entry.voucher_number
            assert payment.approver == expense.approved_by == User.objects.get(username="chair")
        else:
            assert expense.status in {"submitted", "reviewed", "approved"}
    assert {Payment.Status.PAID, Payment.Status.REQUESTED, Payment.Status.APPROVED} <= set(
        cash.values_list("status", flat=True)
    )
    gift = Campaign.objects.get(kind=Campaign.Kind.FESTIVAL)
    in_service = Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True).count()
    assert not gift.confidential and gift.recipients.count() == in_service
    assert gift.spent() == gift.default_amount * in_service
    assert {p.expense_id for p in gift.payments.all()} == {gift.payments.first().expense_id}  # one request


WELFARE_PAGES = [
    "/welfare/",
    "/welfare/files/",
    "/welfare/files/?status=helping&level=severe&q=w",
    "/welfare/applications/",
    "/welfare/applications/mine/",
    "/welfare/applications/new/",
    "/welfare/payments/",
    "/welfare/totals/",
    "/welfare/campaigns/",
    "/welfare/visits/",
    "/welfare/visits/new/",
    "/welfare/payments/new/",
    "/welfare/drives/",
]


def test_every_welfare_page_renders_with_the_demo_data(client):
    client.force_login(User.objects.get(username="chair"))
    file = HardshipFile.objects.first()
    pages = [
        *WELFARE_PAGES,
        file.get_absolute_url(),
        file.get_absolute_url() + "edit/",
        Campaign.objects.first().get_absolute_url(),
        DonationDrive.objects.first().get_absolute_url(),
        *[application.get_absolute_url() for application in Application.objects.all()],
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert "人次" in client.get("/welfare/totals/").content.decode()


def test_a_member_pledges_to_the_demo_drive(client):
    client.force_login(User.objects.get(username="member"))
    drive = DonationDrive.objects.get(expense=None)
    before = drive.pledged_total()
    client.post(drive.get_absolute_url(), {"amount": "88.80"})
    assert drive.pledged_total() == before + Decimal("88.80")


def test_the_funds_demo_has_a_year_of_books_in_every_state():
    from funds.demo import SPENDING
    from funds.models import Adjustment, Audit, Entry, Expense, Finding
    from funds.selectors import final_accounts

    year = timezone.localdate().year
    assert Expense.objects.filter(year=year).count() >= 60
    assert set(Expense.objects.values_list("status", flat=True)) == set(Expense.Status.values)
    assert Adjustment.objects.filter(status=Adjustment.Status.APPROVED).count() == 1
    audit = Audit.objects.get(status=Audit.Status.FINISHED)
    assert sorted(audit.findings.values_list("status", flat=True)) == [Finding.Status.OPEN, Finding.Status.RECTIFIED]
    books = final_accounts(year)
    spent = sum(e.amount for e in Entry.objects.filter(year=year, direction="out"))
    assert books["expense"]["actual"] == spent > 0
    from funds.models import Fund
    from funds.services.expenses import fund_balance

    assert all(fund_balance(fund) >= 0 for fund in Fund.objects.all())  # no fund starts the demo overdrawn
    asked_for = [purpose for _code, purpose, *_rest in SPENDING]
    asked = {e.created_at.date() for e in Expense.objects.filter(year=year, purpose__in=asked_for)}
    assert len(asked) > 10  # asked over the year, not all on the day the demo was loaded
    paid = Expense.objects.filter(year=year, status=Expense.Status.PAID, purpose__in=asked_for).earliest("pk")
    times = list(paid.steps.values_list("at", flat=True))
    assert times == sorted(times) and times[0].date() == paid.created_at.date() and times[-1] > times[0]


def test_the_demo_events_and_a_donation_hand_over_spend_through_the_funds_chain():
    from funds.models import Expense

    held = Event.objects.filter(expense__status=Expense.Status.PAID)
    assert held.exists() and all(event.actual_cost == event.expense.amount for event in held)
    assert not Event.objects.filter(expense__isnull=True, actual_cost__isnull=False).exists()
    asked = Event.objects.filter(expense__isnull=False).count()
    assert Expense.objects.filter(source__startswith="活动经费").count() == asked
    drive = DonationDrive.objects.get(expense__isnull=False)
    assert drive.expense.status == Expense.Status.PAID and drive.handed_over_on == drive.expense.paid_on
    assert drive.expense.requester.username == "welfare" and drive.expense.approved_by.username == "chair"


# the congress between sessions (issue 18)
def test_the_demo_congress_has_a_presidium_a_proposal_committee_meeting_twice_and_a_finished_election(client):
    from congress.models import BodyMeeting, Election

    assert Committee.objects.filter(kind=Committee.Kind.PRESIDIUM).exists()
    committee = Committee.objects.get(kind=Committee.Kind.PROPOSALS)
    meetings = BodyMeeting.objects.filter(term__committee=committee).order_by("number")
    assert meetings.count() == 2
    assert meetings[1].decisions.get().proposal.status == Proposal.Status.REGISTERED
    election = Election.objects.get()
    assert election.status == Election.Status.SEATED
    elected = election.candidates.get(elected=True)
    assert elected.delegate.group == election.delegate_group and elected.delegate.active
    assert sorted(election.tellers.values_list("role", flat=True)) == ["counter", "scrutineer"]
    client.force_login(User.objects.get(username="staff"))
    for page in ["/congress/bodies/", meetings[1].get_absolute_url(), election.get_absolute_url(), "/"]:
        assert client.get(page).status_code == 200, page
    sheet = client.get(election.get_absolute_url() + "result/").text
    assert all(teller.member.name in sheet for teller in election.tellers.select_related("member"))
    assert client.get("/contracts/").status_code == 403  # a school: no collective contracts
