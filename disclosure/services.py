"""The verbs of 校务公开 / 厂务公开. One function per business action."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from congress import bodies  # the 公开领导小组's meetings are those of the congress's bodies
from unionportal.models import UnionKind, UnionProfile
from unionportal.notices import notify
from unionportal.roles import Role, users_with_role
from unionportal.uploads import ZIP_MAIN_PARTS, check_size, sniff  # noqa: F401 (tests build Office files from it)

from .flows import FLOW
from .models import Attachment, Category, DisclosureItem, Objection, ReadReceipt
from .selectors import last_reminder, unsigned_members, untold_period_over

C = Category.Cadence
P = Category.Period

# The 17 mandatory categories of 校务公开 and the 七公开 of 厂务公开, in the texts' order.
# Cadence and period are a starting point; staff edit them.
CATEGORY_SETS = {
    UnionKind.SCHOOL: [
        ("校长述职报告", C.PERIODIC, P.YEARLY),
        ("学校工作计划", C.PERIODIC, P.TERMLY),
        ("内部改革和岗位考核方案", C.PROMPT, ""),
        ("学校发展规划", C.PROMPT, ""),
        ("重要规章制度的制定和修改", C.PROMPT, ""),
        ("干部任免、职称评定、招聘和调动", C.PROMPT, ""),
        ("考核、奖惩办法及结果", C.PERIODIC, P.YEARLY),
        ("住房分配、保险和福利", C.PROMPT, ""),
        ("财务管理和收支情况", C.PERIODIC, P.TERMLY),
        ("工资调整和奖金分配", C.PROMPT, ""),
        ("工程招投标和承包", C.PROMPT, ""),
        ("物资设备采购", C.PROMPT, ""),
        ("招待费开支", C.PERIODIC, P.TERMLY),
        ("领导干部廉洁自律", C.PERIODIC, P.YEARLY),
        ("教职工分流、调配和再就业方案", C.PROMPT, ""),
        ("其他教职工共同关心的事项", C.ANYTIME, ""),
        ("年度领导干部民主评议结果", C.PERIODIC, P.YEARLY),
    ],
    UnionKind.ENTERPRISE: [
        ("经营管理", C.PERIODIC, P.YEARLY),
        ("经营收支", C.PERIODIC, P.MONTHLY),
        ("养老保险", C.PERIODIC, P.YEARLY),
        ("党员发展", C.PROMPT, ""),
        ("办公经费支出", C.PERIODIC, P.MONTHLY),
        ("福利费用", C.PERIODIC, P.MONTHLY),
        ("职工奖惩", C.PROMPT, ""),
    ],
}

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def load_categories(*, kind=None):
    """Create the union kind's category set (17 school / 7 enterprise); existing names are kept as edited."""
    kind = kind or UnionProfile.load().kind
    existing = set(Category.objects.filter(kind=kind).values_list("name", flat=True))
    for order, (name, cadence, period) in enumerate(CATEGORY_SETS[kind], start=1):
        if name not in existing:
            Category.objects.create(kind=kind, name=name, cadence=cadence, period=period, sort_order=order * 10)
    return list(Category.objects.filter(kind=kind))


@transaction.atomic
def save_category(*, category, actor=None):
    category.full_clean()
    category.save()
    return category


def _move(item, action, actor, note="", **fields):
    return FLOW.move(item, action, actor=actor, note=note, **fields)


def _lock(item):
    return FLOW.lock(item)


@transaction.atomic
def draft_item(*, actor, category, title, body, audience=DisclosureItem.Audience.INTERNAL, **fields):
    """A department (承办人) or union staff drafts an item; it starts as 草稿."""
    item = DisclosureItem(category=category, title=title, body=body, audience=audience, created_by=actor, **fields)
    if item.department_id is None:
        item.department_id = category.department_id
    item.full_clean()
    item.save()
    FLOW.record(item, "draft", actor=actor, from_status="")
    return item


EDITABLE_FIELDS = ("category", "title", "body", "audience", "needs_signature", "department", "responsible")


