from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Member
from members.pickers import PersonPicker
from unionportal import workflow
from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import form_page, report_refusal
from unionportal.pagination import paginate
from unionportal.strokes import in_stroke_order

from . import audit_report, forms, selectors, services
from .models import (
    Appraisal,
    Attendance,
    BallotReceipt,
    CongressTerm,
    Delegate,
    Motion,
    Proposal,
    Session,
    SessionDocument,
    Suggestion,
)


def _member(request):
    return getattr(request.user, "member", None)


def _delegate_members(session, exclude=None):
    members = Member.objects.filter(delegacies__term=session.term, delegacies__active=True).order_by("name_pinyin")
    return members.exclude(pk=exclude.pk) if exclude else members


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
            "kpis": services.session_kpis(current) if current else None,
            "quorum": services.quorum(session=current) if current else None,
        },
    )


@permission_required("congress.view_session")
def session_detail(request, pk):
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    previous = selectors.previous_session(session)
    motions = [
        (motion, services.motion_result(motion))
        for item in session.agenda.prefetch_related("motions")
        for motion in item.motions.all()
    ]
    return render(
        request,
        "congress/session_detail.html",
        {
            "session": session,
            "agenda": session.agenda.prefetch_related("motions"),
            "kpis": services.session_kpis(session),
            "quorum": _quorum(session),
            "motions": motions,
            "delegate_count": session.term.delegates.filter(active=True).count(),
            "previous": previous,
            "agenda_form": forms.AgendaItemForm(),
            "documents": session.documents.select_related("audit"),
            "document_form": forms.SessionDocumentForm(),
            "audit_report": session.documents.filter(audit__isnull=False).first(),
            "finished_audits": audit_report.finished_audits()
            if request.user.has_perm("congress.manage_session")
            else [],
            "previous_kpis": services.session_kpis(previous) if previous else None,
        },
    )


@permission_required("congress.view_proposals")
def follow_up(request, pk):
    """落实情况: how a session's proposals were handled, as reported to the next session (public, 公示)."""
    session = get_object_or_404(Session.objects.select_related("term"), pk=pk)
    proposals = list(
        session.proposals.filter(status__in=Proposal.RECEIVED)
        .select_related("proposer", "lead_department", "merged_into")
        .order_by("number", "submitted_at", "pk")
    )
    for proposal in proposals:
        if proposal.status in Proposal.ANSWERED and request.user.has_perm("congress.record_implementation", proposal):
            proposal.implementation_form = forms.ImplementationForm(
                initial={"implementation": proposal.implementation, "note": proposal.implementation_note},
                prefix=f"p{proposal.pk}",
            )
    return render(
        request,
        "congress/follow_up.html",
        {
            "session": session,
            "proposals": proposals,
            "kpis": services.session_kpis(session),
            "today": timezone.localdate(),
            "next_session": selectors.next_session(session),
        },
    )


