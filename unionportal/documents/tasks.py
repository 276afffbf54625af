from celery import shared_task
from celery.signals import worker_ready

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_document(job_id):
    services.run_job(job_id)


@shared_task
def sweep_jobs():
    return services.sweep_jobs()


@worker_ready.connect
def sweep_jobs_on_start(**kwargs):
    sweep_jobs.delay()