@transaction.atomic
def update_item(*, item, actor, **fields):
    """Only a draft, a returned item or one in 整改 is edited; editing a returned item puts it back to 草稿."""
    locked = _lock(item)
    if locked.status not in DisclosureItem.EDITABLE:
        raise ValidationError(_("只有草稿、已退回或整改中的事项可以修改。"))
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(name)
        setattr(locked, name, value)
    if locked.status == DisclosureItem.Status.RETURNED:
        return _move(locked, "redraft", actor, **{name: getattr(locked, name) for name in fields})
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def submit(*, item, actor):
    """草稿 → 预审: the draft goes to the leading group for pre-review (预审制度)."""
    return _move(_lock(item), "submit", actor)


def _decided_at(meeting, *, item, approved, text, actor):
    """预审 as a decision of the 公开领导小组's ``meeting`` (forms.ReviewedAtMeeting names it once the union has
    set the group up): the numbered decision is recorded and the step notes it; without a meeting, nothing."""
    if meeting is None:
        return ""
    text = _("《%(title)s》：%(text)s") % {"title": item.title, "text": text}
    return bodies.decided_at(bodies.decide_review(meeting=meeting, approved=approved, text=text, actor=actor))


@transaction.atomic
def return_item(*, item, actor, comment, meeting=None):
    """预审 → 已退回: the leading group sends the draft back, always with a comment."""
    if not comment or not comment.strip():
        raise ValidationError(_("退回时必须写明预审意见。"))
    comment = comment.strip()
    text = _("预审未通过，退回修改。意见：%(comment)s") % {"comment": comment}
    where = _decided_at(meeting, item=item, approved=False, text=text, actor=actor)
    return _move(item, "return", actor, note=comment + where, review_comment=comment)


@transaction.atomic
def redraft(*, item, actor):
    """已退回 → 草稿: the drafter takes the returned item back to fix it."""
    return _move(_lock(item), "redraft", actor)


def _check_period(start, end, today):
    """The 公示期 starts on the day of publishing or later: a period starting in the past would be a
    disclosure that never happened. ``today`` is the day of the act (the demo's history passes its own)."""
    if not start or not end:
        raise ValidationError(_("请填写公示期的开始和截止日期。"))
    if start < today:
        raise ValidationError(_("公示开始日期不能早于今天（%(today)s）。") % {"today": today})
    if end < start:
        raise ValidationError(_("公示截止日期不能早于开始日期。"))


@transaction.atomic
def approve(*, item, actor, period_start, period_end, note="", today=None, meeting=None) -> DisclosureItem:
    """预审 → 公示中: approved by the leading group and published for its 公示期, from today on. An item
    published before (整改, then 预审 again) keeps its first 公示日 and asks its members to sign afresh: what they
    signed was the faulty version. Members who must sign (需签阅) are told it is up."""
    today = today or timezone.localdate()
    _check_period(period_start, period_end, today)
    locked = _lock(item)
    period = {"start": date_format(period_start, "Y年n月j日"), "end": date_format(period_end, "Y年n月j日")}
    text = _("预审通过，公示期%(start)s至%(end)s。") % period
    where = _decided_at(meeting, item=locked, approved=True, text=text, actor=actor)
    republished = locked.published_on is not None
    moved = _move(
        locked,
        "approve",
        actor,
        note=(note + where).strip(),
        period_start=period_start,
        period_end=period_end,
        published_on=locked.published_on or today,  # the day it really went up
    )
    if republished:
        ReadReceipt.objects.filter(item=moved).delete()
    _ask_signatures(moved)
    return moved


def _ask_signatures(item: DisclosureItem) -> None:
    """需签阅: each member who must sign is told the item is up, in one query for them all and one insert for the
    notices, whatever their number (every active member with a login may open an internal item on the board).
    Nobody is asked to sign a 公示 whose period has already ended (an item recorded after the fact)."""
    if not item.asks_signature or item.period_end < timezone.localdate():
        return
    members = unsigned_members(item).select_related("user")
    text = _("“%(title)s”已公示，需要您签阅：请打开后点“已阅”（公示至%(end)s）。") % {
        "title": item.title,
        "end": date_format(item.period_end, "n月j日"),
    }
    notify(members, text=text, url=item.get_absolute_url(), kind="disclosure.sign_asked")


@transaction.atomic
def close(*, item, actor, note=""):
    """公示中 → 无异议: the 公示期 is over and every objection has been answered (the table's ``blocked``)."""
    return _move(_lock(item), "close", actor, note=note)


