from celery import shared_task


@shared_task(ignore_result=False)  # the worker tests read its answer back
def ping(value):
    """A round trip through the broker: proves a worker is listening."""
    return {"pong": value}
