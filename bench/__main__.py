"""`python -m bench`: recreate the bench database, seed it, serve it with gunicorn, time the pages.

Environment: BENCH_PG_URL (server, default postgres://postgres@127.0.0.1:5432), BENCH_DATABASE
(the database dropped and recreated, default unionportal_bench), BENCH_REQUESTS (timed requests per page, default 100),
BENCH_CONGRESS_DELEGATES / BENCH_CONGRESS_WINDOW (congress day: delegates logging in, default 200, within
seconds, default 60; at most BENCH_VOTERS delegates), BENCH_WORKERS / BENCH_THREADS (gunicorn, default 2 / 4),
BENCH_IMPORT_ROWS (default 20000), BENCH_NOTICES (addressees of the notice, default 1000),
BENCH_WORKER_NOTICES (notice jobs through real Celery workers, default BENCH_NOTICES; BENCH_REDIS_URL: see
bench/workers.py), BENCH_PROFILE_REQUESTS (in-process requests per page for the profile split, default 10;
see bench/profile.py), BENCH_ONLY (a comma-separated subset of SECTIONS, e.g. "pages" while working on one
part; default all), and the seed sizes in bench/seed.py (BENCH_STAFF=20000 …).
"""

import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("BENCH_DATABASE", "unionportal_bench")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "20000"))
NOTICES = int(os.environ.get("BENCH_NOTICES", "1000"))
CONGRESS_DELEGATES = int(os.environ.get("BENCH_CONGRESS_DELEGATES", "200"))
CONGRESS_WINDOW = float(os.environ.get("BENCH_CONGRESS_WINDOW", "60"))
WORKER_NOTICES = int(os.environ.get("BENCH_WORKER_NOTICES", str(NOTICES)))
WARM_UP = 2
SECTIONS = (
    "pages",
    "profile",
    "export",
    "races",
    "congress_day",
    "annual_report",
    "documents",
    "notices",
    "workers",
    "import",
)
ONLY = {name.strip() for name in os.environ.get("BENCH_ONLY", ",".join(SECTIONS)).split(",") if name.strip()}


def wanted(section):
    return section in ONLY


def say(text=""):
    print(text, flush=True)


def recreate_database():
    """Drop and create the bench database; False when no PostgreSQL answers."""
    import psycopg2

    try:
        connection = psycopg2.connect(f"{PG_URL}/postgres", connect_timeout=3)
    except psycopg2.OperationalError as error:
        say(f"PostgreSQL is not reachable at {PG_URL} ({str(error).strip().splitlines()[0]}).")
        say("The bench needs PostgreSQL (set BENCH_PG_URL); nothing was measured.")
        return False
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        say(f"  {cursor.fetchone()[0].split(',')[0]}")
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()
    return True


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port):
    workers = os.environ.get("BENCH_WORKERS", "2")
    threads = os.environ.get("BENCH_THREADS", "4")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "unionportal.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--timeout=120",
        "--log-level=warning",
    ]
    say(f"  gunicorn: {workers} workers × {threads} threads")
    return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())


def wait_until_up(server, port):
    from .client import Session

    probe = Session(port)
    for _ in range(300):
        try:
            if probe.get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        time.sleep(0.1)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def peak_rss_of_children(parent):
    """{pid: peak resident set in MB} of ``parent``'s child processes (VmHWM in /proc/<pid>/status)."""
    peaks = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if fields.get("PPid", "").strip() == str(parent) and "VmHWM" in fields:
            peaks[int(entry.name)] = int(fields["VmHWM"].split()[0]) / 1024
    return peaks


def measure(*targets):
    """For each (session, url) of ``targets``: (median ms, p95 ms, query count) over REQUESTS GETs after a warm-up.
    The targets take turns, one request each, so a moment of noise on the machine falls on all of them alike rather
    than on whichever happened to be measured then."""
    times, queries = [[] for _ in targets], ["?"] * len(targets)
    for i in range(WARM_UP + REQUESTS):
        for n, (session, url) in enumerate(targets):
            status, elapsed, response, _ = session.get(url)
            if status != 200:
                raise SystemExit(f"GET {url} answered {status}")
            queries[n] = response.getheader("X-Query-Count", "?")
            if i >= WARM_UP:
                times[n].append(elapsed * 1000)
    return [summary(sorted(timed), counted) for timed, counted in zip(times, queries, strict=True)]


def summary(ordered, queries):
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95, queries


