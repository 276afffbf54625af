from celery import shared_task

from . import services


@shared_task
def bring_into_force():
    """Daily (beat): every filed contract whose 15-day review ended without objection goes into force."""
    return [contract.pk for contract in services.bring_into_force()]
