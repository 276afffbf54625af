"""The pages the bench times. Each app adds its rows here (and its changelist in admin_site.py).

``floor_url``: a bare view returning the same rows as JSON (bench/urls.py);
``admin_url``: the Django admin changelist of the same model on the bench admin site;
``role``: whose session requests the page ("chair", "staff", "member", "visitor" for nobody logged in;
the admin always runs as "admin").
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    floor_url: str | None = None
    admin_url: str | None = None
    role: str = "chair"


SEARCH = "王"  # a common surname: several hundred matches in a large roster
SEARCH_INITIALS = "wj"  # pinyin initials (王军, 吴杰, 魏娟 …): initials and the toneless pinyin pattern
SEARCH_PHONE = "5103"  # a phone ending: a handful of matches
ROSTER_FILTER = "status=active&gender=F&membership=yes&age_band=under35&sort=group"
ADMIN_ROSTER_FILTER = "status__exact=active&gender__exact=F&is_union_member__exact=1"
BOARD_FILTER = f"year={datetime.date.today().year - 1}&q=财务"

PAGES = [
    Page("roster", "/members/", "/bench-floor/members/", "/bench-admin/members/member/"),
    Page(
        "roster (search)",
        f"/members/?q={SEARCH}",
        f"/bench-floor/members/?q={SEARCH}",
        f"/bench-admin/members/member/?q={SEARCH}",
    ),
    *(
        Page(
            f"roster (search {what})",
            f"/members/?q={query}",
            f"/bench-floor/members/?q={query}",
            f"/bench-admin/members/member/?q={query}",
        )
        for what, query in (("initials", SEARCH_INITIALS), ("phone", SEARCH_PHONE))
    ),
    Page(
        "roster (filtered)",
        f"/members/?{ROSTER_FILTER}",
        f"/bench-floor/members/?{ROSTER_FILTER}",
        f"/bench-admin/members/member/?{ADMIN_ROSTER_FILTER}",
    ),
    Page("board", "/disclosure/", "/bench-floor/disclosure/", "/bench-admin/disclosure/disclosureitem/", "member"),
    Page("board (visitor)", "/disclosure/", "/bench-floor/disclosure/", None, role="visitor"),
    Page(
        "board (year + search)",
        f"/disclosure/?{BOARD_FILTER}",
        f"/bench-floor/disclosure/?{BOARD_FILTER}",
        f"/bench-admin/disclosure/disclosureitem/?{BOARD_FILTER.replace('year=', 'published_on__year=')}",
        role="member",
    ),
    Page("proposals", "/congress/proposals/", "/bench-floor/proposals/", "/bench-admin/congress/proposal/"),
    Page("proposals", "/congress/proposals/", "/bench-floor/proposals/", None, role="member"),
    Page("welfare dashboard", "/welfare/", "/bench-floor/welfare/", "/bench-admin/welfare/application/"),
    Page("events (upcoming)", "/activities/", "/bench-floor/activities/", "/bench-admin/activities/event/"),
    Page(
        "events (past)",
        "/activities/?when=past",
        "/bench-floor/activities/?when=past",
        "/bench-admin/activities/event/",
    ),
    Page("ledger", "/funds/ledger/", "/bench-floor/funds/ledger/", "/bench-admin/funds/entry/"),
    Page("budget execution", "/funds/reports/execution/", "/bench-floor/funds/execution/", None),
    Page("bodies and meetings", "/congress/bodies/", None, None, role="member"),
    Page("elections", "/congress/elections/", None, None, role="member"),
    Page("collective contracts", "/contracts/", None, None, role="staff"),
    Page("home · chair", "/", "/bench-floor/home/", None, role="chair"),
    Page("home · staff", "/", "/bench-floor/home/", None, role="staff"),
    Page("home · member", "/", "/bench-floor/home/", None, role="member"),
]
