"""The 公开 item's transition table: draft → 预审 → 公示 → closed or 整改 → archived."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from unionportal.roles import Role, is_handler, is_union_staff, users_with_role
from unionportal.workflow import Action, Workflow

from .models import DisclosureItem, ItemStep
from .rules import of_own_department, reviews_others

S = DisclosureItem.Status
drafter = is_union_staff | (is_handler & of_own_department)


def _staff(item):
    return users_with_role(Role.CHAIR, Role.STAFF)


def _drafter(item):
    return [item.created_by, item.responsible]


def _not_closable(item):
    if not item.period_over():
        return _("公示期（截至 %(end)s）尚未结束。") % {"end": item.period_end}
    if item.objections.filter(answered_at__isnull=True).exists():
        return _("还有未答复的异议，不能结束公示。")
    return None


def _published_until(item):
    return _("已通过预审，公示至%(end)s。") % {"end": date_format(item.period_end, "n月j日")}


FLOW = Workflow(
    DisclosureItem,
    steps=ItemStep,
    noun=_("公开事项"),
    url_name="disclosure:transition",
    view_permission="disclosure.view_item",
    arg="item",
    final={S.ARCHIVED},
    step_labels={
        "draft": _("起草"),
        "object": _("会员提出异议"),
        "answer": _("答复异议"),
        "remind": _("提醒未签阅人员"),
        "period_over": _("公示期满，待结束公示"),
    },
    actions=[
        Action(
            "submit",
            {S.DRAFT},
            S.PENDING,
            label=_("提交预审"),
            allowed=drafter,
            service="disclosure.services.submit",
            done=_("已提交预审，等待公开领导小组审核。"),
            notify=_staff,
            notice=_("“{obj.title}”已提交预审，请审核。"),
        ),
        Action(
            "return",
            {S.PENDING},
            S.RETURNED,
            label=_("退回修改"),
            allowed=reviews_others,
            form="disclosure.forms.ReturnForm",
            service="disclosure.services.return_item",
            done=_("已退回起草人修改。"),
            notify=_drafter,
            notice=_("“{obj.title}”预审未通过，已退回修改：{obj.review_comment}"),
            style="danger",
        ),
        Action(
            "redraft",
            {S.RETURNED},
            S.DRAFT,
            label=_("重新修改"),
            allowed=drafter,
            service="disclosure.services.redraft",
            done=_("事项已回到草稿，修改后再提交预审。"),
        ),
        Action(
            "approve",
            {S.PENDING},
            S.PUBLISHED,
            label=_("预审通过并公示"),
            allowed=reviews_others,
            form="disclosure.forms.ApproveForm",
            service="disclosure.services.approve",
            done=_published_until,
            notify=_drafter,
            notice=lambda item: (
                _("“%(title)s”已通过预审，公示至%(end)s。")
                % {"title": item.title, "end": date_format(item.period_end, "n月j日")}
            ),
        ),
        Action(
            "rectify",
            {S.PUBLISHED},
            S.RECTIFYING,
            label=_("整改"),
            allowed=is_union_staff,
            form="disclosure.forms.NoteForm",
            service="disclosure.services.rectify",
            done=_("已转入整改，整改后重新公示。"),
            notify=_drafter,
            notice=_("“{obj.title}”需要整改：{obj.rectification_note}"),
            style="warning",
        ),
        Action(
            "republish",
            {S.RECTIFYING},
            S.PUBLISHED,
            label=_("整改后重新公示"),
            allowed=is_union_staff,
            form="disclosure.forms.PeriodForm",
            service="disclosure.services.republish",
            done=_published_until,
        ),
        Action(
            "close",
            {S.PUBLISHED},
            S.CLOSED,
            label=_("结束公示"),
            allowed=is_union_staff,
            blocked=_not_closable,
            service="disclosure.services.close",
            done=_("公示已结束。"),
            confirm=_("结束公示后不能再提出异议，确定结束？"),
        ),
        Action(
            "archive",
            {S.CLOSED},
            S.ARCHIVED,
            label=_("归档"),
            allowed=is_union_staff,
            service="disclosure.services.archive",
            done=_("已归档。"),
            confirm=_("归档后事项不能再修改或整改，确定归档？"),
            style="secondary",
        ),
    ],
)
