"""经审: the 经费审查委员会 audits the year (年度审查) or one matter (专项审查), samples paid expenses and reads
their vouchers (each reading logged), records findings (问题) with who must put them right by when (整改), and
finishes with its conclusion; the 经费审查报告 is then printed for the congress."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.notices import notify
from unionportal.roles import Role, users_with_role

from ..models import Attachment, Audit, Expense, Finding

FIRST_YEAR = 2000  # no union keeps its books here from before


def _require_open(audit: Audit) -> Audit:
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    if audit.status != Audit.Status.OPEN:
        raise ValidationError(_("审查“%(title)s”已完成，不能再修改。") % {"title": audit.title})
    return audit


@transaction.atomic
def open_audit(
    *, kind: str, title: str, year: int, period_from: datetime.date, period_to: datetime.date, actor, subject: str = ""
) -> Audit:
    this_year = timezone.localdate().year
    if year is None or not FIRST_YEAR <= year <= this_year:
        raise ValidationError(_("审查年度应在%(first)s年至%(last)s年之间。") % {"first": FIRST_YEAR, "last": this_year})
    if period_from is None or period_to is None or period_to < period_from:
        raise ValidationError(_("请填写审查期间，截止日期不能早于开始日期。"))
    if period_from.year != year or period_to.year != year:
        raise ValidationError(_("审查期间应在审查年度（%(year)s年）内。") % {"year": year})
    if kind == Audit.Kind.SPECIAL and not subject.strip():
        raise ValidationError(_("专项审查请填写审查事项。"))
    audit = Audit(
        kind=kind,
        title=title.strip(),
        year=year,
        period_from=period_from,
        period_to=period_to,
        subject=subject.strip(),
        created_by=actor,
    )
    audit.full_clean()
    audit.save()
    return audit


@transaction.atomic
def sample(*, audit: Audit, expenses, actor) -> Audit:
    """抽查: paid expenses of the audit's period go into the sample."""
    audit = _require_open(audit)
    expenses = list(expenses)
    if not expenses:
        raise ValidationError(_("请勾选要抽查的支出。"))
    outside = [
        e
        for e in expenses
        if e.status != Expense.Status.PAID or not (audit.period_from <= e.paid_on <= audit.period_to)
    ]
    if outside:
        raise ValidationError(
            _("“%(expense)s”不是审查期间内已支付的支出，不能抽查。") % {"expense": outside[0].purpose}
        )
    audit.samples.add(*expenses)
    return audit


def unread_vouchers(audit: Audit):
    """Vouchers of the sampled expenses that nobody has opened since the sample was drawn."""
    return Attachment.objects.filter(expense__audits=audit, reads__isnull=True).select_related("expense")


@transaction.atomic
def add_finding(
    *, audit: Audit, problem: str, responsible: str, deadline: datetime.date, actor, expense: Expense | None = None
) -> Finding:
    audit = _require_open(audit)
    if not problem.strip() or not responsible.strip():
        raise ValidationError(_("请填写问题和责任人。"))
    if deadline is None:
        raise ValidationError(_("请填写整改期限。"))
    if deadline.year < audit.year:
        raise ValidationError(_("整改期限不能早于审查年度（%(year)s年）。") % {"year": audit.year})
    finding = Finding(audit=audit, problem=problem.strip(), responsible=responsible.strip(), deadline=deadline)
    finding.expense = expense
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def rectify(*, finding: Finding, rectification: str, rectified_on: datetime.date, actor) -> Finding:
    """已整改: what was done, and when; a finding is followed to the end even after the audit finished."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status == Finding.Status.RECTIFIED:
        raise ValidationError(_("这个问题已经整改完毕。"))
    if not rectification.strip():
        raise ValidationError(_("请填写整改情况。"))
    if rectified_on is None or rectified_on > timezone.localdate():
        raise ValidationError(_("请填写整改完成日期，且不能晚于今天。"))
    if rectified_on.year < finding.audit.year:
        raise ValidationError(_("整改完成日期不能早于审查年度（%(year)s年）。") % {"year": finding.audit.year})
    finding.status, finding.rectification, finding.rectified_on = (
        Finding.Status.RECTIFIED,
        rectification.strip(),
        rectified_on,
    )
    finding.save()
    return finding


@transaction.atomic
def finish(*, audit: Audit, conclusion: str, finished_on: datetime.date, actor) -> Audit:
    """The audit ends with its conclusion (审查意见) once every sampled voucher has been read."""
    audit = _require_open(audit)
    if not conclusion.strip():
        raise ValidationError(_("请填写审查意见。"))
    unread = unread_vouchers(audit).count()
    if unread:
        raise ValidationError(_("还有 %(count)s 张抽查的票据没有查阅，不能结束审查。") % {"count": unread})
    if finished_on is None or finished_on > timezone.localdate():
        raise ValidationError(_("请填写完成日期，且不能晚于今天。"))
    audit.status, audit.conclusion, audit.finished_on = Audit.Status.FINISHED, conclusion.strip(), finished_on
    audit.save()
    _tell_who_must_rectify(audit, actor)
    return audit


def _tell_who_must_rectify(audit: Audit, actor) -> None:
    """审查意见 are acted on by the chair and the accountants, who keep the books: when the audit ends with findings,
    each of them is told — how many are still to be put right (整改) and the first deadline, or that all were."""
    findings = audit.findings.all()
    total = len(findings)
    if not total:
        return
    deadlines = sorted(f.deadline for f in findings if f.status == Finding.Status.OPEN)
    if deadlines:
        text = _(
            "经费审查“%(title)s”已完成，提出 %(total)s 个问题，%(open)s 个待整改，最早的整改期限是%(deadline)s，"
            "请阅审查意见并按期整改。"
        ) % {"title": audit.title, "total": total, "open": len(deadlines), "deadline": deadlines[0].isoformat()}
    else:
        text = _("经费审查“%(title)s”已完成，提出的 %(total)s 个问题均已整改，请阅审查意见。") % {
            "title": audit.title,
            "total": total,
        }
    notify(
        users_with_role(Role.CHAIR, Role.ACCOUNTANT),
        text=text,
        url=audit.get_absolute_url(),
        kind="funds.audit.finish",
        permission="funds.view_books",
        obj=audit,
        exclude=actor,
    )
