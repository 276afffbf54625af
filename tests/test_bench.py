"""Smoke test of `make bench`: the seeds run with tiny sizes, every benched page, floor and
admin changelist answers for its role, the seeded race event takes sign-ups, the seeded motion
and appraisal take the delegates' ballots, and the figures (import, documents) run at tiny size,
so the bench code cannot rot silently between runs (gunicorn and PostgreSQL are not needed here)."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities import services
from activities.models import Event, Registration
from bench import figures
from bench.__main__ import REQUESTS, WARM_UP, measure, peak_rss_of_children, python_yardstick, steal_seconds
from bench.congress_day import STEPS, congress_day, step_rows
from bench.documents import HEADER as DOCUMENT_HEADER
from bench.documents import _annual_report_peak_rss, time_documents
from bench.middleware import query_count
from bench.pages import PAGES
from bench.profile import COLUMNS, Split, bench_logins, cprofile_page, profile_pages, splitting
from bench.seed import PASSWORD, Sizes, seed
from congress import appraisal_services, motion_services
from congress.models import BallotTally, Proposal
from disclosure.models import DisclosureItem
from funds.models import Entry, Expense
from members.models import Member
from unionportal.documents.models import Job
from welfare.models import HardshipFile, Payment

TINY = Sizes(
    staff=60,
    departments=4,
    union_groups=5,
    years=2,
    events_per_year=4,
    sign_ups_per_event=5,
    racers=6,
    places=3,
    delegates=12,
    voters=5,
    proposals_per_session=6,
    board_items=40,
    hardship_files=5,
    applications_per_year=4,
    visits_per_year=4,
    recipients_per_campaign=3,
    expenses_per_year=30,
    body_meetings=3,
    elections=8,
    contracts=6,
)


@pytest.fixture
def seeded(db):
    return seed(TINY, report=lambda text: None)


def test_seed_builds_a_union_of_the_asked_size(seeded):
    assert Member.objects.count() == TINY.staff
    assert Event.objects.count() == TINY.years * TINY.events_per_year + 20 + 1
    assert Registration.objects.exists()
    assert seeded["race_event"].capacity == TINY.places
    assert all(user.member.status == Member.Status.ACTIVE for user in seeded["racers"])
    assert Proposal.objects.count() == 2 * TINY.proposals_per_session
    assert DisclosureItem.objects.count() == TINY.board_items
    assert HardshipFile.objects.count() == TINY.hardship_files
    assert Payment.objects.exists()
    assert Expense.objects.count() == TINY.years * TINY.expenses_per_year
    assert Entry.objects.filter(direction="out").count() == Expense.objects.filter(status="paid").count()


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_benched_page_floor_and_changelist_answers(client, seeded, page):
    user = seeded["logins"][page.role]
    if user is not None:
        client.force_login(user)
    assert client.get(page.url).status_code == 200
    if page.floor_url:
        assert client.get(page.floor_url).status_code == 200
    if page.admin_url:
        client.force_login(seeded["logins"]["admin"])
        assert client.get(page.admin_url).status_code == 200


BETWEEN_SESSIONS = [page for page in PAGES if page.url in ("/congress/bodies/", "/congress/elections/", "/contracts/")]
SEEN = {
    "/congress/bodies/": "民主评议监督委员会",
    "/congress/elections/": "工会委员会增补选举（第8次）",
    "/contracts/": "（第6号）",
}


def _more_rows(url):
    """Five more of the page's rows (meetings of every body, elections, contracts), copied from the seeded ones."""
    from congress.models import BodyMeeting, Election
    from contracts.models import CollectiveContract

    if url == "/congress/bodies/":
        last = BodyMeeting.objects.order_by("-number").first()
        terms = set(BodyMeeting.objects.values_list("term_id", flat=True))
        BodyMeeting.objects.bulk_create(
            BodyMeeting(term_id=term, number=last.number + n, held_on=last.held_on)
            for term in terms
            for n in range(1, 6)
        )
        return
    model = Election if url == "/congress/elections/" else CollectiveContract
    for row in model.objects.all()[:5]:
        row.pk = None
        row.save()


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize("page", BETWEEN_SESSIONS, ids=[page.name for page in BETWEEN_SESSIONS])
def test_the_between_sessions_pages_show_the_seeded_rows_in_a_fixed_number_of_queries(client, seeded, page):
    """Bodies with their meetings, elections and contracts: the seeded rows are there, and five more rows of
    each cost no query more."""
    client.force_login(seeded["logins"][page.role])
    client.get(page.url)  # the session's first request reads what later ones find cached
    with CaptureQueriesContext(connection) as before:
        text = client.get(page.url).text
    assert SEEN[page.url] in text
    _more_rows(page.url)
    with CaptureQueriesContext(connection) as after:
        assert client.get(page.url).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)


def test_race_event_fills_then_waitlists(seeded):
    event = seeded["race_event"]
    for user in seeded["racers"]:
        services.sign_up(event=event, member=user.member, actor=user)
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=Registration.Status.REGISTERED).count() == TINY.places
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == TINY.racers - TINY.places


