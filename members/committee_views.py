from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import permission_required

from . import committees
from .models import Committee, CommitteeSeat, CommitteeTerm
from .org_forms import CommitteeForm, CommitteeSeatForm, CommitteeTermForm
from .org_views import delete_then_redirect, edit_page

BACK = "members:committees"


def committee_page(committee):
    return reverse("members:committee", args=[committee.pk])


@permission_required("members.view_committees")
def committee_list(request):
    return render(request, "members/committees/list.html", {"committees": committees.committees_with_terms()})


@permission_required("members.view_committees")
def committee_detail(request, pk):
    committee = committees.committee_with_terms(get_object_or_404(Committee, pk=pk))
    return render(request, "members/committees/detail.html", {"committee": committee})


@permission_required("members.change_committees")
def committee_edit(request, pk=None):
    committee = get_object_or_404(Committee, pk=pk) if pk else Committee()
    form = CommitteeForm(request.POST or None, instance=committee)
    title = _("编辑委员会") if pk else _("新建委员会")
    return edit_page(request, form, committees.save_committee, title=title, back=BACK, next_page=committee_page)


@permission_required("members.change_committees")
def term_edit(request, committee_pk=None, pk=None):
    if pk:
        term = get_object_or_404(CommitteeTerm.objects.select_related("committee"), pk=pk)
    else:
        term = CommitteeTerm(committee=get_object_or_404(Committee, pk=committee_pk))
    form = CommitteeTermForm(request.POST or None, instance=term)
    title = _("编辑%(term)s") % {"term": term} if pk else _("%(committee)s：新一届") % {"committee": term.committee}
    return edit_page(
        request,
        form,
        committees.save_term,
        title=title,
        back=BACK,
        next_page=lambda term: committee_page(term.committee),
    )


@permission_required("members.change_committees")
def seat_create(request, term_pk):
    term = get_object_or_404(CommitteeTerm.objects.select_related("committee"), pk=term_pk)
    form = CommitteeSeatForm(request.POST or None, instance=CommitteeSeat(term=term, sort_order=term.seats.count()))
    title = _("%(term)s：增补成员") % {"term": term}
    return edit_page(
        request,
        form,
        committees.save_seat,
        title=title,
        back=BACK,
        next_page=lambda seat: committee_page(term.committee),
    )


@permission_required("members.change_committees")
@require_POST
def seat_delete(request, pk):
    seat = get_object_or_404(CommitteeSeat.objects.select_related("term", "member"), pk=pk)
    committees.remove_seat(seat)
    messages.success(request, _("已移除：%(post)s %(name)s") % {"post": seat.post, "name": seat.member.name})
    return redirect("members:committee", pk=seat.term.committee_id)


@permission_required("members.change_committees")
@require_POST
def committee_delete(request, pk):
    committee = get_object_or_404(Committee, pk=pk)
    refused = committee_page(committee)
    return delete_then_redirect(request, committee, committees.delete_committee, done=BACK, refused=refused)