def table(rows, header):
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = [line, "  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)), line]
    for row in rows:
        cells = [str(row[0]).ljust(widths[0])] + [str(c).rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        out.append("  ".join(cells))
    out.append(line)
    return "\n".join(out)


def machine():
    """nproc, CPU model and RAM, as the README's performance section quotes them."""
    model = "unknown CPU"
    memory = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = next(line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name"))
        meminfo = Path("/proc/meminfo").read_text()
        kib = next(int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal"))
        memory = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model}){memory}"


def time_pages(sessions):
    from .pages import PAGES

    def targets_of(page):
        targets = [(sessions[page.role], page.url)]
        targets += [(sessions[page.role], page.floor_url)] if page.floor_url else []
        return targets + ([(sessions["admin"], page.admin_url)] if page.admin_url else [])

    # one untimed pass over everything first, so that the first page timed does not pay for what a server's first
    # requests pay (gunicorn answers once one worker is up; templates compiled, connections opened, statements prepared)
    for page in PAGES:
        for session, url in targets_of(page):
            session.get(url)
    rows = []
    for page in PAGES:
        portal, *others = measure(*targets_of(page))
        floor = others.pop(0) if page.floor_url else None
        admin = others.pop(0) if page.admin_url else None

        def ratio(other, portal=portal):
            return f"{portal[0] / other[0]:.2f} / {portal[1] / other[1]:.2f}×" if other else "—"

        def cell(result):
            return f"{result[0]:.0f} / {result[1]:.0f} ({result[2]} q)" if result else "—"

        rows.append([page.name, page.role, cell(portal), cell(floor), ratio(floor), cell(admin), ratio(admin)])
        say(f"  measured {page.name} ({page.role})")
    return rows


def verdict(ok):
    return "OK" if ok else "WRONG"


def use_bench_settings(**environment):
    """The portal as the bench serves it (bench.settings on the bench database), for this process and gunicorn."""
    os.environ.update(
        DATABASE_URL=f"{PG_URL}/{DATABASE}",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="",
        REDIS_URL="",
        **environment,
    )
    sys.path.insert(0, str(ROOT))


def prepare():
    """Recreate, migrate and seed the bench database (Django set up); the seed's context, None without PostgreSQL."""
    from django.core.management import call_command
    from django.db import connection

    from .seed import Sizes, seed

    connection.close()  # the database is dropped under it
    if not recreate_database():
        return None
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    say(f"  migrated {DATABASE} ({time.perf_counter() - started:.1f} s)")
    sizes = Sizes()
    started = time.perf_counter()
    context = seed(sizes, report=say)
    with connection.cursor() as cursor:
        # Fresh statistics and visibility maps, as autovacuum gives a real database after its inserts (PostgreSQL
        # 13+ vacuums on inserts too); without the maps, counts and index-only scans read every row's heap page.
        cursor.execute("VACUUM ANALYZE")
    context.update(sizes=sizes, seeded=time.perf_counter() - started)
    say(f"  seed total {context['seeded']:.1f} s")
    return context


def main():
    began = time.perf_counter()
    say(f"== make bench · {time.strftime('%Y-%m-%d %H:%M %Z')} · {platform.node()} · {machine()}")
    say(f"  yardstick: 10,000,000 additions in a Python loop take {python_yardstick():.2f} s of CPU")
    stolen = steal_seconds()
    media = tempfile.mkdtemp(prefix="unionportal-bench-media-")
    use_bench_settings(DJANGO_MEDIA_ROOT=media)
    try:
        return run(began)
    finally:
        say(f"  the host took {steal_seconds() - stolen:.2f} s of CPU from this machine during the run (steal)")
        shutil.rmtree(media, ignore_errors=True)


def python_yardstick(additions=10_000_000):
    """CPU seconds this machine's Python takes for ``additions`` additions in a loop. The ratios need no yardstick
    (a page and its floor run on the same machine), but the absolute figures (races, import, notices) do: two
    virtual machines sold as "2 cores" differed by a factor of three on the same code."""
    started, total = time.process_time(), 0
    for number in range(additions):
        total += number
    return time.process_time() - started


def steal_seconds(stat=None):
    """CPU time the hypervisor took from this machine since boot (the steal column of /proc/stat, or of ``stat``,
    its text); 0 where the hypervisor does not report it."""
    fields = (stat or Path("/proc/stat").read_text()).split("\n", 1)[0].split()
    return int(fields[8]) / os.sysconf("SC_CLK_TCK") if len(fields) > 8 else 0.0


def run(began):
    import django

    django.setup()
    from django.utils import timezone

    from . import figures
    from .documents import annual_report_peak_rss, time_documents
    from .profile import profile_pages

    context = prepare()
    if context is None:
        return 0
    sizes, seeded = context["sizes"], context["seeded"]
    chair = context["logins"]["chair"]
    results = {}
    if ONLY & {"pages", "export", "races", "congress_day"}:
        results.update(over_http(context, sizes))
    if wanted("profile"):
        results["profile"] = profile_pages(context["logins"], report=say)
    if wanted("annual_report"):
        results["report"] = figures.annual_report(chair, timezone.localdate().year)
        results["report"]["peak_rss"] = annual_report_peak_rss(chair, timezone.localdate().year)
        say("  rendered the annual report")
    if wanted("documents"):
        results["documents"] = time_documents(chair)
        say("  rendered each official document, the annual report and a register beside WeasyPrint alone")
    if wanted("notices"):
        results["notices"] = figures.notices(chair, NOTICES)
        say("  rendered the notice addressed person by person")
    if wanted("workers"):
        from .workers import REDIS_URL, scale_out

        results["workers"] = scale_out(chair, WORKER_NOTICES) or {"skipped": REDIS_URL, "ok": True}
        say("  ran the notices through Celery workers" if "runs" in results["workers"] else "  no Redis: no workers")
    if wanted("import"):
        results["imported"] = figures.roster_import(chair, IMPORT_ROWS)
        say("  imported the roster")

    say()
    print_results(results, context, sizes)
    say(f"Whole bench: {time.perf_counter() - began:.0f} s (seed {seeded:.0f} s)")
    checked = ("race", "ballots", "appraisal", "day", "imported", "notices", "workers")
    return 0 if all(results[name]["ok"] for name in checked if name in results) else 1


def over_http(context, sizes):
    """The sections that need the portal served by gunicorn: pages, export, races, congress day."""
    from . import figures
    from .client import Session
    from .congress_day import congress_day
    from .race import appraisal_race, ballot_race, sign_up_race
    from .seed import PASSWORD

    results = {}
    port = free_port()
    server = start_gunicorn(port)
    try:
        wait_until_up(server, port)
        say(f"  gunicorn up on 127.0.0.1:{port} (pid {server.pid})")
        if wanted("pages"):
            sessions = {role: Session(port, user) for role, user in context["logins"].items()}
            results["rows"] = time_pages(sessions)
        if wanted("export"):
            results["export"] = figures.roster_export(port, context["logins"]["chair"])
            say("  measured the roster export")
        if wanted("races"):
            results["ballots"] = ballot_race(port, context["race_motion"], context["voters"])
            results["appraisal"] = appraisal_race(port, context["race_appraisal"], context["voters"])
            say("  ran the ballot races")
            results["race"] = sign_up_race(port, context["race_event"], context["racers"], sizes.places)
            say("  ran the sign-up race")
        if wanted("congress_day"):
            delegates = context["voters"][:CONGRESS_DELEGATES]
            motion = context["congress_day_motion"]
            results["day"] = congress_day(port, motion, delegates, PASSWORD, window=CONGRESS_WINDOW)
            say("  ran congress day")
        results["web_rss"] = peak_rss_of_children(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def print_results(results, context, sizes):
    from .congress_day import step_rows
    from .documents import HEADER as DOCUMENT_HEADER
    from .documents import RUNS as DOCUMENT_RUNS
    from .documents import SECONDS as DOCUMENT_SECONDS
    from .profile import profile_table

    if "rows" in results:
        say(
            f"Pages: median / p95 ms over {REQUESTS} requests each, the portal's, the floor's and the admin's taking "
            f"turns (SQL queries per request); ratios of the medians / of the p95s; "
            f"{sizes.staff:,} staff, {sizes.years} years of congress, disclosure ({sizes.board_items:,} board items), "
            f"welfare and events"
        )
        header = ["page", "as", "portal", "floor (JSON)", "portal÷floor", "Django admin", "portal÷admin"]
        say(table(results["rows"], header))
        say()
    if "profile" in results:
        say(profile_table(results["profile"]))
        say()
    say("Figures:")
    if "export" in results:
        export = results["export"]
        say(
            f"  Roster export to .xlsx (GET, chair): {export['rows']:,} staff, {export['bytes'] / 1e6:.1f} MB "
            f"in {export['seconds']:.1f} s"
        )
    if "imported" in results:
        imported = results["imported"]
        say(
            f"  Roster import from .xlsx (members.services.import_roster, in-process): {imported['rows']:,} rows "
            f"checked (preview) in {imported['dry_run']:.1f} s, imported in {imported['seconds']:.1f} s, "
            f"{imported['added']:,} added; the same file with one bad last row refused whole in "
            f"{imported['refused_seconds']:.1f} s, nothing written: {'yes' if imported['refused_clean'] else 'NO'} "
            f"→ {verdict(imported['ok'])}"
        )
    voters = len(context["voters"])
    if "ballots" in results:
        ballots, appraisal, race = results["ballots"], results["appraisal"], results["race"]
        say(
            f"  Secret ballot: {voters} delegates at once: {ballots['seconds']:.1f} s; {ballots['receipts']} "
            f"receipts, {ballots['ballots']} ballots, tally equals what was sent → {verdict(ballots['ok'])}"
        )
        say(
            f"  Appraisal ballot: {voters} delegates at once: {appraisal['seconds']:.1f} s; "
            f"{appraisal['receipts']} receipts, {appraisal['marks']:,} marks, tally equals what was sent "
            f"→ {verdict(appraisal['ok'])}"
        )
        say(
            f"  Sign-up race: {len(context['racers'])} members at once for {sizes.places} places: "
            f"{race['seconds']:.1f} s; {race['registered']} registered, {race['waitlisted']} waitlisted, "
            f"{race['failures']} failed requests → {verdict(race['ok'])}"
        )
    if "day" in results:
        day = results["day"]
        say(
            f"  Congress day: {day['delegates']} delegates log in (production hasher) within "
            f"{CONGRESS_WINDOW:.0f} s, open the ballot, vote, read the board: {day['seconds']:.1f} s; "
            f"{day['receipts']} receipts, tally equals what was sent → {verdict(day['ok'])}"
        )
        say(table(step_rows(day), ["step", "p50 ms", "p95 ms", "p99 ms", "failures"]))
    if "web_rss" in results:
        web_rss = results["web_rss"]
        say(
            f"  Peak RSS of the gunicorn workers (VmHWM): "
            f"{', '.join(f'{mb:.0f} MB' for mb in sorted(web_rss.values(), reverse=True)) or 'not readable'}"
        )
    if "report" in results:
        report = results["report"]
        say(
            f"  Annual report {report['year']} (job run eagerly in-process: data, WeasyPrint, PDF stored): "
            f"{report['seconds']:.1f} s, {report['pages']} pages, {report['bytes'] / 1e6:.1f} MB; "
            f"a fresh process rendering it peaked at {report['peak_rss']:.0f} MB RSS"
        )
    if "notices" in results:
        notices = results["notices"]
        say(
            f"  Notice addressed person by person (逐人通知) to {notices['count']:,} people (one job run eagerly, "
            f"one process): {notices['seconds']:.1f} s, {notices['seconds'] / max(notices['count'], 1) * 1000:.0f} ms "
            f"per addressee; one PDF of {notices['pages']:,} pages, {notices['bytes'] / 1e6:.1f} MB "
            f"→ {verdict(notices['ok'])}"
        )
    if "workers" in results:
        say(worker_lines(results["workers"]))
    if "documents" in results:
        say()
        say(
            f"Documents: median ms over {DOCUMENT_RUNS} runs or more (a short one until its floors add up to "
            f"{DOCUMENT_SECONDS:g} s) of the whole job (data, template, WeasyPrint, PDF stored) beside "
            f"rendering.weasyprint_pdf alone on the same HTML (the floor)"
        )
        say(table(results["documents"], DOCUMENT_HEADER))


def worker_lines(workers):
    if "skipped" in workers:
        return f"  Celery workers: no Redis answers at {workers['skipped']}; not measured"
    lines = [
        f"  Celery workers (Redis, individual notice jobs): {run['jobs']:,} jobs, {run['processes']} process"
        f"{'es' if run['processes'] > 1 else ''}: {run['seconds']:.1f} s, {run['rate']:.1f} jobs/s"
        for run in workers["runs"]
    ]
    lines.append(f"  Celery workers: 2 processes ÷ 1 = {workers['ratio']:.2f}× → {verdict(workers['ok'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