def tell_period_over(today=None):
    """The daily reminder (``disclosure.tasks.tell_period_over``): each item whose 公示期 has ended and that
    waits to be closed gets a 公示期满 step and a notice to the staff who may close it, once per 公示期."""
    close = FLOW.action("close")
    told = []
    for item in untold_period_over(today):
        with transaction.atomic():
            item = _lock(item)
            if not untold_period_over(today).filter(pk=item.pk).exists():
                continue  # told by a run beside this one, or moved on meanwhile
            open_objections = item.objections.filter(answered_at__isnull=True).count()
            text = _("“%(title)s”公示期已于%(end)s期满，请结束公示。") % {
                "title": item.title,
                "end": date_format(item.period_end, "n月j日"),
            }
            if open_objections:
                text += _("还有 %(count)d 条异议未答复，答复后才能结束。") % {"count": open_objections}
            _record(item, "period_over", None, text)
            closers = [user for user in users_with_role(Role.CHAIR, Role.STAFF) if close.allowed.test(user, item)]
            notify(
                closers,
                text=text,
                url=item.get_absolute_url(),
                kind="disclosure.disclosureitem.period_over",
                permission="disclosure.view_item",
                obj=item,
            )
        told.append(item)
    return told


@transaction.atomic
def rectify(*, item, actor, note):
    """公示中 → 整改中: objections showed a fault; the note says what is being fixed (整改和反馈)."""
    if not note or not note.strip():
        raise ValidationError(_("整改时必须写明整改情况。"))
    return _move(item, "rectify", actor, note=note.strip(), rectification_note=note.strip())


@transaction.atomic
def resubmit(*, item: DisclosureItem, actor) -> DisclosureItem:
    """整改中 → 预审: the rectified item goes back to the leading group like a new one (预审制度: nothing is
    published unreviewed); once passed it is published for a new 公示期 and asks for fresh signatures."""
    return _move(_lock(item), "resubmit", actor)


@transaction.atomic
def archive(*, item, actor):
    """无异议 → 已归档."""
    return _move(_lock(item), "archive", actor)


MAX_OBJECTION_CHARS = 1000


@transaction.atomic
def file_objection(*, item, author, content, today=None):
    """A member files an 异议/意见 on an item while its 公示期 runs; union staff are told at once."""
    if item.status != DisclosureItem.Status.PUBLISHED:
        raise ValidationError(_("只能对公示中的事项提出异议。"))
    if item.period_over(today):
        raise ValidationError(_("公示期已于%(end)s结束，不能再提出异议。") % {"end": item.period_end})
    content = (content or "").strip()
    if not content:
        raise ValidationError(_("请填写异议或意见。"))
    if len(content) > MAX_OBJECTION_CHARS:
        raise ValidationError(
            _("异议或意见最多%(max)s字，现在有%(count)s字。") % {"max": MAX_OBJECTION_CHARS, "count": len(content)}
        )
    objection = Objection(item=item, author=author, content=content)
    objection.full_clean()
    objection.save()
    _record(item, "object", author.user, objection.content)
    _tell_of_objection(objection)
    return objection


OBJECTION_EXCERPT_CHARS = 60


def _tell_of_objection(objection: Objection) -> None:
    """The item's drafter and responsible person, and the union staff who answer (答复), are told of a new
    objection with a link to it. The author is not named: the page names her only to the leading group."""
    item = objection.item
    content = objection.content
    if len(content) > OBJECTION_EXCERPT_CHARS:
        content = content[:OBJECTION_EXCERPT_CHARS] + "…"
    notify(
        [item.created_by, item.responsible, *users_with_role(Role.CHAIR, Role.STAFF)],
        text=_("“%(title)s”收到一条异议：%(content)s 请及时答复。") % {"title": item.title, "content": content},
        url=f"{item.get_absolute_url()}#objection-{objection.pk}",
        kind="disclosure.objection",
        permission="disclosure.view_item",
        obj=item,
        exclude=objection.author.user,
    )


