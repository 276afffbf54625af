"""Scale-out: individual notice jobs through real Celery workers on Redis, one worker process, then two.

A `celery -A unionportal worker --concurrency N` runs against the bench database and Redis (BENCH_REDIS_URL,
default database 13, which no test uses; it is emptied before each run). The bench records the jobs' rows, sends
one message each, as ``services._dispatch`` does, and times from the first message until the last job is done (its
``finished_at``, which the worker records as it finishes). Each worker first renders a few jobs untimed, so that
what is measured is the pool at work, not its start-up.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import redis
from celery import Celery
from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from members.models import Member
from unionportal.documents.models import Job

from .figures import _notice_params

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
TASK = "unionportal.documents.tasks.render_document"
ROOT = Path(__file__).resolve().parent.parent
WARM_UP_PER_PROCESS = 2
TIMEOUT = 900
POLL_EVERY = 1.0  # seconds


def redis_answers(url=REDIS_URL):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def start_worker(concurrency, url=REDIS_URL):
    env = {**os.environ, "REDIS_URL": url, "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    command = [sys.executable, "-m", "celery", "-A", "unionportal", "--quiet", "worker", f"--concurrency={concurrency}"]
    command += ["--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def _send(broker, owner, names):
    """Record a notice job for each name and hand each to the broker; the batch of jobs, as a query."""
    since = timezone.now()
    jobs = Job.objects.bulk_create(
        Job(owner=owner, kind="notice", params=(params := _notice_params(name, i)), title=params["title"])
        for i, name in enumerate(names)
    )
    for job in jobs:
        broker.send_task(TASK, args=[str(job.pk)])
    batch = Job.objects.filter(owner=owner, created_at__gte=since)
    batch.update(sent_at=timezone.now())
    return batch


def _wait(batch, worker):
    """Wait until every job of ``batch`` is done or failed; how many are done, and when the last one finished. The
    bench shares the two cores with the workers it measures, so it asks through the owner's index, not with a list
    of the thousand job ids (about 10 ms of CPU a poll in Django and PostgreSQL, 1.5 ms so), and once a second: the
    time comes from the jobs' ``finished_at``, not from the moment a poll saw them done."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if not batch.exclude(status__in=[Job.Status.DONE, Job.Status.FAILED]).exists():
            return batch.aggregate(done=Count("pk", filter=Q(status=Job.Status.DONE)), last=Max("finished_at"))
        if worker.poll() is not None:
            raise SystemExit(f"the Celery worker exited with {worker.returncode}")
        time.sleep(POLL_EVERY)
    raise SystemExit(f"the Celery worker left notice jobs unfinished after {TIMEOUT} s")


def through_workers(owner, names, concurrency, url=REDIS_URL):
    """The notices for ``names`` through one worker of ``concurrency`` processes: seconds, jobs per second."""
    redis.Redis.from_url(url).flushdb()
    broker = Celery("bench", broker=url)
    worker = start_worker(concurrency, url)
    try:
        _wait(_send(broker, owner, names[: WARM_UP_PER_PROCESS * concurrency]), worker)
        started = timezone.now()
        finished = _wait(_send(broker, owner, names), worker)
        done, seconds = finished["done"], (finished["last"] - started).total_seconds()
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        broker.close()
    return {"processes": concurrency, "jobs": len(names), "done": done, "seconds": seconds, "rate": done / seconds}


def scale_out(owner, count, url=REDIS_URL):
    """``count`` notices through 1 then 2 worker processes and the ratio of their throughputs; None without Redis."""
    if not redis_answers(url):
        return None
    names = list(Member.objects.order_by("pk").values_list("name", flat=True)[:count])
    runs = [through_workers(owner, names, concurrency, url) for concurrency in (1, 2)]
    one, two = runs
    return {"runs": runs, "ratio": two["rate"] / one["rate"], "ok": all(run["done"] == run["jobs"] for run in runs)}
