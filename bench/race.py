"""The races: many people, each with their own session, POST the same form at the same moment
against the running server; afterwards the database must hold every one of them, once.

- sign-up race: ``places`` places taken and the rest waitlisted, in distinct queue positions;
- ballot races: every delegate's secret ballot on the open motion, and every delegate's appraisal
  ballot, counted after: one receipt per voter, and the ballots add up to exactly what was sent.
"""

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from django.urls import reverse

from activities.models import Registration
from congress.models import AppraisalTally, BallotTally

from .client import Session


def post_all_at_once(port, users, url, forms):
    """POST ``forms[i]`` as ``users[i]``, all released together; (seconds, statuses). Each person has the
    page open already: their connection is made before the start, so the race times the POSTs themselves."""
    sessions = [Session(port, user) for user in users]
    for session in sessions:
        session.connect()
    start = threading.Barrier(len(sessions) + 1)

    def run(session, form):
        start.wait()
        try:
            status, _, _, _ = session.post(url, form)
            return status
        except OSError as error:
            return repr(error)
        finally:
            session.close()

    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        futures = [pool.submit(run, session, form) for session, form in zip(sessions, forms, strict=True)]
        start.wait()
        started = time.perf_counter()
        statuses = [future.result() for future in futures]
        return time.perf_counter() - started, statuses


def _failures(statuses):
    return len([s for s in statuses if s != 302])


def sign_up_race(port, event, users, places):
    url = reverse("activities:sign_up", args=[event.pk])
    seconds, statuses = post_all_at_once(port, users, url, [{}] * len(users))
    registrations = Registration.objects.filter(event=event)
    registered = registrations.filter(status=Registration.Status.REGISTERED).count()
    waitlisted = registrations.filter(status=Registration.Status.WAITLISTED).count()
    positions = set(registrations.values_list("position", flat=True))
    ok = (
        registered == places
        and waitlisted == len(users) - places
        and positions == set(range(1, len(users) + 1))
        and not _failures(statuses)
    )
    return {
        "seconds": seconds,
        "registered": registered,
        "waitlisted": waitlisted,
        "failures": _failures(statuses),
        "ok": ok,
    }


def ballot_race(port, motion, voters):
    """Every voter casts a secret ballot on the open motion at once."""
    rng = random.Random(1)
    choices = rng.choices(BallotTally.Choice.values, weights=[70, 20, 10], k=len(voters))
    url = reverse("congress:motion_vote", args=[motion.pk])
    seconds, statuses = post_all_at_once(port, voters, url, [{"choice": c} for c in choices])
    receipts = motion.receipts.count()
    counted = Counter(dict(motion.tallies.values_list("choice", "count")))
    ok = receipts == len(voters) and counted == Counter(choices) and not _failures(statuses)
    return {"seconds": seconds, "receipts": receipts, "ballots": sum(counted.values()), "ok": ok}


def appraisal_race(port, appraisal, voters):
    """Every voter rates every appraisee of the open appraisal at once."""
    rng = random.Random(2)
    appraisees = list(appraisal.appraisees.values_list("pk", flat=True))
    grades = [value for value, _label in appraisal.grades()]
    forms = [{f"a{pk}": rng.choice(grades) for pk in appraisees} for _ in voters]
    url = reverse("congress:appraisal_vote", args=[appraisal.pk])
    seconds, statuses = post_all_at_once(port, voters, url, forms)
    receipts = appraisal.receipts.count()
    sent = Counter((int(key[1:]), grade) for form in forms for key, grade in form.items())
    tallies = AppraisalTally.objects.filter(appraisee__appraisal=appraisal)
    counted = Counter({(t.appraisee_id, t.grade): t.count for t in tallies})
    ok = receipts == len(voters) and counted == sent and not _failures(statuses)
    return {"seconds": seconds, "receipts": receipts, "marks": sum(counted.values()), "ok": ok}
