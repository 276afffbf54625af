"""Election pages: the list, a new election, one election with its candidates, ballot, buttons and results,
and who has voted."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Member
from unionportal import workflow
from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import apply_posted_form, form_page

from . import elections
from .election_forms import BallotForm, ElectionForm, NominationForm, TellerForm
from .models import Election


def _election(pk):
    try:
        return elections.election_detail(pk)
    except Election.DoesNotExist as error:
        raise Http404 from error


def _nominees(election):
    if election.kind == Election.Kind.DELEGATES:
        people = elections.electorate(election)
    else:
        people = Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True)
    people = people.exclude(pk__in=elections.seat_holders(election).values("pk"))
    return people.exclude(candidacies__election=election).order_by("name_pinyin")


@permission_required("congress.view_elections")
def election_list(request):
    rows = Election.objects.select_related("delegate_group", "committee_term__committee")
    return render(request, "congress/elections/list.html", {"elections": rows})


@permission_required("congress.manage_election")
def election_create(request):
    return form_page(
        request,
        ElectionForm(request.POST or None),
        save=lambda form: elections.create_election(election=form.save(commit=False), actor=request.user),
        done=_("选举已创建，请提名候选人。"),
        title=_("新建选举"),
        back="congress:elections",
        template="congress/form.html",
    )


@permission_required("congress.view_elections")
def election_detail(request, pk):
    election = _election(pk)
    user, member = request.user, getattr(request.user, "member", None)
    voting = election.status == Election.Status.VOTING
    may_vote = voting and member is not None and elections.electorate(election).filter(pk=member.pk).exists()
    nominating = election.status == Election.Status.NOMINATING
    counting = voting and election.on_paper and user.has_perm("congress.count_paper", election)
    return render(
        request,
        "congress/elections/detail.html",
        {
            "election": election,
            "candidates": election.candidates.all(),
            "buttons": workflow.buttons_for(request, election),
            "steps": election.steps.select_related("actor__member"),
            "nomination_form": NominationForm(people=_nominees(election))
            if nominating and user.has_perm("congress.nominate_candidate", election)
            else None,
            "ballot_form": BallotForm(election=election) if may_vote and election.online else None,
            "tellers": election.tellers.select_related("member"),
            "teller_form": TellerForm(election=election)
            if election.status in (Election.Status.NOMINATING, Election.Status.VOTING)
            and user.has_perm("congress.manage_election")
            else None,
            "paper_count": getattr(election, "paper_count", None) if election.on_paper else None,
            "counting": counting,
            "has_voted": voting and elections.has_voted(election, member),
            "open_seats": election.seats - sum(1 for c in election.candidates.all() if c.elected),
        },
    )


@require_POST
@permission_required("congress.view_elections")
def election_nominate(request, pk):
    election = _election(pk)
    check_object_permission(request.user, "congress.nominate_candidate", election)
    apply_posted_form(
        request,
        NominationForm(request.POST, people=_nominees(election)),
        lambda form: elections.nominate(election=election, actor=request.user, **form.cleaned_data),
        done=_("候选人已提名。"),
    )
    return redirect(election)


@require_POST
@permission_required("congress.vote_election")
def election_vote(request, pk):
    election = _election(pk)
    member = getattr(request.user, "member", None)
    if member is None:
        raise Http404
    apply_posted_form(
        request,
        BallotForm(request.POST, election=election),
        lambda form: elections.cast_ballot(
            election=election, member=member, chosen=[c.pk for c in form.cleaned_data["chosen"]]
        ),
        done=_("您的选票已投出。投票不记名，结果在计票后公布。"),
    )
    return redirect(election)


@require_POST
@permission_required("congress.manage_election")
def election_next_round(request, pk):
    election = _election(pk)
    following = apply_posted_form(
        request,
        None,
        lambda form: elections.next_round(election=election, actor=request.user),
        done=_("已开始下一轮选举，候选人为上一轮未当选者。"),
    )
    return redirect(following or election)


@require_POST
@permission_required("congress.view_elections")
def election_act(request, pk, action):
    """Every button of the election's table (election_flows.py) posts here."""
    return workflow.act(request, _election(pk), action)


@permission_required("congress.manage_election")
def election_voters(request, pk):
    """WHO has voted (from the receipts), by union group, to remind the rest; never what they chose."""
    election = _election(pk)
    not_voted, voted = elections.voters(election)
    return render(
        request, "congress/elections/voters.html", {"election": election, "not_voted": not_voted, "voted": voted}
    )
