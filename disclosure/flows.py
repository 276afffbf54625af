"""The 公开 item's transition table: draft → 预审 → 公示 → closed or 整改 → archived; a rectified item goes
back through 预审 before it is published again (预审制度: nothing is published unreviewed)."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.committees import current_body_term
from members.models import Committee
from unionportal.roles import Role, is_handler, is_union_staff, users_with_role
from unionportal.workflow import Action, Workflow

from .models import DisclosureItem, ItemStep
from .rules import of_own_department, reviews_others

S = DisclosureItem.Status
drafter = is_union_staff | (is_handler & of_own_department)


def _reviewers(item):
    """Who does 预审 (rules.reviews): the members of the 公开领导小组 in office once the union has set it up,
    else union staff. The notice of an item to review goes to them."""
    term = current_body_term(Committee.Kind.DISCLOSURE)
    if term is None:
        return users_with_role(Role.CHAIR, Role.STAFF)
    return [seat.member for seat in term.seats.select_related("member__user")]


def _drafter(item):
    return [item.created_by, item.responsible]


def _not_closable(item):
    if not item.period_over():
        return _("公示期（截至 %(end)s）尚未结束。") % {"end": item.period_end}
    if item.objections.filter(answered_at__isnull=True).exists():
        return _("还有未答复的异议，不能结束公示。")
    return None


def _approve_confirm(item):
    """Publishing an item that asks for signatures tells every member at once: that cannot be taken back."""
    if item.needs_signature and not item.is_public:
        return _("通过后立即公示，并通知全体会员签阅，通知发出后不能撤回。确定通过？")
    return ""


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
        # before 整改 went back through 预审, staff republished a rectified item straight away: older timelines
        "republish": _("整改后重新公示"),
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
            notify=_reviewers,
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
            confirm=_approve_confirm,
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
            done=_("已转入整改，整改后须重新提交预审。"),
            notify=_drafter,
            notice=_("“{obj.title}”需要整改：{obj.rectification_note}"),
            style="warning",
        ),
        Action(
            "resubmit",
            {S.RECTIFYING},
            S.PENDING,
            label=_("整改后提交预审"),
            allowed=drafter,
            service="disclosure.services.resubmit",
            done=_("整改后的事项已提交预审，通过后重新公示。"),
            notify=_reviewers,
            notice=_("“{obj.title}”整改后重新提交预审，请审核。"),
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
