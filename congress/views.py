"""The congress's terms and sessions: the index, a session's page, its quorum and attendance, the
delegates of a term, and the forms that set them up (staff).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Member
from members.pickers import PersonPicker
from unionportal.access import permission_required
from unionportal.form_pages import apply_posted_form, form_page, report_refusal
from unionportal.strokes import in_stroke_order

from . import audit_report, forms, selectors, session_services
from .models import Attendance, CongressTerm, Session, SessionDocument


@permission_required("congress.view_index")
def index(request):
    sessions = list(selectors.sessions()[:20])
    current = selectors.current_session()
    return render(
        request,
        "congress/index.html",
        {
            "sessions": sessions,
            "current": current,
            "kpis": selectors.session_kpis(current) if current else None,
            "quorum": selectors.quorum(session=current) if current else None,
        },
    )


@permission_required("congress.view_session")
def session_detail(request, pk):
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    previous = selectors.previous_session(session)
    motions = [
        (motion, selectors.motion_result(motion))
        for item in session.agenda.prefetch_related("motions")
        for motion in item.motions.all()
    ]
    documents = list(session.documents.select_related("audit"))
    return render(
        request,
        "congress/session_detail.html",
        {
            "session": session,
            "agenda": session.agenda.prefetch_related("motions"),
            "kpis": selectors.session_kpis(session),
            "quorum": _quorum(session),
            "motions": motions,
            "delegate_count": session.term.delegates.filter(active=True).count(),
            "previous": previous,
            "agenda_form": forms.AgendaItemForm(),
            "documents": documents,
            "document_form": forms.SessionDocumentForm(),
            "audit_report": next((document for document in documents if document.audit_id), None),
            "finished_audits": audit_report.finished_audits()
            if request.user.has_perm("congress.manage_session")
            else [],
            "previous_kpis": selectors.session_kpis(previous) if previous else None,
        },
    )


def _quorum(session):
    present, total, reached = selectors.quorum(session=session)
    observers = session.attendance.filter(kind=Attendance.Kind.OBSERVER).count()
    return {"present": present, "total": total, "reached": reached, "observers": observers}


@permission_required("congress.view_session")
def quorum(request, pk):
    """The quorum line alone, which the session and attendance pages poll to stay live."""
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    return render(request, "congress/_quorum.html", {"session": session, "quorum": _quorum(session)})


@permission_required("congress.manage_session")
def attendance(request, pk):
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    roster = in_stroke_order(selectors.delegate_members(session))
    recorded = dict(session.attendance.values_list("member_id", "kind"))
    if request.method == "POST":
        try:
            if request.POST.get("observer", "").isdigit():
                observer = get_object_or_404(Member, pk=request.POST["observer"])
                session_services.record_attendance(
                    session=session, member=observer, kind=Attendance.Kind.OBSERVER, actor=request.user
                )
            rest_present = request.POST.get("rest") == Attendance.Kind.PRESENT  # 其余未登记的记为出席
            for member in roster:
                kind = request.POST.get(f"m{member.pk}", "")
                if not kind and rest_present and member.pk not in recorded:
                    kind = Attendance.Kind.PRESENT
                if kind:
                    session_services.record_attendance(session=session, member=member, kind=kind, actor=request.user)
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("出席情况已保存。"))
        return redirect("congress:attendance", pk=session.pk)
    observers = Member.objects.filter(pk__in=[pk for pk, kind in recorded.items() if kind == Attendance.Kind.OBSERVER])
    return render(
        request,
        "congress/attendance.html",
        {
            "session": session,
            "rows": [(member, recorded.get(member.pk, "")) for member in roster],
            "kinds": Attendance.Kind.choices,
            "quorum": _quorum(session),
            "observers": in_stroke_order(observers),
            "observer_picker": PersonPicker("active").render("observer", None, {"id": "id_observer"}),
        },
    )


@permission_required("congress.view_session")
def delegates(request, pk):
    term = get_object_or_404(CongressTerm, pk=pk)
    roster = sorted(
        in_stroke_order(
            term.delegates.select_related("member__department", "replaced_by__member", "group"),
            name=lambda delegate: delegate.member.name,
        ),
        key=lambda delegate: (
            not delegate.active,
            delegate.group is None,
            delegate.group.sort_order if delegate.group else 0,
            *selectors.group_key(str(delegate.group or "")),
        ),
    )
    return render(
        request,
        "congress/delegates.html",
        {
            "term": term,
            "roster": roster,
            "composition": selectors.delegate_composition(term),
            "add_form": forms.DelegateForm(term=term),
            "replace_form": forms.ReplaceForm(term=term, auto_id="id_replace_%s"),
        },
    )


FORM_TEMPLATE = "congress/form.html"


@permission_required("congress.manage_session")
def term_create(request):
    return form_page(
        request,
        forms.TermForm(request.POST or None),
        save=lambda form: session_services.save_term(term=form.save(commit=False), actor=request.user),
        done=_("届次已保存，请登记代表。"),
        title=_("新建届次"),
        back="congress:index",
        template=FORM_TEMPLATE,
        then=lambda term: redirect("congress:delegates", pk=term.pk),
    )


@permission_required("congress.manage_session")
def session_create(request):
    return form_page(
        request,
        forms.SessionForm(request.POST or None),
        save=lambda form: session_services.save_session(session=form.save(commit=False), actor=request.user),
        done=_("会议已保存。"),
        title=_("新建会议"),
        back="congress:index",
        template=FORM_TEMPLATE,
    )


@require_POST
@permission_required("congress.manage_session")
def agenda_add(request, pk):
    session = get_object_or_404(Session, pk=pk)
    apply_posted_form(
        request,
        forms.AgendaItemForm(request.POST),
        lambda form: session_services.add_agenda_item(
            session=session, title=form.cleaned_data["title"], actor=request.user
        ),
        done=lambda item: _("已将“%(title)s”列入第%(order)s项议程。") % {"title": item.title, "order": item.order},
    )
    return redirect(session)


@require_POST
@permission_required("congress.manage_session")
def delegate_add(request, pk):
    term = get_object_or_404(CongressTerm, pk=pk)
    if request.POST.get("do") == "replace":
        apply_posted_form(
            request,
            forms.ReplaceForm(request.POST, term=term),
            lambda form: session_services.replace_delegate(actor=request.user, **form.cleaned_data),
            done=lambda newcomer: _("%(name)s已补选为本届代表，接替离任代表。") % {"name": newcomer.member.name},
        )
    else:
        apply_posted_form(
            request,
            forms.DelegateForm(request.POST, term=term),
            lambda form: session_services.add_delegate(term=term, actor=request.user, **form.cleaned_data),
            done=lambda delegate: _("%(name)s已登记为本届代表。") % {"name": delegate.member.name},
        )
    return redirect("congress:delegates", pk=term.pk)


@require_POST
@permission_required("congress.manage_session")
def document_add(request, pk):
    session = get_object_or_404(Session, pk=pk)
    apply_posted_form(
        request,
        forms.SessionDocumentForm(request.POST, request.FILES),
        lambda form: session_services.add_session_document(session=session, actor=request.user, **form.cleaned_data),
        done=lambda document: _("会议文件“%(title)s”已上传。") % {"title": document.title},
    )
    return redirect(session)


@permission_required("congress.view_session")
def document_download(request, pk):
    document = get_object_or_404(SessionDocument, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
