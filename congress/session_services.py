"""Setting up terms, sessions and their delegates (staff): the term, the session and its agenda and
documents, who is a delegate (补选 included) and who attends.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.uploads import check_content, check_size

from .models import AgendaItem, Attendance, Delegate, SessionDocument
from .selectors import active_delegate


def record_attendance(*, session, member, kind, actor=None):
    """Staff record a person's attendance (出席/请假/列席) at a session."""
    if kind not in Attendance.Kind.values:
        raise ValidationError(_("请选择出席情况。"))
    if kind != Attendance.Kind.OBSERVER and active_delegate(member, session.term_id) is None:
        raise ValidationError(_("%(name)s不是本届在任代表，只能列席。") % {"name": member.name})
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            session=session, member=member, defaults={"kind": kind}
        )
        return attendance


def replace_delegate(*, delegate, member, actor=None):
    """补选: a new delegate takes the place of one who left; the old record stays, inactive."""
    with transaction.atomic():
        delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
        if not delegate.active:
            raise ValidationError(_("该代表已离任。"))
        if Delegate.objects.filter(term=delegate.term, member=member).exists():
            raise ValidationError(_("%(name)s已是本届代表。") % {"name": member.name})
        now = timezone.now()
        newcomer = Delegate(
            term=delegate.term,
            seated_at=now,
            member=member,
            group=delegate.group,
            is_front_line=delegate.is_front_line,
            is_leader=False,
        )
        newcomer.full_clean()
        newcomer.save()
        delegate.active, delegate.replaced_by, delegate.left_at = False, newcomer, now
        delegate.save()
        return newcomer


def save_valid(instance):
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        return instance


def save_term(*, term, actor=None):
    return save_valid(term)


def save_session(*, session, actor=None):
    if session.ends_on and session.starts_on and session.ends_on < session.starts_on:
        raise ValidationError(_("闭幕日期不能早于开幕日期。"))
    if session.proposals_open_at and session.proposals_close_at:
        if session.proposals_close_at <= session.proposals_open_at:
            raise ValidationError(_("提案征集截止时间须晚于开始时间。"))
    return save_valid(session)


def add_agenda_item(*, session, title, actor=None):
    last = session.agenda.aggregate(last=Max("order"))["last"] or 0
    return save_valid(AgendaItem(session=session, title=title, order=last + 1))


def add_delegate(*, term, member, group=None, is_front_line=True, is_leader=False, actor=None):
    if Delegate.objects.filter(term=term, member=member).exists():
        raise ValidationError(_("%(name)s已是本届代表。") % {"name": member.name})
    if group is not None and group.term_id != term.pk:
        raise ValidationError(_("代表组“%(group)s”不属于本届。") % {"group": group.name})
    return save_valid(Delegate(term=term, member=member, group=group, is_front_line=is_front_line, is_leader=is_leader))


DOCUMENT_KINDS = {
    ".pdf": "pdf", ".doc": "ole", ".xls": "ole", ".ppt": "ole",
    ".docx": "docx", ".xlsx": "xlsx", ".pptx": "pptx", ".txt": "text",
}  # fmt: skip
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def add_session_document(*, session, title, file, actor=None):
    if Path(file.name).suffix.lower() not in DOCUMENT_KINDS:
        raise ValidationError(_("只能上传 PDF、Word、Excel、PowerPoint 或文本文件。"))
    check_size(file, MAX_DOCUMENT_BYTES)
    check_content(file, DOCUMENT_KINDS)
    title = title or Path(file.name).stem[: SessionDocument._meta.get_field("title").max_length]
    return save_valid(SessionDocument(session=session, title=title, file=file))
