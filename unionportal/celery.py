import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.settings")

app = Celery("unionportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_database_connections(task, **kwargs):
    """Around each task a worker process treats its database connection as Django does around each request: it
    closes one that failed or is older than CONN_MAX_AGE and uses the others again (CELERY_DB_REUSE_MAX in
    settings.py stops Celery closing it around every task). An eager task runs inside its caller's request or
    transaction, which owns the connection."""
    if not task.request.is_eager:
        from django.db import close_old_connections

        close_old_connections()