@require_POST
@permission_required("congress.view_proposals")
def record_implementation(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("lead_department", "session"), pk=pk)
    check_object_permission(request.user, "congress.record_implementation", proposal)
    form = forms.ImplementationForm(request.POST, prefix=f"p{proposal.pk}")
    if not form.is_valid():
        messages.error(request, _("请选择落实情况。"))
    else:
        try:
            services.record_implementation(
                proposal=proposal,
                actor=request.user,
                implementation=form.cleaned_data["implementation"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(
                request,
                _("已登记提案“%(title)s”的落实情况：%(state)s。")
                % {
                    "title": proposal.title,
                    "state": Proposal.Implementation(form.cleaned_data["implementation"]).label,
                },
            )
    return redirect(reverse("congress:follow_up", args=[proposal.session_id]) + f"#proposal-{proposal.pk}")


@permission_required("congress.view_proposals")
def proposal_list(request):
    session = None
    if request.GET.get("session", "").isdigit():
        session = Session.objects.filter(pk=request.GET["session"]).first()
    status = request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    proposals = selectors.proposal_list(user=request.user, session=session, status=status, mine=mine)
    return render(
        request,
        "congress/proposal_list.html",
        {
            "page_obj": paginate(request, proposals),
            "session": session,
            "status": status,
            "mine": mine,
            "statuses": Proposal.Status.choices,
            "sessions": selectors.sessions(),
        },
    )


def _open_sessions(member):
    """Sessions of the member's terms that have not met yet, the next to meet first."""
    terms = Delegate.objects.filter(member=member, active=True).values("term")
    return (
        Session.objects.filter(term__in=terms, ends_on__gte=timezone.localdate())
        .select_related("term")
        .order_by("starts_on")
    )


@permission_required("congress.add_proposal")
def proposal_create(request):
    member = _member(request)
    sessions = _open_sessions(member) if member else Session.objects.none()
    if not sessions.exists():
        messages.error(request, _("您不是在任代表，或还没有可提交提案的会议。"))
        return redirect("congress:proposals")
    session = sessions.first()
    delegates = _delegate_members(session, exclude=member)
    form = forms.ProposalForm(request.POST or None, sessions=sessions, delegates=delegates)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.draft_proposal(
                session=form.cleaned_data["session"],
                proposer=member,
                title=form.cleaned_data["title"],
                content=form.cleaned_data["content"],
                actor=request.user,
            )
            if form.cleaned_data["cosigners"]:
                services.invite_cosigners(
                    proposal=proposal, cosigners=form.cleaned_data["cosigners"], actor=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("提案已保存，等待代表附议后即可提交。"))
            return redirect(proposal)
    return render(request, "congress/proposal_form.html", {"form": form})


def _load(request, pk):
    try:
        proposal = selectors.proposal_detail(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    check_object_permission(request.user, "congress.view_proposal", proposal)
    return proposal


@permission_required("congress.view_proposals")
def proposal_detail(request, pk):
    proposal = _load(request, pk)
    internal = request.user.has_perm("congress.view_review_notes")
    steps = proposal.steps.all()  # internal notes are left out in the template, the steps stay
    return render(
        request,
        "congress/proposal_detail.html",
        {
            "proposal": proposal,
            "steps": steps,
            "internal": internal,
            "buttons": workflow.buttons(proposal, request.user),
            "min_cosigners": proposal.session.term.min_cosigners,
            "signed": sum(1 for c in proposal.cosigners.all() if c.status == "signed"),
            "cosigners": in_stroke_order(proposal.cosigners.all(), name=lambda cosigner: cosigner.member.name),
        },
    )


@require_POST
@permission_required("congress.view_proposals")
def proposal_act(request, pk, action):
    """Every button of the proposal's table (congress/flows.py) posts here."""
    return workflow.act(request, _load(request, pk), action)


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


def _quorum(session):
    present, total, reached = services.quorum(session=session)
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
    roster = in_stroke_order(_delegate_members(session))
    recorded = dict(session.attendance.values_list("member_id", "kind"))
    if request.method == "POST":
        try:
            if request.POST.get("observer", "").isdigit():
                observer = get_object_or_404(Member, pk=request.POST["observer"])
                services.record_attendance(
                    session=session, member=observer, kind=Attendance.Kind.OBSERVER, actor=request.user
                )
            for member in roster:
                kind = request.POST.get(f"m{member.pk}", "")
                if kind:
                    services.record_attendance(session=session, member=member, kind=kind, actor=request.user)
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


@permission_required("congress.manage_session")
def motion_create(request, pk):
    session = get_object_or_404(Session, pk=pk)
    form = forms.MotionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            motion = services.add_motion(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("congress:motion", pk=motion.pk)
    return render(request, "congress/motion_form.html", {"form": form, "session": session})


def _ballot_refusal(check, ballot, member):
    """Why the member may not vote on the ballot now, shown in place of it; None when they may."""
    try:
        check(ballot, member)
    except ValidationError as error:
        return error.messages[0]
    return None


def _delegate_for(request, motion):
    return services.active_delegate(_member(request), motion.agenda_item.session.term_id)


@permission_required("congress.view_session")
def motion_detail(request, pk):
    motion = get_object_or_404(Motion.objects.select_related("agenda_item__session__term"), pk=pk)
    delegate = _delegate_for(request, motion)
    voted = delegate is not None and BallotReceipt.objects.filter(motion=motion, delegate=delegate).exists()
    asked = delegate is not None and not voted and motion.method == Motion.Method.SECRET
    refusal = _ballot_refusal(services.check_ballot, motion, delegate.member) if asked else None
    return render(
        request,
        "congress/motion_detail.html",
        {
            "motion": motion,
            "session": motion.agenda_item.session,
            "result": services.motion_result(motion),
            "turnout": motion.receipts.count(),
            "can_vote": asked and refusal is None,
            "refusal": refusal if motion.status == Motion.Status.OPEN else None,
            "voted": voted,
            "ballot_form": forms.BallotForm(),
            "count_form": forms.OpenCountForm(),
        },
    )


@require_POST
@permission_required("congress.vote")
def motion_vote(request, pk):
    motion = get_object_or_404(Motion, pk=pk)
    form = forms.BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择赞成、反对或弃权。"))
        return redirect("congress:motion", pk=pk)
    try:
        services.cast_ballot(motion=motion, member=_member(request), choice=form.cleaned_data["choice"])
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("您的选票已投出。"))
    return redirect("congress:motion", pk=pk)


@require_POST
@permission_required("congress.manage_session")
def motion_manage(request, pk, action):
    motion = get_object_or_404(Motion, pk=pk)
    try:
        if action == "open":
            services.open_motion(motion=motion, actor=request.user)
        elif action == "close":
            services.close_motion(motion=motion, actor=request.user)
        elif action == "count":
            form = forms.OpenCountForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("请填写各项票数。"))
            services.record_open_count(motion=motion, actor=request.user, **form.cleaned_data)
        else:
            raise Http404
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已保存。"))
    return redirect("congress:motion", pk=pk)


@permission_required("congress.view_appraisals")
def appraisal_list(request):
    appraisals = Appraisal.objects.select_related("term").order_by("-pk")
    return render(request, "congress/appraisal_list.html", {"page_obj": paginate(request, appraisals)})


@permission_required("congress.view_appraisals")
def appraisal_detail(request, pk):
    appraisal = get_object_or_404(Appraisal.objects.select_related("term", "session"), pk=pk)
    member = _member(request)
    voted = member is not None and appraisal.receipts.filter(member=member).exists()
    asked = appraisal.status == Appraisal.Status.OPEN and not voted and selectors.in_electorate(appraisal, member)
    refusal = _ballot_refusal(services.check_appraisal_ballot, appraisal, member) if asked else None
    voted_count, voters = services.appraisal_turnout(appraisal)
    return render(
        request,
        "congress/appraisal_detail.html",
        {
            "appraisal": appraisal,
            "appraisees": appraisal.appraisees.select_related("member"),
            "grades": appraisal.grades(),
            "turnout": {"voted": voted_count, "voters": voters},
            # the count is for union staff until it is published (公示)
            "tally": services.appraisal_tally(appraisal)
            if appraisal.status == Appraisal.Status.CLOSED or request.user.has_perm("congress.manage_appraisal")
            else None,
            "can_vote": asked and refusal is None,
            "refusal": refusal,
            "voted": voted,
            "appraisee_form": forms.AppraiseeForm(),
        },
    )


@permission_required("congress.view_appraisal_voters")
def appraisal_voters(request, pk):
    appraisal = get_object_or_404(Appraisal.objects.select_related("term"), pk=pk)
    not_voted, voted = services.appraisal_voters(appraisal)
    return render(
        request,
        "congress/appraisal_voters.html",
        {"appraisal": appraisal, "not_voted": not_voted, "voted": voted},
    )


@require_POST
@permission_required("congress.vote_appraisal")
def appraisal_vote(request, pk):
    appraisal = get_object_or_404(Appraisal, pk=pk)
    grades = {}
    for appraisee in appraisal.appraisees.all():
        grade = request.POST.get(f"a{appraisee.pk}", "")
        if grade:
            grades[appraisee.pk] = grade
    try:
        services.cast_appraisal_ballot(appraisal=appraisal, member=_member(request), grades=grades)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("您的评议票已投出。"))
    return redirect(appraisal)


@require_POST
@permission_required("congress.manage_appraisal")
def appraisal_manage(request, pk, action):
    appraisal = get_object_or_404(Appraisal, pk=pk)
    try:
        if action == "open":
            services.open_appraisal(appraisal=appraisal, actor=request.user)
        elif action == "close":
            services.close_appraisal(appraisal=appraisal, actor=request.user)
        elif action == "publish":
            services.publish_appraisal(appraisal=appraisal, actor=request.user)
        else:
            raise Http404
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已保存。"))
    return redirect(appraisal)


@permission_required("congress.view_suggestions")
def suggestion_list(request):
    suggestions = Suggestion.objects.select_related("author", "proposal")
    if not (request.user.has_perm("congress.answer_suggestion") or request.user.has_perm("congress.raise_suggestion")):
        member = _member(request)
        suggestions = suggestions.filter(author=member) if member else suggestions.none()
    return render(request, "congress/suggestion_list.html", {"page_obj": paginate(request, suggestions)})


@permission_required("congress.add_suggestion")
def suggestion_create(request):
    form = forms.SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = services.submit_suggestion(author=_member(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("建议已提交，谢谢。"))
            if suggestion.is_anonymous:
                return redirect("congress:suggestions")
            return redirect(suggestion)
    return render(request, "congress/suggestion_form.html", {"form": form})


@permission_required("congress.view_suggestions")
def suggestion_detail(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("author", "proposal", "handler"), pk=pk)
    check_object_permission(request.user, "congress.view_suggestion", suggestion)
    if request.method == "POST":
        try:
            if request.POST.get("do") == "answer" and request.user.has_perm("congress.answer_suggestion", suggestion):
                services.answer_suggestion(
                    suggestion=suggestion, actor=request.user, answer=request.POST.get("answer", "")
                )
                messages.success(request, _("答复已保存。"))
            elif request.POST.get("do") == "raise" and request.user.has_perm("congress.raise_suggestion"):
                sessions = _open_sessions(_member(request))
                if not sessions.exists():
                    raise ValidationError(_("您不是在任代表，或还没有可提交提案的会议。"))
                proposal = services.raise_suggestion(
                    suggestion=suggestion,
                    session=sessions.first(),
                    delegate_member=_member(request),
                    actor=request.user,
                )
                messages.success(request, _("已转为提案草稿，请邀请代表附议后提交。"))
                return redirect(proposal)
            else:
                raise PermissionDenied
        except ValidationError as error:
            report_refusal(request, error)
        return redirect(suggestion)
    return render(
        request,
        "congress/suggestion_detail.html",
        {
            "suggestion": suggestion,
            "answer_form": forms.AnswerForm(initial={"answer": suggestion.answer}),
            "can_answer": request.user.has_perm("congress.answer_suggestion", suggestion),
        },
    )


FORM_TEMPLATE = "congress/form.html"


def _apply(request, form, action, *, invalid, done=None):
    """A small form posted from a page that the view then redirects back to: ``action(cleaned_data)``
    when the form is valid; a refusal, or ``invalid`` for a bad form, becomes an error message."""
    if not form.is_valid():
        messages.error(request, invalid)
        return
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        if done:
            messages.success(request, done)


@permission_required("congress.manage_session")
def term_create(request):
    return form_page(
        request,
        forms.TermForm(request.POST or None),
        save=lambda form: services.save_term(term=form.save(commit=False), actor=request.user),
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
        save=lambda form: services.save_session(session=form.save(commit=False), actor=request.user),
        done=_("会议已保存。"),
        title=_("新建会议"),
        back="congress:index",
        template=FORM_TEMPLATE,
    )


@require_POST
@permission_required("congress.manage_session")
def agenda_add(request, pk):
    session = get_object_or_404(Session, pk=pk)
    _apply(
        request,
        forms.AgendaItemForm(request.POST),
        lambda data: services.add_agenda_item(session=session, title=data["title"], actor=request.user),
        invalid=_("请填写议程。"),
    )
    return redirect(session)


@require_POST
@permission_required("congress.manage_session")
def delegate_add(request, pk):
    term = get_object_or_404(CongressTerm, pk=pk)
    if request.POST.get("do") == "replace":
        form = forms.ReplaceForm(request.POST, term=term)

        def action(data):
            services.replace_delegate(delegate=data["delegate"], member=data["member"], actor=request.user)
    else:
        form = forms.DelegateForm(request.POST, term=term)

        def action(data):
            services.add_delegate(term=term, actor=request.user, **data)

    _apply(request, form, action, invalid=_("请检查填写的内容。"), done=_("代表名单已更新。"))
    return redirect("congress:delegates", pk=term.pk)


@permission_required("congress.manage_appraisal")
def appraisal_create(request):
    return form_page(
        request,
        forms.AppraisalForm(request.POST or None),
        save=lambda form: services.save_appraisal(appraisal=form.save(commit=False), actor=request.user),
        done=_("评议已创建，请添加被评议人。"),
        title=_("新建民主评议"),
        back="congress:appraisals",
        template=FORM_TEMPLATE,
    )


@require_POST
@permission_required("congress.manage_appraisal")
def appraisee_add(request, pk):
    appraisal = get_object_or_404(Appraisal, pk=pk)
    _apply(
        request,
        forms.AppraiseeForm(request.POST),
        lambda data: services.add_appraisee(appraisal=appraisal, actor=request.user, **data),
        invalid=_("请选择被评议人。"),
    )
    return redirect(appraisal)


@require_POST
@permission_required("congress.manage_session")
def document_add(request, pk):
    session = get_object_or_404(Session, pk=pk)
    _apply(
        request,
        forms.SessionDocumentForm(request.POST, request.FILES),
        lambda data: services.add_session_document(session=session, actor=request.user, **data),
        invalid=_("请选择要上传的文件。"),
        done=_("文件已上传。"),
    )
    return redirect(session)


@permission_required("congress.view_session")
def document_download(request, pk):
    document = get_object_or_404(SessionDocument, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
