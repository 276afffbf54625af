"""Notices: an in-portal message to one user, with an email copy sent later by a Celery task.

``notify(recipients, text=..., url=..., kind=..., permission=..., obj=...)`` is the one way to tell
someone something. A recipient may be a user or anything with a ``user`` (a member); people without
an account are skipped. With ``permission`` a recipient who may not open ``obj`` is skipped too, so
nobody learns of a hardship file through a notice. The notices are rows of the caller's transaction;
the email copies go after it commits, by ``unionportal.tasks.send_notice_emails``, never in the request.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import page_shell
from .compiled import compiled_once


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("类别"), max_length=60, blank=True)
    text = models.CharField(_("内容"), max_length=300)
    url = models.CharField(_("链接"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        app_label = "unionportal"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread_idx")]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self):
        return self.text


def _user_of(recipient):
    if recipient is None:
        return None
    if hasattr(recipient, "is_authenticated"):
        return recipient
    return getattr(recipient, "user", None)


def recipients_of(recipients) -> list:
    """The distinct active users behind a person, a user or a list of either."""
    if recipients is None or not isinstance(recipients, Iterable):
        recipients = [recipients]
    users, seen = [], set()
    for recipient in recipients:
        user = _user_of(recipient)
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            users.append(user)
    return users


def notify(recipients, *, text, url="", kind="", permission=None, obj=None, exclude=None) -> list[Notice]:
    """Leave a notice for each recipient who may open ``obj`` (when ``permission`` is given) and is not
    ``exclude`` (the actor needs no notice of what she did herself); email copies follow the commit."""
    excluded = _user_of(exclude)
    users = [
        user
        for user in recipients_of(recipients)
        if (excluded is None or user.pk != excluded.pk) and (permission is None or user.has_perm(permission, obj))
    ]
    notices = Notice.objects.bulk_create(
        [Notice(recipient=user, text=str(text)[:300], url=str(url), kind=kind) for user in users]
    )
    page_shell.forget("unread_notices")
    ids = [notice.pk for notice in notices if notice.recipient.email]
    if ids:
        from .tasks import send_notice_emails

        transaction.on_commit(lambda: send_notice_emails.delay(ids))
    return notices


def unread(user):
    return Notice.objects.filter(recipient=user, read_at__isnull=True)


def _count_unread(user_id, _today=None):
    return unread(user_id).order_by().values("recipient").annotate(count=models.Count("pk")).values("count")


_unread_counts = compiled_once(_count_unread)
page_shell.per_user("unread_notices", _count_unread)


def unread_count(user) -> int:
    """How many notices wait for ``user``: every page's header shows it."""
    count = page_shell.value_for(user, "unread_notices")
    if count is page_shell.NOT_READ:
        return next((count for (count,) in _unread_counts(user.pk)), 0)
    return count or 0


def mark_read(*, user, notices=None) -> int:
    """Mark the user's notices read (all unread ones, or those of ``notices``)."""
    query = unread(user)
    if notices is not None:
        query = query.filter(pk__in=[n.pk for n in notices])
    page_shell.forget("unread_notices")
    return query.update(read_at=timezone.now())


def hand_over(*, from_user, to_user) -> None:
    """Move every notice of ``from_user`` (a login merged away) to ``to_user``."""
    Notice.objects.filter(recipient=from_user).update(recipient=to_user)
    page_shell.forget("unread_notices")
