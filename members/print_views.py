"""The official printed roster (打印名册): the filtered roster on A4, in 姓氏笔画 order."""

from django.shortcuts import render
from django.utils import timezone

from unionportal.access import permission_required
from unionportal.strokes import in_stroke_order

from . import selectors
from .forms import RosterFilterForm


@permission_required("members.view_roster")
def roster_print(request):
    form = RosterFilterForm(request.GET)
    members = in_stroke_order(selectors.roster(**form.filters()))
    return render(request, "members/roster_print.html", {"members": members, "today": timezone.localdate()})
