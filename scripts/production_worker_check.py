"""Run with the Python of a venv built from requirements.txt alone (scripts/run-tests does):
the production settings, a real `celery worker` and `celery beat` on Redis, a SQLite file
for the database. Queues a notice and waits for its PDF, then leaves a job that waited out
an outage for the beat's sweep to send. Exits non-zero if either is not done in time.

    REDIS_URL=redis://127.0.0.1:6379/14 var/prod-venv/bin/python scripts/production_worker_check.py
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "prod-stage"
BIN = Path(sys.executable).parent
NOTICE = {
    "issuing_body": "工会委员会",
    "number": "工〔2026〕1号",
    "title": "关于检查后台服务的通知",
    "addressees": "全体会员",
    "body": "这是一份由后台进程生成的通知。",
    "date": "2026-12-01",
}


def wait_for(job, seconds, processes):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in {job.Status.DONE, job.Status.FAILED}:
            return job.status == job.Status.DONE
        for process in processes:
            if process.poll() is not None:
                print(f"!! {process.args[4]} exited with {process.returncode}")
                return False
        time.sleep(0.3)
    print(f"!! job {job.title} still {job.status} after {seconds} s")
    return False


def main():
    sys.path.insert(0, str(ROOT))
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="unionportal.settings",
        DATABASE_URL=f"sqlite:///{WORK / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(WORK / "media"),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_DEBUG="0",
        DOCUMENT_SWEEP_SECONDS="2",
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)

    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    celery = [str(BIN / "celery"), "--quiet", "-A", "unionportal"]
    processes = [
        subprocess.Popen(
            [*celery, "worker", "--loglevel=WARNING", "--concurrency=1", "--max-tasks-per-child=50"], cwd=ROOT
        ),
        subprocess.Popen([*celery, "beat", "--loglevel=WARNING", f"--schedule={WORK / 'beat-schedule'}"], cwd=ROOT),
    ]
    try:
        import django

        django.setup()
        from django.contrib.auth.models import Group, User

        from unionportal.documents.models import Job
        from unionportal.documents.services import queue_document

        staff = User.objects.create_user("staff")
        staff.groups.add(Group.objects.get(name="staff"))
        started = time.monotonic()
        job = queue_document(owner=staff, kind="notice", params=NOTICE)
        if not wait_for(job, 120, processes):
            return 1
        print(f"worker rendered a notice ({job.file.size:,} bytes) in {time.monotonic() - started:.1f} s")

        started = time.monotonic()
        waited = Job.objects.create(owner=staff, kind="notice", params=NOTICE, title="停机期间排队的通知")
        if not wait_for(waited, 60, processes):
            return 1
        print(f"beat's sweep sent a job that waited out an outage; done in {time.monotonic() - started:.1f} s")
        return 0
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
