"""The roster's printed documents: the 会员组织关系转移介绍信 for a member who leaves (会籍转移)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from unionportal.documents.official import Official, official_date
from unionportal.models import UnionProfile

from .models import DuesRecord, Member, MembershipEvent


def transfer_refusal(member):
    """Why no transfer letter can be given for ``member``, or "" when one can: a member transferred out,
    or one still in service who is leaving; who has been a union member."""
    if member.status not in (Member.Status.TRANSFERRED, Member.Status.ACTIVE):
        return _("%(name)s 当前状态为“%(status)s”，只能为转出或在职人员开具会籍转移介绍信。") % {
            "name": member.name,
            "status": member.get_status_display(),
        }
    if member.joined_on is None:
        return _("%(name)s 没有入会日期，不能开具会籍转移介绍信；请先登记入会日期。") % {"name": member.name}
    return ""


def destination_of(member):
    """The receiving union named when the member was transferred out, if she was."""
    event = member.events.filter(kind=MembershipEvent.Kind.TRANSFER_OUT).first()
    return event.other_union if event else ""


def dues_paid_up_to(member):
    """The last month of the unbroken run of fully paid months from the start of the ledger, or None."""
    last = None
    for month, due, paid in (
        DuesRecord.objects.filter(member=member).order_by("month").values_list("month", "due", "paid")
    ):
        if paid < due:
            break
        last = month
    return last


class TransferLetter:
    """会员组织关系转移介绍信: laid out as an official letter (公文), signed by the union, a seal's room above
    the date."""

    kind = "members_transfer_letter"
    permission = "members.print_transfer_letter"
    template = "documents/pdf/official.html"
    official = True

    @staticmethod
    def _member(params):
        try:
            return Member.objects.get(pk=params["member"])
        except Member.DoesNotExist:
            raise ValidationError(_("该人员的记录已被删除，无法生成介绍信。")) from None

    @classmethod
    def title(cls, params):
        return _("会员组织关系转移介绍信（%(name)s）") % {"name": cls._member(params).name}

    @classmethod
    def context(cls, params, report_progress):
        member = cls._member(params)
        refusal = transfer_refusal(member)
        if refusal:
            raise ValidationError(refusal)
        union = UnionProfile.load()
        day = datetime.date.fromisoformat(params["date"])
        paid_up_to = dues_paid_up_to(member)
        dues = (
            _("该同志会费已缴至%(year)s年%(month)s月。") % {"year": paid_up_to.year, "month": paid_up_to.month}
            if paid_up_to
            else _("该同志在我会没有已缴会费记录。")
        )
        return {
            "union": union,
            "official": Official(
                masthead=union.name,
                title=_("会员组织关系转移介绍信"),
                addressees=params["destination"],
                paragraphs=[
                    _(
                        "兹有我会会员%(name)s同志（%(gender)s，%(joined)s入会），因工作调动，"
                        "其工会会员组织关系转入你会，请予接洽。"
                    )
                    % {
                        "name": member.name,
                        "gender": member.get_gender_display(),
                        "joined": official_date(member.joined_on),
                    },
                    dues,
                    _("特此介绍。"),
                ],
                signer=union.name,
                date=day,
            ),
        }


DOCUMENTS = [TransferLetter]
