"""Start a Celery worker for the tests, optionally with document rendering slowed
down so that a test can kill it in the middle of a job."""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.test_settings")
django.setup()

if "--slow" in sys.argv:
    from unionportal.documents import services

    def slow_render(*args):
        time.sleep(60)

    services.render = slow_render

from unionportal.celery import app  # noqa: E402

app.worker_main(["worker", "--pool=solo", "--loglevel=WARNING", "--without-heartbeat", "--without-gossip"])
