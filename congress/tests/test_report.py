"""The 民主管理 chapter of the annual report: sessions, proposal KPIs and appraisal results of a year."""

import datetime
import io

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from congress import appraisal_services, motion_services, report, selectors, session_services
from congress.models import Appraisal, Appraisee, Motion, Proposal
from disclosure.tests.factories import make_item
from unionportal.documents.annual_report import compile_report
from unionportal.documents.rendering import render_pdf
from unionportal.models import UnionProfile

from .factories import make_delegate, make_member, make_session, make_term, mark_present

pytestmark = pytest.mark.django_db

YEAR = 2025
S = Proposal.Status


def closed_on(appraisal, day, at=datetime.time(10)):
    """As if the appraisal had been closed that day (local time)."""
    Appraisal.objects.filter(pk=appraisal.pk).update(closed_at=timezone.make_aware(datetime.datetime.combine(day, at)))


@pytest.fixture
def term():
    term = make_term(number=4)
    term.seated = [make_delegate(term, make_member(name)) for name in ["陈明", "林华", "黄磊", "吴静", "郑涛", "孙悦"]]
    return term


@pytest.fixture
def session(term):
    session = make_session(
        term,
        title="第四届第一次教职工代表大会",
        starts_on=datetime.date(YEAR, 3, 12),
        ends_on=datetime.date(YEAR, 3, 13),
    )
    mark_present(session, term.seated[:5])
    plan = [
        (S.DRAFT, ""),  # not received: never counted
        (S.SUBMITTED, ""),
        (S.REJECTED, ""),
        (S.REGISTERED, ""),
        (S.ASSIGNED, ""),
        (S.CLOSED, Proposal.Rating.SATISFIED),
        (S.CLOSED, Proposal.Rating.UNSATISFIED),
    ]
    for i, (status, rating) in enumerate(plan):
        Proposal.objects.create(
            session=session,
            proposer=term.seated[i % 6].member,
            title=f"提案{i}",
            content="理由",
            status=status,
            rating=rating,
        )
    return session


def closed_appraisal(term, day, title="2025年度学校领导干部民主评议"):
    appraisal = Appraisal.objects.create(term=term, title=title)
    Appraisee.objects.create(appraisal=appraisal, member=make_member("李校长"), post="校长", order=0)
    Appraisee.objects.create(appraisal=appraisal, member=make_member("周副校长"), post="副校长", order=1)
    appraisal_services.open_appraisal(appraisal=appraisal)
    first, second = appraisal.appraisees.all()
    marks = [("satisfied", "mostly"), ("satisfied", "unsatisfied"), ("mostly", "unsatisfied")]
    for delegate, (mark, other) in zip(term.seated, marks, strict=False):
        grades = {first.pk: mark, second.pk: other}
        appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=delegate.member, grades=grades)
    appraisal = appraisal_services.publish_appraisal(appraisal=appraisal_services.close_appraisal(appraisal=appraisal))
    closed_on(appraisal, day)
    return appraisal


def test_nothing_that_year_leaves_the_chapter_out(term, session):
    closed_appraisal(term, datetime.date(YEAR, 6, 1))
    Appraisal.objects.create(term=term, title="草稿评议")  # never closed
    assert report.annual_report(YEAR - 1) is None
    assert report.annual_report(YEAR + 1) is None


def test_sessions_with_roll_call_and_the_congress_apps_own_kpis(term, session):
    chapter = report.annual_report(YEAR)
    [row] = chapter.context["sessions"]
    assert (row.delegates_total, row.delegates_present, row.held) == (6, 5, True)
    assert row.kpis == selectors.session_kpis(session)
    assert {key: row.kpis[key] for key in ["received", "registered", "registered_rate", "closed_rate"]} == {
        "received": 6,
        "registered": 4,
        "registered_rate": 80.0,  # 4 of the 5 decided; the one still submitted is not counted
        "closed_rate": 50.0,
    }
    html = chapter.render(year=YEAR, union=UnionProfile.load())
    assert "2025年，工会组织召开教代会1次" in html
    assert "共收到提案6件，立案4件，立案率80.0%，办结率50.0%，提案人满意率50.0%" in html
    assert "<svg" in html and "已办结" in html and "草稿" not in html
    assert chapter.chronicle[0].date == datetime.date(YEAR, 3, 12)
    assert chapter.chronicle[0].text == "召开第四届第一次教职工代表大会"


def test_in_english_the_kpis_are_one_sentence_with_plurals_and_dates_in_english(term, session):
    union = UnionProfile.load()
    with translation.override("en"):
        html = report.annual_report(YEAR).render(year=YEAR, union=union)
    assert "In 2025 the union held 1 session of the Staff Congress" in html
    assert (
        "received 6 proposals, of which 4 were accepted; acceptance rate 80.0%, completion rate 50.0%, "
        "proposer satisfaction rate 50.0%. "
    ) in html
    assert "March 12—March 13" in html and "6 people" in html and "月" not in html
    assert "，" not in html and "。" not in html


