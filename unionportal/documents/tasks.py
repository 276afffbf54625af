from celery import shared_task
from celery.signals import worker_init, worker_ready
from django.template.loader import get_template

from . import rendering, services
from .fonts import WEIGHTED_FACES
from .registry import documents


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_document(job_id):
    services.run_job(job_id)


@shared_task
def sweep_jobs():
    return services.sweep_jobs()


@worker_ready.connect
def sweep_jobs_on_start(**kwargs):
    sweep_jobs.delay()


@worker_init.connect
def load_before_forking(**kwargs):
    """What every document needs loads once in the worker's main process, before it forks its pool: each process,
    and each new one that replaces a process after CELERY_WORKER_MAX_TASKS_PER_CHILD tasks, starts ready instead
    of spending its first document on it. That is WeasyPrint and the fonts, with the weighted Fandol families
    registered (a process forked afterwards shares the parent's font folder, where WeasyPrint takes a file already
    written as a family already registered), and the document classes with their compiled templates (Django's
    cached template loader keeps them for the process). The templates come first, so that the collector's freeze
    after this first PDF (rendering.py) holds them too."""
    for document in documents().values():
        get_template(document.template)
    rendering.weasyprint_pdf(f"<style>{WEIGHTED_FACES}</style><p>工会</p>")
