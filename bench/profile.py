"""`python -m bench.profile`: where each benched page's time goes, measured in-process.

Each page of bench/pages.py is requested through Django's whole handler (the test Client with the role's session
cookie, as the bench's HTTP client sends it) BENCH_PROFILE_REQUESTS times (default 10) after a warm-up, and its time
is split by where the interpreter was, each moment counted once, in the innermost of:
SQL (inside cursor.execute, via connection.execute_wrapper), forms (a form or widget template drawn through the
form renderer, and form validation), context (the context processors, the menu, the unread-notice count and the
page shell's one read of the profile, roles and notices, wherever the page first needs it),
template (everything else inside Template.render), view (the view's own Python and the rest of
BaseHandler._get_response: URL resolving, process_view), middleware (the middleware chain before and after the
view) and other (the test Client itself: building the request, reading the cookies). BENCH_PROFILE_CLOCK=cpu
counts this process's CPU time instead of the wall clock: steadier on a busy machine, but SQL is then only the
driver's share, not PostgreSQL's.

It uses the bench database (BENCH_DATABASE at BENCH_PG_URL, as `python -m bench` leaves it) and seeds it first
when it holds no bench seed. ``--cprofile NAME`` prints instead the functions one page (the first whose name
starts with NAME) spends its time in, by own time, to dig further.
"""

import contextlib
import cProfile
import functools
import os
import pstats
import sys
import time
from collections import defaultdict

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "10"))
# "cpu": this process's CPU time instead of the wall clock (steadier on a busy machine; SQL then counts only the
# driver's side, not the time PostgreSQL takes)
CLOCK = time.process_time if os.environ.get("BENCH_PROFILE_CLOCK") == "cpu" else time.perf_counter
WARM_UP = 2
COLUMNS = ("sql", "template", "forms", "context", "view", "middleware", "other")
HEADER = ["page", "as", "total ms", "SQL ms (q)", "template", "forms", "context", "view", "middleware", "other"]


class Split:
    """Time per category, each moment counted in the innermost open region."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.queries = 0
        self._open = []
        self._since = 0.0

    @contextlib.contextmanager
    def region(self, name):
        now = CLOCK()
        if self._open:
            self.seconds[self._open[-1]] += now - self._since
        self._open.append(name)
        self._since = now
        try:
            yield
        finally:
            now = CLOCK()
            self.seconds[self._open.pop()] += now - self._since
            self._since = now

    def sql(self, execute, sql, params, many, context):
        self.queries += 1
        with self.region("sql"):
            return execute(sql, params, many, context)


def _timed(split, function, category):
    def timed(*args, **kwargs):
        with split.region(category):
            return function(*args, **kwargs)

    return timed


def _timed_view(split, make_view_atomic):
    """The handler asks for each request's view through make_view_atomic: hand it back timed as "view"."""

    def timed(handler, view):
        return _timed(split, make_view_atomic(handler, view), "view")

    return timed


def _measured_functions():
    """(owner, attribute, category) of the functions whose time the split attributes."""
    from django.core.handlers.base import BaseHandler
    from django.forms.forms import BaseForm
    from django.forms.renderers import BaseRenderer
    from django.template.base import Template

    from unionportal import context_processors, page_shell

    return [
        (BaseHandler, "get_response", "middleware"),
        (BaseHandler, "make_view_atomic", "view"),
        (Template, "render", "template"),
        (BaseRenderer, "render", "forms"),
        (BaseForm, "full_clean", "forms"),
        (context_processors, "menu_for", "context"),
        (context_processors, "_unread_count", "context"),
        (page_shell, "_read", "context"),
    ]


@contextlib.contextmanager
def splitting(split):
    """Attribute time to ``split`` while the block runs; everything is put back afterwards."""
    from django.db import connection
    from django.template import engines

    patched = [(owner, name, owner.__dict__[name], category) for owner, name, category in _measured_functions()]
    for owner, name, original, category in patched:
        wrap = _timed_view if category == "view" else functools.partial(_timed, category=category)
        setattr(owner, name, wrap(split, original))
    engine = engines["django"].engine
    processors = engine.template_context_processors
    engine.template_context_processors = tuple(_timed(split, processor, "context") for processor in processors)
    try:
        with connection.execute_wrapper(split.sql):
            yield
    finally:
        for owner, name, original, _category in patched:
            setattr(owner, name, original)
        engine.template_context_processors = processors


def client_for(user):
    from django.conf import settings
    from django.test import Client

    from .client import session_key_for

    client = Client(SERVER_NAME="127.0.0.1")
    if user is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key_for(user)
    return client


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")


def profile_page(client, url, requests=REQUESTS):
    """{category: mean ms per request, "total": …, "queries": per request} of ``requests`` GETs of ``url``."""
    for _ in range(WARM_UP):
        _get(client, url)
    split = Split()
    started = CLOCK()
    with splitting(split):
        for _ in range(requests):
            with split.region("other"):
                _get(client, url)
    result = {name: split.seconds[name] * 1000 / requests for name in COLUMNS}
    result["total"] = (CLOCK() - started) * 1000 / requests
    result["queries"] = split.queries // requests
    return result


def row(page, result):
    cells = [f"{result[name]:.1f}" for name in COLUMNS[1:]]
    return [page.name, page.role, f"{result['total']:.1f}", f"{result['sql']:.1f} ({result['queries']})", *cells]


def profile_table(rows):
    from .__main__ import table

    title = f"Profile: mean ms per request over {REQUESTS} in-process requests, split by where the time went"
    return f"{title}\n{table(rows, HEADER)}"


def profile_pages(logins, requests=REQUESTS, report=print):
    """One table row per page of bench/pages.py: the mean split per request, in ms."""
    from .pages import PAGES

    clients = {role: client_for(user) for role, user in logins.items()}
    rows = []
    for page in PAGES:
        rows.append(row(page, profile_page(clients[page.role], page.url, requests)))
        report(f"  profiled {page.name} ({page.role})")
    return rows


def cprofile_page(logins, name, requests=REQUESTS, limit=40):
    from .pages import PAGES

    page = next((page for page in PAGES if page.name.startswith(name)), None)
    if page is None:
        raise SystemExit(f"no benched page is called {name!r}; see bench/pages.py")
    client = client_for(logins[page.role])
    for _ in range(WARM_UP):
        _get(client, page.url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, page.url)
    profiler.disable()
    print(f"{page.name} ({page.role}), {page.url}: {requests} requests")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(limit)


def bench_logins():
    """The seed's logins by role, read back from the database (None when it holds no bench seed)."""
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    roles = ("chair", "staff", "member", "admin")
    try:
        users = {user.username: user for user in get_user_model().objects.filter(username__startswith="bench-")}
    except DatabaseError:
        return None
    if not all(f"bench-{role}" in users for role in roles):
        return None
    return {role: users[f"bench-{role}"] for role in roles} | {"visitor": None}


def main(argv):
    from .__main__ import DATABASE, prepare, say, use_bench_settings

    use_bench_settings()
    import django

    django.setup()
    logins = bench_logins()
    if logins is None:
        say(f"== {DATABASE} holds no bench seed: recreating and seeding it")
        context = prepare()
        if context is None:
            return 0
        logins = context["logins"]
    if argv[:1] == ["--cprofile"] and len(argv) == 2:
        cprofile_page(logins, argv[1])
        return 0
    say(profile_table(profile_pages(logins, report=say)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
