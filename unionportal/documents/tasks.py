from celery import shared_task
from celery.signals import worker_ready

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_document(job_id):
    services.run_job(job_id)


@shared_task
def send_waiting_jobs():
    return services.send_waiting_jobs()


@worker_ready.connect
def send_waiting_jobs_on_start(**kwargs):
    send_waiting_jobs.delay()
