from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from . import care, selectors
from .models import Application, Payment


def cards(request):
    user = request.user
    cards = []
    if user.has_perm("welfare.view_files"):
        waiting = selectors.applications().filter(
            status__in=[Application.Status.SUBMITTED, Application.Status.REVIEWED]
        )
        count = waiting.count()
        if count:
            cards.append(
                Card(_("待办帮扶申请"), value=str(count), url=reverse("welfare:applications"), level="warning")
            )
        due = selectors.files_due_for_review().count()
        if due:
            cards.append(Card(_("困难档案待复核"), value=str(due), url=reverse("welfare:files"), level="warning"))
        tasks = care.open_tasks()
        if count := tasks.count():
            overdue = tasks.filter(due_on__lt=timezone.localdate()).count()
            text = _("其中%(overdue)s项已逾期") % {"overdue": overdue} if overdue else ""
            level = "danger" if overdue else "warning"
            cards.append(Card(_("待走访的关怀任务"), str(count), text, reverse("welfare:care_tasks"), level=level))
        stuck = Payment.objects.filter(status__in=Payment.STUCK).count()
        if stuck:
            text = _("经费申请被退回、未获批准或已撤回，请重新申请或取消")
            cards.append(Card(_("待处理的发放"), str(stuck), text, reverse("welfare:payments"), level="danger"))
        behind = selectors.campaigns_behind_schedule()
        if behind:
            first = behind[0]
            cards.append(
                Card(_("慰问活动进度滞后"), str(len(behind)), first.name, first.get_absolute_url(), level="danger")
            )
    elif user.has_perm("welfare.view_own_applications"):
        mine = selectors.applications().filter(member=user.member, status__in=Application.OPEN).first()
        if mine:
            cards.append(
                Card(_("我的帮扶申请"), value=mine.get_status_display(), url=mine.get_absolute_url(), level="secondary")
            )
    return cards
