"""The congress's printed documents: the convening notice (大会召开通知), the delegate
roster (代表名册, 姓氏笔画), a proposal's reply letter (提案答复函), the session's
proposal register (提案登记表) with its KPIs, and an appraisal's result sheet
(民主评议结果). The appraisal sheet is built from the tally alone: no ballot
is ever read next to a voter."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionportal.documents.official import Official
from unionportal.models import UnionProfile
from unionportal.strokes import in_stroke_order
from unionportal.templatetags.portal import chapter_number

from . import appraisal_selectors, selectors
from .models import Appraisal, CongressTerm, Delegate, Proposal, ProposalCoSigner, Session


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _get(queryset, pk):
    """The document's object, or a Chinese reason for the failed job when it is gone."""
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise ValidationError(
            _("%(what)s已被删除，无法生成文档。") % {"what": queryset.model._meta.verbose_name}
        ) from None


def _header(union, heading):
    return {
        "union": union,
        "running_header": f"{union.name} · {heading}",
        "heading": heading,
        "printed_on": timezone.localdate(),
    }


class ConveningNotice:
    """大会召开通知: laid out as the official notice (通知), its body built from the session."""

    kind = "congress_convening_notice"
    permission = "congress.print_documents"
    template = "documents/pdf/official.html"
    official = True

    @staticmethod
    def title(params):
        return ConveningNotice.title_of(_get(Session.objects, params["session"]))

    @staticmethod
    def title_of(session):
        return _("关于召开%(session)s的通知") % {"session": session}

    @staticmethod
    def context(params, report_progress):
        session = _get(Session.objects.select_related("term"), params["session"])
        union = UnionProfile.load()
        vocab = union.vocabulary
        delegates = session.term.delegates.filter(active=True).count()
        start, end = session.starts_on, session.ends_on
        days = formats.date_format(start, "DATE_FORMAT")
        if end != start:
            month_day = pgettext("date format: month and day", "n月j日")
            days = _("%(start)s至%(end)s") % {"start": days, "end": dateformat.format(end, month_day)}
        sections = [
            (_("会议时间"), [params["time"] or days]),
            (_("会议地点"), [params["venue"]]),
            (
                _("参会人员"),
                [_("全体%(word)s代表（共%(count)s人）。") % {"word": vocab["staff_in_sentence"], "count": delegates}]
                + ([_("列席人员：%(who)s。") % {"who": params["observers"]}] if params["observers"] else []),
            ),
            (
                _("会议议程"),
                [
                    _("（%(number)s）%(item)s") % {"number": chapter_number(i), "item": item.title}
                    # by order alone: the items' default order starts with their session's, a join for one session
                    for i, item in enumerate(session.agenda.order_by("order", "pk"), 1)
                ],
            ),
        ]
        if params["requirements"].strip():
            sections.append((_("有关要求"), _lines(params["requirements"])))
        paragraphs = [
            _("经研究，定于%(days)s召开%(session)s。现将有关事项通知如下：") % {"days": days, "session": session}
        ]
        for i, (heading, body) in enumerate(sections, 1):
            numbered = {"number": chapter_number(i), "heading": heading}
            if len(body) == 1:
                paragraphs.append(_("%(number)s、%(heading)s：%(text)s") % {**numbered, "text": body[0]})
            else:
                paragraphs.append(_("%(number)s、%(heading)s") % numbered)
            if len(body) > 1:
                paragraphs.extend(body)
        date = datetime.date.fromisoformat(params["date"])
        return {
            "union": union,
            "official": Official(
                masthead=_("%(body)s文件") % {"body": params["issuing_body"]},
                number=params["number"],
                title=ConveningNotice.title_of(session),
                addressees=params["addressees"],
                paragraphs=paragraphs,
                signer=params["issuing_body"],
                date=date,
                cc=params.get("cc", ""),
                printer=params["issuing_body"],
                printed_on=date,
            ),
        }


class DelegateRoster:
    """代表名册 of a term: the serving delegates in 姓氏笔画 order."""

    kind = "congress_delegate_roster"
    permission = "congress.print_documents"
    template = "congress/pdf/delegate_roster.html"

    @staticmethod
    def title(params):
        return DelegateRoster.title_of(_get(CongressTerm.objects, params["term"]), UnionProfile.load())

    @staticmethod
    def title_of(term, union):
        return _("第%(number)s届%(congress)s代表名册") % {
            "number": chapter_number(term.number),
            "congress": union.vocabulary["congress_full"],
        }

    @staticmethod
    def context(params, report_progress):
        term = _get(CongressTerm.objects, params["term"])
        delegates = in_stroke_order(
            Delegate.objects.filter(term=term, active=True).select_related("member__department", "group"),
            name=lambda delegate: delegate.member.name,
        )
        union = UnionProfile.load()
        return {
            **_header(union, DelegateRoster.title_of(term, union)),
            "term": term,
            "delegates": delegates,
            "composition": selectors.delegate_composition(term, union.kind),
            "vocab": union.vocabulary,
        }


