import datetime
from decimal import Decimal

from django.utils import timezone

from activities import services as activities
from activities.models import Event, Honour
from activities.tests.factories import make_event
from conftest import ROLES
from members import retirees_report, women_report
from members.models import Committee, CommitteeSeat, CommitteeTerm, Member
from welfare import services as welfare
from welfare.models import FundSource, VisitOccasion
from welfare.tests.factories import open_books, pay_all

YEAR = 2026
TZ = timezone.get_current_timezone()


def person(name, gender="F", status=Member.Status.ACTIVE, is_union_member=True):
    return Member.objects.create(name=name, gender=gender, status=status, is_union_member=is_union_member)


def at(month, day):
    return datetime.datetime(YEAR, month, day, 14, 30, tzinfo=TZ)


def seat(committee_name, members):
    term = CommitteeTerm.objects.create(
        committee=Committee.objects.create(name=committee_name), number=6, starts_on=datetime.date(YEAR - 2, 9, 1)
    )
    for post, member in members:
        CommitteeSeat.objects.create(term=term, post=post, member=member)


def test_women_chapter_counts_women_their_committee_events_and_commendations(users):
    # users: a user per role, all women members; two men join
    man, other_man = person("张男", "M"), person("李男", "M", is_union_member=False)
    seat("工会委员会", [("主席", man), ("委员", users["staff"].member), ("委员", other_man)])
    seat("女职工委员会", [("主任", users["staff"].member), ("委员", users["member"].member)])
    lecture = make_event(
        title="女职工健康讲座", starts_at=at(11, 29), ends_at=at(11, 29), organiser=Event.Organiser.WOMEN, capacity=None
    )
    make_event(title="三八登山", starts_at=at(3, 8), ends_at=at(3, 8), eligibility="women", festival="womens_day")
    make_event(title="篮球赛", starts_at=at(5, 1), ends_at=at(5, 1))
    for role in ["member", "staff"]:
        activities.sign_up(event=lecture, member=users[role].member, actor=users["staff"], on_behalf=True)
    Honour.objects.create(title="先进女职工", member=users["member"].member, year=YEAR, awarding_body="工会")
    Honour.objects.create(title="优秀教师", member=man, year=YEAR, awarding_body="学校")

    chapter = women_report.annual_report(YEAR)
    figures = chapter.context["figures"]
    roles = len(ROLES)
    assert (figures["staff"], figures["women"], figures["women_members"]) == (roles + 2, roles, roles)
    assert (figures["committee_seats"], figures["committee_women"]) == (3, 1)
    assert [event.title for event in chapter.context["events"]] == ["三八登山", "女职工健康讲座"]
    assert chapter.context["taken"] == 2
    assert chapter.context["honour_titles"] == [("先进女职工", 1)]
    # the 三八 festival is in the 文体活动 chronicle already
    assert [(entry.date, entry.text) for entry in chapter.chronicle] == [
        (datetime.date(YEAR, 11, 29), "举办女职工健康讲座")
    ]
    html = chapter.render(year=YEAR, union=None)
    assert f"占在职的{100 * roles / (roles + 2):.1f}%" in html.replace("教职工", "")
    assert "主任staff、委员member" in html


def test_retirees_chapter_counts_retirees_their_visits_payments_and_events(users):
    old = [person(f"退休{i}", status=Member.Status.RETIRED) for i in range(3)]
    old[2].is_union_member = False
    old[2].save()
    officer = users["welfare"]
    open_books(users)
    welfare.record_visit(
        member=old[0], actor=officer, occasion=VisitOccasion.objects.get_or_create(name="节日")[0],
        visited_on=datetime.date(YEAR, 10, 18), visitors=[officer.member], money=Decimal("200.50"),
        fund_source=FundSource.UNION_FUNDS,
    )  # fmt: skip
    welfare.record_visit(
        member=old[1], actor=officer, occasion=VisitOccasion.objects.get_or_create(name="生日")[0],
        visited_on=datetime.date(YEAR - 1, 10, 18), visitors=[officer.member],
    )  # fmt: skip
    pay_all(users)  # 慰问金 counts once the funds chain has paid it
    tea = make_event(
        title="退休教师座谈会", starts_at=at(2, 5), ends_at=at(2, 5), eligibility="retirees", capacity=None
    )
    for member in old[:2]:
        activities.sign_up(event=tea, member=member, actor=users["staff"], on_behalf=True)

    chapter = retirees_report.annual_report(YEAR)
    figures = chapter.context["figures"]
    assert (figures["total"], figures["members"]) == (3, 2)
    assert figures["visits"] == 1  # last year's visit is not counted
    assert (figures["paid_times"], figures["paid_yuan"]) == (1, Decimal("200.50"))
    assert figures["taken_part"] == 2
    assert [entry.text for entry in chapter.chronicle] == ["举办退休教师座谈会"]
    assert "发放慰问金、慰问品1人次，计200.50元" in chapter.render(year=YEAR, union=None)


def test_no_retirees_no_retirees_chapter(users):
    assert retirees_report.annual_report(YEAR) is None
