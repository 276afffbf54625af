from celery import shared_task


@shared_task
def ping(value):
    """A round trip through the broker: proves a worker is listening."""
    return {"pong": value}
