"""Pages of the congress's bodies: the list of bodies in office, a meeting with its attendance, minutes and
decisions (and the proposals a 提案工作委员会 meeting decides on), and the term's delegate groups."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import CommitteeTerm
from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import apply_posted_form, form_page

from . import bodies
from .body_forms import DecisionForm, DelegateGroupForm, MeetingForm, MinutesForm, ProposalDecisionForm
from .models import BodyMeeting, CongressTerm, DelegateGroup, Proposal


@permission_required("congress.view_bodies")
def body_list(request):
    return render(request, "congress/bodies/list.html", {"terms": bodies.bodies()})


@permission_required("congress.view_bodies")
def meeting_create(request, term_pk):
    term = get_object_or_404(CommitteeTerm.objects.select_related("committee"), pk=term_pk)
    check_object_permission(request.user, "congress.hold_meeting", term)
    form = MeetingForm(request.POST or None, term=term, initial={"kind": BodyMeeting.Kind.PLENARY})
    return form_page(
        request,
        form,
        save=lambda form: bodies.hold_meeting(
            term=term,
            actor=request.user,
            attendees=form.everyone(),
            **_fields(form, "kind", "held_on", "place", "agenda"),
        ),
        done=_("会议已登记。"),
        title=_("%(body)s：登记会议") % {"body": term},
        back="congress:bodies",
        template="congress/form.html",
    )


def _fields(form, *names):
    return {name: form.cleaned_data[name] for name in names}


def _meeting(request, pk):
    try:
        return bodies.meeting_detail(pk)
    except BodyMeeting.DoesNotExist as error:
        raise Http404 from error


@permission_required("congress.view_bodies")
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    deciding = user.has_perm("congress.decide_in_meeting", meeting)
    present = [member.pk for member in meeting.attendees.all()]
    return render(
        request,
        "congress/bodies/meeting.html",
        {
            "meeting": meeting,
            "roll": bodies.attendance(meeting),
            "minutes_form": MinutesForm(
                term=meeting.term, initial={"minutes": meeting.minutes, "attendees": present, "observers": present}
            )
            if user.has_perm("congress.hold_meeting", meeting.term)
            else None,
            "decision_form": DecisionForm() if deciding else None,
            "proposals": bodies.proposals_awaiting_decision(meeting) if deciding else (),
            "proposal_form": ProposalDecisionForm(),
        },
    )


@require_POST
@permission_required("congress.view_bodies")
def meeting_minutes(request, pk):
    meeting = _meeting(request, pk)
    check_object_permission(request.user, "congress.hold_meeting", meeting.term)
    apply_posted_form(
        request,
        MinutesForm(request.POST, term=meeting.term),
        lambda form: bodies.record_minutes(
            meeting=meeting, minutes=form.cleaned_data["minutes"], attendees=form.everyone(), actor=request.user
        ),
        done=_("会议纪要和出席情况已保存。"),
    )
    return redirect(meeting)


@require_POST
@permission_required("congress.view_bodies")
def meeting_decision(request, pk):
    meeting = _meeting(request, pk)
    check_object_permission(request.user, "congress.decide_in_meeting", meeting)
    apply_posted_form(
        request,
        DecisionForm(request.POST),
        lambda form: bodies.add_decision(meeting=meeting, text=form.cleaned_data["text"], actor=request.user),
        done=_("决定已记录。"),
    )
    return redirect(meeting)


@require_POST
@permission_required("congress.view_bodies")
def meeting_proposal(request, pk, proposal_pk):
    meeting = _meeting(request, pk)
    check_object_permission(request.user, "congress.decide_in_meeting", meeting)
    proposal = get_object_or_404(Proposal, pk=proposal_pk)
    apply_posted_form(
        request,
        ProposalDecisionForm(request.POST),
        lambda form: bodies.decide_proposal(
            meeting=meeting, proposal=proposal, actor=request.user, **_fields(form, "action", "note", "into")
        ),
        done=_("提案审查决定已记录。"),
    )
    return redirect(meeting)


@permission_required("congress.view_session")
def delegate_groups(request, pk):
    term = get_object_or_404(CongressTerm, pk=pk)
    groups = term.delegate_groups.select_related("leader").prefetch_related("union_groups")
    return render(request, "congress/bodies/delegate_groups.html", {"term": term, "groups": groups})


@permission_required("congress.manage_session")
def delegate_group_edit(request, term_pk, pk=None):
    term = get_object_or_404(CongressTerm, pk=term_pk)
    group = get_object_or_404(DelegateGroup, pk=pk, term=term) if pk else DelegateGroup(term=term)
    return form_page(
        request,
        DelegateGroupForm(request.POST or None, instance=group),
        save=lambda form: bodies.save_delegate_group(
            group=form.save(commit=False), union_groups=form.cleaned_data["union_groups"], actor=request.user
        ),
        done=_("代表组已保存。"),
        title=_("编辑代表组") if pk else _("新建代表组"),
        back="congress:index",
        template="congress/form.html",
        then=lambda saved: redirect("congress:delegate_groups", pk=term.pk),
    )
