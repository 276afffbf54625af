from celery import shared_task

from . import services


@shared_task
def tell_period_over():
    """Daily (CELERY_BEAT_SCHEDULE): staff are told of each item whose 公示期 ended and waits to be closed."""
    return len(services.tell_period_over())