def test_every_voter_can_cast_both_ballots(seeded):
    motion, appraisal = seeded["race_motion"], seeded["race_appraisal"]
    grades = {pk: "satisfied" for pk in appraisal.appraisees.values_list("pk", flat=True)}
    for user in seeded["voters"]:
        motion_services.cast_ballot(motion=motion, member=user.member, choice=BallotTally.Choice.FOR)
        appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=user.member, grades=grades)
    assert motion.tallies.get(choice=BallotTally.Choice.FOR).count == motion.receipts.count() == TINY.voters
    assert appraisal.receipts.count() == TINY.voters


def test_congress_day_delegates_log_in_vote_and_read_the_board(transactional_db, live_server):
    """The congress-day load against a live server: three delegates, one after another (SQLite)."""
    seeded = seed(TINY, report=lambda text: None)
    port = int(live_server.url.rsplit(":", 1)[1])
    delegates = seeded["voters"][:3]
    day = congress_day(port, seeded["congress_day_motion"], delegates, PASSWORD, window=0, threads=1)
    assert [day["steps"][step]["failures"] for step in STEPS] == [0, 0, 0, 0]
    assert day["receipts"] == 3 and day["ok"]
    assert [row[0] for row in step_rows(day)] == list(STEPS)


def test_roster_import_figure_refuses_a_bad_file_whole_then_imports(seeded):
    result = figures.roster_import(seeded["logins"]["chair"], rows=5)
    assert result["refused_clean"] and result["ok"]
    assert result["added"] == 5


def test_notice_and_annual_report_jobs_render(seeded, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # the bench runs in autocommit, where on_commit callbacks run at once; the test runs in a transaction
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback: callback())
    chair = seeded["logins"]["chair"]
    job = figures._job(chair, "notice", figures._notice_params("张三", 0))
    report = figures.annual_report(chair, 2026)
    assert job.file.size > 0
    assert report["pages"] >= 1


def test_the_notice_figure_prints_one_copy_per_addressee_in_one_job(seeded, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback: callback())
    result = figures.notices(seeded["logins"]["chair"], count=3)
    assert result["ok"] and result["count"] == 3
    assert Job.objects.filter(kind="addressed_notice").count() == 1


class EagerBroker:
    """Stands in for Redis and the worker: each message runs its job at once, as a worker process would."""

    def __init__(self, *args, **kwargs):
        self.sent = []

    def send_task(self, name, args):
        from unionportal.documents.services import run_job

        self.sent.append(name)
        run_job(args[0])

    def close(self):
        pass


class IdleProcess:
    returncode = None

    def poll(self):
        return None

    def terminate(self):
        pass

    def wait(self, timeout):
        pass


def test_the_worker_scale_out_sends_every_notice_and_compares_one_process_with_two(
    seeded, settings, tmp_path, monkeypatch
):
    from bench import workers

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(workers, "redis_answers", lambda url: True)
    monkeypatch.setattr(workers.redis.Redis, "flushdb", lambda self: True)
    monkeypatch.setattr(workers, "Celery", EagerBroker)
    monkeypatch.setattr(workers, "start_worker", lambda concurrency, url: IdleProcess())
    result = workers.scale_out(seeded["logins"]["chair"], 4)
    assert result["ok"] and result["ratio"] > 0
    assert [(run["processes"], run["jobs"], run["done"]) for run in result["runs"]] == [(1, 4, 4), (2, 4, 4)]
    warm_up = workers.WARM_UP_PER_PROCESS * (1 + 2)
    assert Job.objects.filter(kind="notice", status=Job.Status.DONE).count() == 2 * 4 + warm_up


def test_the_worker_scale_out_waits_on_its_batch_without_listing_the_jobs(seeded, settings, tmp_path, monkeypatch):
    """The bench polls while the workers it measures share the cores: a poll asks by owner and time, so its SQL
    stays the same size however many jobs the batch holds."""
    from bench import workers

    settings.MEDIA_ROOT = tmp_path
    batch = workers._send(EagerBroker(), seeded["logins"]["chair"], ["张三", "李四", "王五"])
    with CaptureQueriesContext(connection) as queries:
        assert workers._wait(batch, IdleProcess())["done"] == 3
    polled = " ".join(query["sql"] for query in queries)
    assert not any(str(pk) in polled or pk.hex in polled for pk in batch.values_list("pk", flat=True))


def test_the_worker_scale_out_times_until_the_last_job_finished(seeded, settings, tmp_path):
    """The bench polls once a second; the time it reports ends when the last job finished, not when a poll saw it."""
    from bench import workers

    settings.MEDIA_ROOT = tmp_path
    batch = workers._send(EagerBroker(), seeded["logins"]["chair"], ["张三", "李四"])
    batch.filter(pk=batch.first().pk).update(finished_at=timezone.now() + timedelta(minutes=5))
    assert workers._wait(batch, IdleProcess())["last"] == batch.aggregate(Max("finished_at"))["finished_at__max"]


