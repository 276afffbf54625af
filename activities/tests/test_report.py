import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities import report
from activities.models import Event, Honour, Registration, Result

from .factories import make_event, make_member


def test_chapter_counts_events_prizes_and_honours_by_kind_and_level(db):
    held = timezone.now() - datetime.timedelta(days=7)  # the report counts events already held
    when = {"starts_at": held, "ends_at": held + datetime.timedelta(hours=2)}
    sports = [make_event(title=f"球赛{i}", kind=Event.Kind.SPORTS, **when) for i in range(2)]
    make_event(title="合唱", kind=Event.Kind.CULTURE, **when)
    year = timezone.localtime(sports[0].starts_at).year
    for prize, item in [("first", "男子组"), ("first", "女子组"), ("second", "男子组")]:
        Result.objects.create(event=sports[0], item=item, member=make_member(), prize=prize)
    for title in ["优秀工会积极分子", "优秀工会小组长"]:
        Honour.objects.create(title=title, member=make_member(), year=year, awarding_body="校工会")

    context = report.annual_report(year).context

    assert context["figures"]["events"] == 3
    chart = str(context["kind_chart"]).split(">", 1)[1]  # the bars, after the svg tag's text alternative
    assert chart.index("体育") < chart.index(">2项<") < chart.index("文艺") < chart.index(">1项<")
    assert context["prizes"] == [("一等奖", 2), ("二等奖", 1)]
    assert context["honours"] == [("校级", 2)]


def test_chapter_table_is_read_before_it_is_drawn_and_its_figures_in_one_query(db):
    """The rows come ready (each level's label translated once), and the sign-ups' three figures (places, check-ins,
    people) are one count."""
    held = timezone.now() - datetime.timedelta(days=7)
    event = make_event(title="教工篮球赛", level="county", starts_at=held, ends_at=held + datetime.timedelta(hours=2))
    for position, member in enumerate([make_member(), make_member(), make_member()], 1):
        Registration.objects.create(event=event, member=member, position=position)
    Registration.objects.filter(position=1).update(checked_in_at=held)
    year = timezone.localtime(held).year
    with CaptureQueriesContext(connection) as reading:
        chapter = report.annual_report(year)
    with CaptureQueriesContext(connection) as drawing:
        html = chapter.render(year=year, union=None)
    assert drawing.captured_queries == []
    assert "<td>教工篮球赛</td><td>县级</td><td>3</td>" in html
    figures = chapter.context["figures"]
    assert (figures["taken_part"], figures["checked_in"], figures["people"]) == (3, 1, 3)
    sign_ups = [q["sql"] for q in reading.captured_queries if '"activities_registration"' in q["sql"]]
    assert len([sql for sql in sign_ups if 'AS "taken"' not in sql]) == 1  # the figures; the other is the table
