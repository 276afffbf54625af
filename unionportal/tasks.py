from celery import shared_task
from django.core import mail
from django.utils import timezone


@shared_task(ignore_result=False)  # the worker tests read its answer back
def ping(value):
    """A round trip through the broker: proves a worker is listening."""
    return {"pong": value}


@shared_task
def send_notice_emails(notice_ids):
    """The email copies of notices, one connection for the lot; a notice already mailed is skipped, so a
    task delivered twice sends each copy once. A copy that cannot be sent leaves the notice as it is."""
    from .notices import Notice

    notices = list(
        Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
    )
    messages = [mail.EmailMessage(n.text, _body(n), None, [n.recipient.email]) for n in notices]
    if messages:
        mail.mailers.default.send_messages(messages)
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
    return len(messages)


def _body(notice):
    return f"{notice.text}\n\n{notice.url}" if notice.url else notice.text