def test_without_redis_the_worker_scale_out_is_skipped(seeded):
    from bench import workers

    assert workers.scale_out(seeded["logins"]["chair"], 4, url="redis://127.0.0.1:1/13") is None


def test_annual_report_process_reports_its_peak_memory(seeded, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback: callback())
    # in this process: a spawned one would not see the test database
    assert _annual_report_peak_rss(seeded["logins"]["chair"].pk, 2026) > 0
    assert Job.objects.get(kind="annual_report").status == Job.Status.DONE


def test_each_official_document_is_timed_beside_weasyprint_alone(seeded, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback: callback())
    rows = time_documents(seeded["logins"]["chair"], runs=1, seconds=0)
    assert [row[0] for row in rows] == ["通知", "召开通知", "答复函", "公示单", "年度工会工作报告", "走访慰问登记表"]
    assert all(len(row) == len(DOCUMENT_HEADER) for row in rows)
    assert all(row[2] == 1 and row[5].endswith("×") and row[6] >= 1 for row in rows)
    assert Job.objects.filter(status=Job.Status.DONE).count() == len(rows)


def test_query_count_header_counts_the_requests_queries(rf, db):
    def view(request):
        list(Member.objects.all())
        list(Event.objects.all())
        return HttpResponse()

    response = query_count(view)(rf.get("/"))
    assert response["X-Query-Count"] == "2"


def test_profile_splits_every_benched_page_and_counts_its_queries(seeded):
    rows = profile_pages(seeded["logins"], requests=1, report=lambda text: None)
    assert [(row[0], row[1]) for row in rows] == [(page.name, page.role) for page in PAGES]
    for row in rows:
        total, sql, *parts = row[2:]
        queries = int(sql.split("(")[1].rstrip(")"))
        assert queries > 0 and float(total) > 0
        assert len(parts) == len(COLUMNS) - 1 and all(float(part) >= 0 for part in parts)
    assert all(float(row[4]) > 0 for row in rows)  # every page draws a template


def test_split_counts_each_moment_in_the_innermost_region(monkeypatch):
    ticks = iter(range(100))
    monkeypatch.setattr("bench.profile.CLOCK", lambda: next(ticks))
    split = Split()
    with split.region("other"):  # 0
        with split.region("middleware"):  # 1
            with split.region("sql"):  # 2
                pass  # 3
            with split.region("view"):  # 4
                pass  # 5
        pass  # 6
    assert dict(split.seconds) == {"other": 2, "middleware": 3, "sql": 1, "view": 1}


def test_splitting_puts_back_what_it_measured(db):
    from django.core.handlers.base import BaseHandler
    from django.template import engines
    from django.template.base import Template

    engine = engines["django"].engine
    before = (BaseHandler.get_response, Template.render, engine.template_context_processors)
    with splitting(Split()):
        assert Template.render is not before[1]
    assert (BaseHandler.get_response, Template.render, engine.template_context_processors) == before


def test_profile_finds_the_seeds_logins_and_digs_into_one_page(seeded, capsys):
    logins = bench_logins()
    assert logins == {role: user for role, user in seeded["logins"].items()}
    cprofile_page(logins, "roster", requests=1, limit=5)
    assert "roster (chair), /members/: 1 requests" in capsys.readouterr().out


def test_peak_rss_reads_every_child_process():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        peaks = peak_rss_of_children(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert peaks[child.pid] > 0


def test_the_steal_is_read_from_the_cpu_line_of_proc_stat():
    ticks = os.sysconf("SC_CLK_TCK")
    stat = f"cpu  5067 0 2730 13436 432 0 107 {3 * ticks} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n"
    assert steal_seconds(stat) == 3
    assert steal_seconds("cpu  1 2 3 4\n") == 0  # a kernel that has no steal column


def test_the_yardstick_times_the_loop_it_is_given():
    assert 0 <= python_yardstick(1_000) < python_yardstick(3_000_000)


class _Timed:
    """A bench session whose every GET takes the next of ``seconds`` and is written down in ``log``."""

    def __init__(self, log, seconds):
        self.log, self.seconds = log, iter(seconds)

    def get(self, url):
        self.log.append(url)
        return 200, next(self.seconds), self, b""

    def getheader(self, name, default=None):
        return {"X-Query-Count": "3"}.get(name, default)


def test_the_pages_compared_take_turns_and_each_gets_its_own_figures():
    log, count = [], WARM_UP + REQUESTS
    portal = _Timed(log, [0.010] * count)
    floor = _Timed(log, [0.005] * (count - 1) + [0.050])
    (portal_median, portal_p95, queries), (floor_median, floor_p95, _) = measure((portal, "/p"), (floor, "/f"))
    assert log == ["/p", "/f"] * count
    assert (portal_median, portal_p95, queries) == (10, 10, "3")
    assert floor_median == 5 and floor_p95 == 5  # one slow request is above the p95
