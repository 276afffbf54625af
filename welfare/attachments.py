"""The papers behind a help application (医疗票据、证明、收入证明): PDF or pictures, read by their content
(``unionportal.uploads``) and refused when renamed or too big. They are added when the application is filed
and while it is back with its filer for correction (退回), and removed only then; each change is a step on
the application's timeline. Whoever may open the application may open its papers, and nobody else."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.uploads import check_content, check_size

from .flows import FLOW, filed_it
from .models import Application, ApplicationAttachment

KINDS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10  # per application: a hospital stay's bills fit; a folder dumped in does not


def may_change(user, application) -> bool:
    """Attachments change only while the application is back with whoever filed it."""
    return application.status in Application.EDITABLE and filed_it.test(user, application)


def _check(upload) -> str:
    check_size(upload, MAX_BYTES)
    try:
        return check_content(upload, KINDS)
    except ValidationError:
        raise ValidationError(
            _("附件“%(name)s”不是 PDF 或图片（JPG、PNG），未上传。") % {"name": upload.name}
        ) from None


def store(application, *, actor, uploads):
    """Check every file first, then keep them all, or none; the caller holds the application's lock."""
    uploads = list(uploads)
    if not uploads:
        return []
    if application.attachments.count() + len(uploads) > MAX_FILES:
        raise ValidationError(_("一份申请最多 %(max)d 个附件，请合并或删去不需要的再上传。") % {"max": MAX_FILES})
    kinds = [_check(upload) for upload in uploads]
    stored = []
    for upload, kind in zip(uploads, kinds, strict=True):
        name = upload.name.rsplit("/", 1)[-1][:200]
        attachment = ApplicationAttachment(
            application=application, name=name, kind=kind, size=upload.size, uploaded_by=actor
        )
        suffix = "jpg" if kind == "jpeg" else kind
        attachment.file.save(f"{kind}-{timezone.now():%Y%m%d%H%M%S}.{suffix}", upload, save=False)
        attachment.save()
        stored.append(attachment)
    FLOW.record(
        application,
        "attach",
        actor=actor,
        note="、".join(f"{a.name}（{filesizeformat(a.size)}）" for a in stored),
    )
    return stored


def _refuse_change(application, actor):
    if application.status not in Application.EDITABLE:
        raise ValidationError(
            _("申请现在是“%(status)s”，附件不能再改动；退回补充时才能增删。")
            % {"status": application.get_status_display()}
        )
    if not filed_it.test(actor, application):
        raise ValidationError(_("只有申请人或代为填报的人能改动这份申请的附件。"))


@transaction.atomic
def add_attachments(*, application, actor, uploads):
    """The filer adds papers to a returned application before sending it again."""
    application = FLOW.lock(application)
    _refuse_change(application, actor)
    return store(application, actor=actor, uploads=uploads)


@transaction.atomic
def remove_attachment(*, attachment, actor):
    application = FLOW.lock(attachment.application)
    _refuse_change(application, actor)
    attachment = ApplicationAttachment.objects.get(pk=attachment.pk)
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))  # the file goes only once the row is gone for good
    FLOW.record(application, "detach", actor=actor, note=attachment.name)
    return application
