"""What an app's record that waits on an expense request (an event's budget, a donation hand-over) needs from the
funds chain: one standing request at a time, and its own fields filled in when the accountant pays it."""

from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from ..models import Entry, Expense


def require_no_standing_request(expense: Expense | None) -> None:
    """A record asks for its money once; only a refused or withdrawn request may be asked again."""
    if expense is None or not expense.is_standing:
        return
    if expense.status == Expense.Status.PAID:
        raise ValidationError(_("这笔经费已经支付，不能再申请。"))
    status = expense.get_status_display()
    raise ValidationError(_("已有一笔经费申请（%(status)s），请在支出申请中办理，不能重复申请。") % {"status": status})


def on_paid(handler, dispatch_uid: str) -> None:
    """When an expense is paid (its ledger entry is written), ``handler(entry)`` runs in the same transaction."""

    def paid(sender, instance: Entry, created, raw=False, **kwargs):
        if created and not raw and instance.expense_id:
            handler(instance)

    post_save.connect(paid, sender=Entry, dispatch_uid=dispatch_uid, weak=False)


def follow_payment(model, fields, dispatch_uid: str) -> None:
    """When an expense is paid, rows of ``model`` that name it get ``fields(entry)``: e.g. the date it was
    handed over, the amount actually spent."""
    on_paid(lambda entry: model.objects.filter(expense_id=entry.expense_id).update(**fields(entry)), dispatch_uid)
