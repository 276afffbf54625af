"""An election's tellers, the paper ballots' count they enter and confirm, and the printed result sheet."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import apply_posted_form, form_page

from . import election_tellers
from .election_forms import PaperCountForm, TellerForm
from .election_views import _election


@require_POST
@permission_required("congress.manage_election")
def election_teller(request, pk):
    election = _election(pk)
    apply_posted_form(
        request,
        TellerForm(request.POST, election=election),
        lambda form: election_tellers.name_teller(election=election, actor=request.user, **form.cleaned_data),
        done=_("监票人、计票人已确定。"),
    )
    return redirect(election)


@permission_required("congress.view_elections")
def election_paper_count(request, pk):
    """The tellers' page for the paper count: totals and votes per candidate, refused when they disagree."""
    election = _election(pk)
    check_object_permission(request.user, "congress.count_paper", election)
    return form_page(
        request,
        PaperCountForm(request.POST or None, election=election),
        save=lambda form: election_tellers.enter_paper_count(election=election, actor=request.user, **form.counts()),
        done=_("纸质选票清点结果已录入，请另一位监票人核对。"),
        title=_("纸质选票清点：%(election)s") % {"election": election},
        back="congress:elections",
        template="congress/form.html",
        then=lambda count: redirect(election),
    )


@require_POST
@permission_required("congress.view_elections")
def election_confirm_count(request, pk):
    election = _election(pk)
    check_object_permission(request.user, "congress.count_paper", election)
    apply_posted_form(
        request,
        None,
        lambda form: election_tellers.confirm_paper_count(election=election, actor=request.user),
        done=_("清点结果已核对，可以结束投票并计票。"),
    )
    return redirect(election)


@permission_required("congress.view_elections")
def election_result(request, pk):
    """计票结果报告单: the count, online and on paper, and the tellers who sign it; only once counted."""
    election = _election(pk)
    if not election.results_shown:
        raise Http404
    paper = election_tellers.confirmed_count(election)
    candidates = sorted(election.candidates.all(), key=lambda c: -(c.votes or 0))
    for candidate in candidates:
        candidate.online_votes = (candidate.votes or 0) - ((candidate.paper_votes or 0) if paper else 0)
    return render(
        request,
        "congress/elections/result.html",
        {
            "election": election,
            "candidates": candidates,
            "paper": paper,
            "tellers": election.tellers.select_related("member"),
        },
    )