@transaction.atomic
def answer_objection(*, objection, actor, answer):
    """Union staff answer an objection once; members see the answer under it."""
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if locked.answered:
        raise ValidationError(_("这条异议已经答复过了。"))
    if not answer or not answer.strip():
        raise ValidationError(_("请填写答复。"))
    locked.answer, locked.answered_by, locked.answered_at = answer.strip(), actor, timezone.now()
    locked.full_clean()
    locked.save()
    _record(locked.item, "answer", actor, locked.answer)
    notify(
        locked.author,
        text=_("您对“%(title)s”提出的异议已答复。") % {"title": locked.item.title},
        url=locked.item.get_absolute_url(),
        kind="disclosure.answer",
        permission="disclosure.view_item",
        obj=locked.item,
    )
    return locked


def _record(item, action, actor, note):
    """A dated step that leaves the state as it is (异议, 答复)."""
    FLOW.record(item, action, actor=actor, note=note)


def _require_signature_asked(item: DisclosureItem) -> None:
    if item.asks_signature:
        return
    if item.needs_signature and item.status == DisclosureItem.Status.ARCHIVED:
        raise ValidationError(_("这个事项已归档，不再签阅。"))
    raise ValidationError(_("这个事项不需要签阅。"))


@transaction.atomic
def sign(*, item, user):
    """已阅: a member signs an internal item marked 需签阅; signing twice keeps the first time."""
    _require_signature_asked(item)
    receipt, _created = ReadReceipt.objects.get_or_create(item=item, user=user)
    return receipt


@transaction.atomic
def remind_unsigned(*, item, actor):
    """Tell every member who has not clicked 已阅 to sign (notice + email copy); at most once a day per item.

    Returns the members reminded; the reminder is a step on the timeline, which also dates the last one.
    """
    locked = _lock(item)
    _require_signature_asked(locked)
    last = last_reminder(locked)
    if last and timezone.localdate(last.at) == timezone.localdate():
        raise ValidationError(
            _("今天 %(time)s 已经提醒过未签阅人员，每个事项每天只能提醒一次，请明天再提醒。")
            % {"time": timezone.localtime(last.at).strftime("%H:%M")}
        )
    members = list(unsigned_members(locked).select_related("user"))
    if not members:
        raise ValidationError(_("全部会员已签阅，无需提醒。"))
    text = _("请签阅“%(title)s”：打开后点“已阅”。") % {"title": locked.title}
    notify(
        members,
        text=text,
        url=locked.get_absolute_url(),
        kind="disclosure.sign",
        permission="disclosure.view_item",
        obj=locked,
    )
    _record(locked, "remind", actor, _("提醒 %(count)d 人签阅") % {"count": len(members)})
    return members


# --- attachments -------------------------------------------------------------

EXTENSIONS = {"pdf": "pdf", "png": "png", "jpg": "jpeg", "jpeg": "jpeg", "xlsx": "xlsx", "docx": "docx"}


def max_upload_bytes():
    return getattr(settings, "DISCLOSURE_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)


def check_upload(upload):
    """Refuse a file that is too big or whose content is not what its name says."""
    check_size(upload, max_upload_bytes())
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationError(_("只能上传 PDF、图片（PNG/JPEG）、Excel（.xlsx）或 Word（.docx）文件。"))
    found = sniff(upload)
    if found != claimed:
        raise ValidationError(_("文件“%(name)s”的内容不是它的扩展名所说的类型，未上传。") % {"name": upload.name})
    return found


@transaction.atomic
def add_attachment(*, item, actor, upload):
    """Attach a checked file to an item that is still being drafted or rectified."""
    if item.status not in DisclosureItem.EDITABLE | {DisclosureItem.Status.RECTIFYING}:
        raise ValidationError(_("只有草稿、已退回或整改中的事项可以添加附件。"))
    kind = check_upload(upload)
    name = upload.name.rsplit("/", 1)[-1][:200]
    attachment = Attachment(item=item, name=name, kind=kind, size=upload.size, uploaded_by=actor)
    attachment.file.save(
        f"{kind}-{timezone.now():%Y%m%d%H%M%S}.{'jpg' if kind == 'jpeg' else kind}", upload, save=False
    )
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(*, attachment, actor):
    if attachment.item.status not in DisclosureItem.EDITABLE | {DisclosureItem.Status.RECTIFYING}:
        raise ValidationError(_("这个事项的附件已不能删除。"))
    attachment.file.delete(save=False)
    attachment.delete()
