"""The portal's URLs plus, for comparison, the floors (bare views returning a page's rows
as JSON) and the bench admin site."""

from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone

from activities import selectors as activity_selectors
from congress import selectors as congress_selectors
from disclosure import selectors as disclosure_selectors
from funds import selectors as funds_selectors
from members import selectors as member_selectors
from members.forms import RosterFilterForm
from unionportal.dashboard import cards_for
from unionportal.pagination import PER_PAGE
from welfare import workbench as welfare_workbench

from .admin_site import site


def _rows(request, queryset, fields):
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return JsonResponse({"count": page.paginator.count, "rows": list(page.object_list.values(*fields))})


@login_required
def roster_floor(request):
    members = member_selectors.roster(**RosterFilterForm(request.GET).filters())
    fields = ["pk", "name", "gender", "department__name", "union_group__name", "status", "phone"]
    return _rows(request, members, fields)


@login_required
def events_floor(request):
    events = activity_selectors.event_list(past=request.GET.get("when") == "past")
    events = activity_selectors.with_sign_ups(events, getattr(request.user, "member", None))
    return _rows(request, events, ["pk", "title", "kind", "starts_at", "place", "capacity", "taken", "waiting"])


def board_floor(request):
    year = request.GET.get("year", "")
    items = disclosure_selectors.board(
        request.user, year=int(year) if year.isdigit() else None, query=request.GET.get("q", "").strip()
    )
    return _rows(request, items, ["pk", "title", "category__name", "audience", "status", "published_on"])


@login_required
def proposals_floor(request):
    proposals = congress_selectors.proposal_list(user=request.user)
    fields = ["pk", "number", "title", "session__title", "proposer__name", "lead_department__name", "status"]
    return _rows(request, proposals, fields)


@login_required
def welfare_floor(request):
    """The welfare dashboard's reads (its lists' first rows and counts, the late campaigns, the year's summary)."""
    board = welfare_workbench.dashboard(timezone.localdate().year)
    return JsonResponse(
        {
            "waiting": asdict(board.waiting),
            "due_files": [asdict(line) for line in board.due_files],
            "birthdays": asdict(board.birthdays),
            "in_hospital": asdict(board.in_hospital),
            "behind": [{"pk": c.pk, "name": c.name, "due_on": c.due_on} for c in board.behind],
            "summary": board.summary,
        }
    )


@login_required
def home_floor(request):
    cards = cards_for(request)
    return JsonResponse({"cards": [{"title": str(c.title), "value": c.value, "text": str(c.text)} for c in cards]})


@login_required
def funds_ledger_floor(request):
    """The ledger page's rows: this year's first 50 entries, with the year's totals and months."""
    year = timezone.localdate().year
    entries = funds_selectors.ledger(year)
    rows = entries.values(*funds_selectors.LINE_FIELDS)  # what the page reads of each line
    totals = funds_selectors.ledger_totals(entries)
    return JsonResponse({"rows": list(rows[:50]), "totals": totals, "months": funds_selectors.monthly(year)})


@login_required
def funds_execution_floor(request):
    """The execution table's figures: per top account, budget and actual."""
    report = funds_selectors.execution(timezone.localdate().year)
    return JsonResponse(
        {
            kind: [(row.account.code, row.budget, row.actual) for row in report[kind]["rows"]]
            for kind in ("income", "expense")
        }
    )


urlpatterns = [
    path("bench-floor/members/", roster_floor),
    path("bench-floor/activities/", events_floor),
    path("bench-floor/disclosure/", board_floor),
    path("bench-floor/proposals/", proposals_floor),
    path("bench-floor/welfare/", welfare_floor),
    path("bench-floor/home/", home_floor),
    path("bench-floor/funds/ledger/", funds_ledger_floor),
    path("bench-floor/funds/execution/", funds_execution_floor),
    path("bench-admin/", site.urls),
    path("", include("unionportal.urls")),
]