def test_roll_call_is_the_one_fixed_at_the_first_vote(term, session):
    agenda = session.agenda.create(order=1, title="审议实施细则")
    motion = Motion.objects.create(agenda_item=agenda, title="表决实施细则", method=Motion.Method.OPEN)
    motion_services.record_open_count(motion=motion, votes_for=5, votes_against=0, abstentions=0)
    session_services.replace_delegate(delegate=term.seated[0], member=make_member("补选代表"))
    make_delegate(term, make_member("新增代表"))  # seated after the session: not 应到 of it
    [row] = report.annual_report(YEAR).context["sessions"]
    assert (row.delegates_total, row.delegates_present) == (6, 5)


def test_a_session_still_to_come_is_announced_not_chronicled(term):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_session(term, title="第四届第二次教职工代表大会", starts_on=tomorrow, ends_on=tomorrow)
    chapter = report.annual_report(tomorrow.year)
    [row] = chapter.context["sessions"]
    assert not row.held and row.delegates_present is None
    html = chapter.render(year=tomorrow.year, union=UnionProfile.load())
    assert f"第四届第二次教职工代表大会定于{tomorrow.month}月{tomorrow.day}日召开" in html
    assert "召开教代会" not in html
    assert chapter.chronicle == []


def test_appraisals_closed_that_year_show_their_tally_and_never_a_voter(term):
    closed_appraisal(term, datetime.date(YEAR, 6, 18))
    closed_appraisal(term, datetime.date(YEAR + 1, 1, 5), title="次年评议")
    still_open = Appraisal.objects.create(term=term, title="评议中")
    Appraisee.objects.create(appraisal=still_open, member=make_member("王主任"))
    appraisal_services.open_appraisal(appraisal=still_open)
    chapter = report.annual_report(YEAR)
    [result] = chapter.context["appraisals"]
    assert result["appraisal"].closed_on == datetime.date(YEAR, 6, 18)
    assert result["appraisal"].voted == 3
    principal, deputy = result["rows"]
    assert [grade["count"] for grade in principal["grades"]] == [2, 1, 0]
    assert [grade["count"] for grade in deputy["grades"]] == [0, 1, 2]
    assert (principal["approval"], deputy["approval"]) == (100.0, 33.3)
    html = chapter.render(year=YEAR, union=UnionProfile.load())
    assert "参加评议代表3人，结果已于6月18日公示" in html
    assert "李校长" in html and "33.3%" in html
    assert f"{deputy['appraisee'].member.name}※" in html and "标※者：不满意/不称职票超过有效票的33.3%" in html
    assert f"{principal['appraisee'].member.name}※" not in html
    for delegate in term.seated:
        assert delegate.member.name not in html  # who voted, let alone how, is not in the report
    assert [(entry.date, entry.text) for entry in chapter.chronicle] == [
        (datetime.date(YEAR, 6, 18), "2025年度学校领导干部民主评议结果公示")
    ]


def test_appraisals_are_picked_by_their_local_close_date_in_one_query(term, django_assert_num_queries):
    new_years_eve = closed_appraisal(term, datetime.date(YEAR, 12, 31), title="除夕前公示")
    closed_on(new_years_eve, datetime.date(YEAR, 12, 31), at=datetime.time(23, 30))
    new_year = closed_appraisal(term, datetime.date(YEAR + 1, 1, 1), title="元旦公示")
    closed_on(new_year, datetime.date(YEAR + 1, 1, 1), at=datetime.time(0, 30))  # still YEAR in UTC
    spring = closed_appraisal(term, datetime.date(YEAR, 4, 2), title="春季公示")
    Appraisal.history.update(history_date=timezone.now())  # the history no longer dates a close
    with django_assert_num_queries(1):
        appraisals = report.closed_appraisals(YEAR)
    assert [(a.title, a.closed_on, a.voted) for a in appraisals] == [
        (spring.title, datetime.date(YEAR, 4, 2), 3),
        (new_years_eve.title, datetime.date(YEAR, 12, 31), 3),
    ]
    assert [a.title for a in report.closed_appraisals(YEAR + 1)] == [new_year.title]


def test_the_whole_report_prints_with_both_new_chapters_after_the_basic_facts(term, session, users):
    closed_appraisal(term, datetime.date(YEAR, 6, 18))
    item = make_item("closed", title="2025年上学期财务收支")
    type(item).objects.filter(pk=item.pk).update(published_on=datetime.date(YEAR, 4, 1))
    context = compile_report(YEAR)
    headings = [heading for heading, _html in context["chapters"]]
    assert headings[:3] == ["基本情况", "民主管理", "校务公开"]
    pdf = render_pdf("documents/pdf/annual_report.html", context)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = "".join(text.split())
    for expected in [
        "二、民主管理",
        "三、校务公开",
        "立案率80.0%",
        "2025年度学校领导干部民主评议结果公示",
        "召开第四届第一次教职工代表大会",
        "财务管理和收支情况",
    ]:
        assert expected in text


def test_two_sessions_in_a_year_get_a_kpi_table_one_session_only_the_sentence(term, session):
    union = UnionProfile.load()
    assert 'class="kpis"' not in report.annual_report(YEAR).render(year=YEAR, union=union)
    autumn = datetime.date(YEAR, 9, 8)
    make_session(term, title="第四届第二次教职工代表大会", starts_on=autumn, ends_on=autumn)
    chapter = report.annual_report(YEAR)
    assert [row.kpis["received"] for row in chapter.context["sessions"]] == [6, 0]
    html = chapter.render(year=YEAR, union=union)
    assert 'class="kpis"' in html and "工会组织召开教代会2次" in html