class ReplyLetter:
    """提案答复函: the handling department's reply to one proposal, with a rating slip (回执)."""

    kind = "congress_reply_letter"
    permission = "congress.print_reply_letter"
    template = "congress/pdf/reply_letter.html"
    official = True

    # what the letter prints of the proposal and the rows it joins (the session's name takes its term's number)
    FIELDS = (
        "title",
        "number",
        "reply",
        "replied_at",
        "session__title",
        "session__number",
        "session__term__number",
        "proposer__name",
        "lead_department__name",
        "lead_department__head__name",
    )

    @staticmethod
    def title(params):
        title = _get(Proposal.objects.values_list("title", flat=True), params["proposal"])
        return _("提案答复函（%(title)s）") % {"title": title}

    @staticmethod
    def context(params, report_progress):
        proposal = _get(
            Proposal.objects.select_related("session__term", "proposer", "lead_department__head").only(
                *ReplyLetter.FIELDS
            ),
            params["proposal"],
        )
        if not proposal.reply:
            raise ValidationError(_("该提案尚未答复，不能打印答复函。"))
        signed = proposal.cosigners.filter(status=ProposalCoSigner.Status.SIGNED).order_by("pk")  # not by proposal
        cosigners = list(signed.values_list("member__name", flat=True))
        helping = list(proposal.helping_departments.values_list("name", flat=True))
        union = UnionProfile.load()
        separator = pgettext("list separator", "、")
        department = proposal.lead_department
        facts = [
            _("提案人：%(proposer)s；附议人：%(cosigners)s。")
            % {"proposer": proposal.proposer.name, "cosigners": separator.join(cosigners) or _("无")},
            _("主办部门：%(department)s%(helping)s；承办人：%(handler)s。")
            % {
                "department": department or "—",
                "helping": _("（协办：%(departments)s）") % {"departments": separator.join(helping)} if helping else "",
                "handler": department.head.name if department and department.head else "—",
            },
        ]
        return {
            "union": union,
            "proposal": proposal,
            "ratings": Proposal.Rating.choices,
            "official": Official(
                masthead=union.name,
                number=str(proposal.session)
                + (_("　第%(number)s号提案") % {"number": proposal.number} if proposal.number else ""),
                title=_("关于第%(number)s号提案的答复函") % {"number": proposal.number}
                if proposal.number
                else _("提案答复函"),
                addressees=_("%(names)s代表") % {"names": separator.join([proposal.proposer.name, *cosigners])},
                paragraphs=[
                    _("您提出的“%(title)s”提案收悉，经研究办理，现答复如下：") % {"title": proposal.title},
                    *facts,
                    *_lines(proposal.reply),
                    _("感谢您对本单位工作的关心和支持。请对本答复给予评价，并将下方回执交回工会。"),
                ],
                signer=str(department or union.name),
                date=timezone.localdate(proposal.replied_at),
            ),
        }


# the rates of selectors.session_kpis, in the register's column order
RATES = ["registered_rate", "replied_rate", "feedback_rate", "closed_rate", "satisfied_rate", "resolved_rate"]


class ProposalRegister:
    """提案登记表 of a session: every received proposal, its handling, and the session KPIs."""

    kind = "congress_proposal_register"
    permission = "congress.print_documents"
    template = "congress/pdf/proposal_register.html"

    @staticmethod
    def title(params):
        return ProposalRegister.title_of(_get(Session.objects, params["session"]))

    @staticmethod
    def title_of(session):
        return _("%(session)s提案登记表") % {"session": session}

    @staticmethod
    def context(params, report_progress):
        session = _get(Session.objects.select_related("term"), params["session"])
        proposals = (
            session.proposals.filter(status__in=Proposal.RECEIVED)
            .select_related("proposer", "lead_department", "merged_into")
            .annotate(signed=Count("cosigners", filter=Q(cosigners__status=ProposalCoSigner.Status.SIGNED)))
            .order_by("number", "submitted_at", "pk")
        )
        union = UnionProfile.load()
        kpis = selectors.session_kpis(session)
        return {
            **_header(union, ProposalRegister.title_of(session)),
            "orientation": "landscape",
            "session": session,
            "proposals": proposals,
            "kpis": kpis,
            "rates": [kpis[key] for key in RATES],
            "by_status": [
                (label, count)
                for value, label in Proposal.Status.choices
                if (count := sum(1 for p in proposals if p.status == value))
            ],
        }


class AppraisalResult:
    """民主评议结果: per appraised leader the count and share of each grade, and the turnout."""

    kind = "congress_appraisal_result"
    permission = "congress.print_documents"
    template = "congress/pdf/appraisal_result.html"

    @staticmethod
    def title(params):
        return AppraisalResult.title_of(_get(Appraisal.objects, params["appraisal"]))

    @staticmethod
    def title_of(appraisal):
        return _("%(title)s结果") % {"title": appraisal.title}

    @staticmethod
    def context(params, report_progress):
        appraisal = _get(Appraisal.objects.select_related("term", "session"), params["appraisal"])
        tally = appraisal_selectors.appraisal_tally(appraisal)
        if tally is None:
            raise ValidationError(_("评议尚未结束，结果不能打印。"))
        voted, voters = appraisal_selectors.appraisal_turnout(appraisal)
        union = UnionProfile.load()
        return {
            **_header(union, AppraisalResult.title_of(appraisal)),
            "appraisal": appraisal,
            "grades": appraisal.grades(),
            "columns": 5 + 2 * len(appraisal.grades()),
            "rows": [{**row, "approval": approval_rate(row)} for row in tally],
            "turnout": {"voted": voted, "voters": voters, "rate": round(100 * voted / voters, 1) if voters else 0},
        }


def approval_rate(row):
    """满意率 (or 称职率): the share of every grade but the negative one, in percent."""
    if not row["total"]:
        return 0
    positive = sum(grade["count"] for grade in row["grades"] if grade["value"] not in Appraisal.NEGATIVE)
    return round(100 * positive / row["total"], 1)


DOCUMENTS = [ConveningNotice, DelegateRoster, ReplyLetter, ProposalRegister, AppraisalResult]
