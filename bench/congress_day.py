"""Congress day as real HTTP load: each delegate, at their own moment within ``window`` seconds,
logs in through the login form (the production password hasher), opens the open secret ballot,
votes and reads the board, each in their own thread with their own cookies. Afterwards the motion
must hold one receipt per delegate and a tally equal to what was sent."""

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.urls import reverse

from congress.models import BallotTally

from .client import Session

STEPS = ("login", "ballot", "vote", "board")
EXPECTED = {"login": 302, "ballot": 200, "vote": 302, "board": 200}


def _one_delegate(port, user, password, urls, choice, starts_at):
    """{step: (seconds, ok)} of one delegate's day."""
    time.sleep(max(0.0, starts_at - time.monotonic()))
    session = Session(port)
    done = {}
    try:
        steps = {
            "login": lambda: session.log_in(user.username, password),
            "ballot": lambda: session.get(urls["ballot"])[:2],
            "vote": lambda: session.post(urls["vote"], {"choice": choice})[:2],
            "board": lambda: session.get(urls["board"])[:2],
        }
        for step in STEPS:
            status, seconds = steps[step]()
            done[step] = (seconds, status == EXPECTED[step])
            if not done[step][1]:
                break  # the next steps need this one
    except OSError:
        pass  # the failed step and the ones after it count as failures below
    finally:
        session.close()
    return done


def percentile(ordered, share):
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def congress_day(port, motion, delegates, password, window=60.0, threads=None):
    """Every delegate logs in within ``window`` seconds and votes on ``motion``; per step the
    p50/p95/p99 in ms and the failures, and whether the ballot box holds exactly what was sent."""
    rng = random.Random(3)
    choices = rng.choices(BallotTally.Choice.values, weights=[75, 15, 10], k=len(delegates))
    urls = {
        "ballot": reverse("congress:motion", args=[motion.pk]),
        "vote": reverse("congress:motion_vote", args=[motion.pk]),
        "board": reverse("disclosure:index"),
    }
    began = time.monotonic() + 0.5
    gap = window / max(len(delegates), 1)
    lock = threading.Lock()
    days = []

    def run(i):
        day = _one_delegate(port, delegates[i], password, urls, choices[i], began + i * gap)
        with lock:
            days.append(day)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads or len(delegates)) as pool:
        list(pool.map(run, range(len(delegates))))
    seconds = time.perf_counter() - started
    steps = {}
    for step in STEPS:
        times = sorted(day[step][0] * 1000 for day in days if step in day and day[step][1])
        failures = len(delegates) - len(times)
        quantiles = [percentile(times, q) if times else None for q in (0.50, 0.95, 0.99)]
        steps[step] = {"p50": quantiles[0], "p95": quantiles[1], "p99": quantiles[2], "failures": failures}
    receipts = motion.receipts.count()
    counted = Counter(dict(motion.tallies.values_list("choice", "count")))
    ok = receipts == len(delegates) and counted == Counter(choices) and not any(s["failures"] for s in steps.values())
    return {"seconds": seconds, "delegates": len(delegates), "steps": steps, "receipts": receipts, "ok": ok}


def step_rows(day):
    """The per-step table rows: step, p50, p95, p99 (ms) and failures."""
    rows = []
    for step in STEPS:
        figures = day["steps"][step]
        cells = [f"{figures[q]:.0f}" if figures[q] is not None else "—" for q in ("p50", "p95", "p99")]
        rows.append([step, *cells, figures["failures"]])
    return rows
