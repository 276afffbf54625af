"""Every list page and dashboard runs as many SQL queries for a large union as for a small one (issue 9).

One table, ``PAGES``: each page names how to reach it, who looks at it (the role that sees most) and
which app's extra rows it lists. The union itself comes from the bench seeds (bench/seed*.py) at two
sizes, ``SMALL`` and ``LARGE``, ten times as many of every listed thing, with the related rows an
N+1 would trip over (co-signers, attachments, teams, seats, pledges …); each app's ``*_rows`` adds
what the seeds do not make. The pages that need the same rows share one test. The union is built once
per size for every test (inside a transaction rolled back after), each group's rows are added in a savepoint
rolled back after its pages are measured, and each page is requested once before counting so that
per-process caches (content types, the union profile) do not count.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.seed import Sizes, seed
from conftest import ROLES, make_role_users, seed_what_the_migrations_seed

THIS_YEAR = timezone.localdate().year
VOTERS = ("chair", "delegate")


@dataclass(frozen=True)
class Scale:
    name: str
    rows: int  # how many of each thing the app's extra rows add
    sizes: Sizes


def _sizes(rows, staff, departments, years):
    return Sizes(
        staff=staff,
        departments=departments,
        union_groups=rows,
        years=years,
        events_per_year=rows,
        sign_ups_per_event=rows,
        racers=rows,
        places=rows,
        delegates=2 * rows,
        voters=rows,
        proposals_per_session=rows,
        board_items=4 * rows,
        hardship_files=rows,
        applications_per_year=rows,
        visits_per_year=rows,
        recipients_per_campaign=rows,
    )


# Fewer rows than a page (PER_PAGE is 25) for the small union, so that a paginated list grows too.
SMALL = Scale("small", 3, _sizes(3, staff=40, departments=3, years=2))
LARGE = Scale("large", 30, _sizes(30, staff=400, departments=10, years=4))


def _members_of(world, count, offset=0):
    from members.models import Member

    people = Member.objects.filter(pk__in=world["members"], status=Member.Status.ACTIVE, is_union_member=True)
    return list(people.order_by("pk")[offset : offset + count])


def member_rows(world, n):
    """Committees with a term and seats, this year's registration frozen, three months of dues."""
    from members.models import Committee, CommitteeSeat, CommitteeTerm, DuesRecord, Member
    from members.registration import freeze_year

    people = _members_of(world, 2 * n)
    committees = Committee.objects.bulk_create([Committee(name=f"委员会{i}", sort_order=i) for i in range(n)])
    terms = CommitteeTerm.objects.bulk_create(
        [CommitteeTerm(committee=c, number=1, starts_on=datetime.date(THIS_YEAR - 1, 1, 1)) for c in committees]
    )
    CommitteeSeat.objects.bulk_create(
        [
            CommitteeSeat(term=term, member=people[(2 * i + j) % len(people)], post=post, sort_order=j)
            for i, term in enumerate(terms)
            for j, post in enumerate(["主任", "委员"])
        ]
    )
    first = timezone.localdate().replace(day=1)
    months = [first, (first - datetime.timedelta(days=1)).replace(day=1)]
    months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    union_members = Member.objects.filter(pk__in=world["members"], is_union_member=True)
    DuesRecord.objects.bulk_create(
        [
            DuesRecord(
                member=member,
                month=month,
                wage_base=Decimal("6000"),
                due=Decimal("30.00"),
                paid=Decimal("30.00") if member.pk % 3 else Decimal("0"),
                paid_on=month if member.pk % 3 else None,
            )
            for member in union_members
            for month in months
        ]
    )
    freeze_year(year=THIS_YEAR)


def activity_rows(world, n):
    """This month's events, a team event with teams and results, an event with sign-ups, honours, notices."""
    from activities import services
    from activities.models import Event, Honour, Result, Team
    from activities.models import Registration as SignUp
    from unionportal.notices import Notice

    now = timezone.now()
    month_start = now.replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    Event.objects.bulk_create(
        [
            Event(
                title=f"本月活动{i}",
                kind=Event.Kind.CULTURE,
                starts_at=month_start + datetime.timedelta(hours=i),
                ends_at=month_start + datetime.timedelta(hours=i + 1),
                place="礼堂",
            )
            for i in range(n)
        ]
    )
    people = _members_of(world, 3 * n)
    start = now + datetime.timedelta(days=5)
    team_event = Event.objects.create(
        title="拔河比赛", kind=Event.Kind.SPORTS, starts_at=start, ends_at=start, place="操场", is_team_event=True
    )
    teams = Team.objects.bulk_create(
        [
            Team(event=team_event, union_group=group, name=f"{group.name}队", captain=people[i])
            for i, group in enumerate(world["groups"][:n])
        ]
    )
    Team.members.through.objects.bulk_create(
        [
            Team.members.through(team_id=team.pk, member_id=people[(i + k) % len(people)].pk)
            for i, team in enumerate(teams)
            for k in range(2)
        ]
    )
    SignUp.objects.bulk_create([SignUp(event=team_event, team=team, position=i + 1) for i, team in enumerate(teams)])
    results = Result.objects.bulk_create(
        [Result(event=team_event, item="拔河", team=team, rank=i + 1) for i, team in enumerate(teams)]
        + [Result(event=team_event, item="个人", member=people[i], rank=i + 1) for i in range(n)]
    )
    event = Event.objects.create(
        title="羽毛球赛", kind=Event.Kind.SPORTS, starts_at=start, ends_at=start, place="体育馆"
    )
    for person in people[:n]:
        services.sign_up(event=event, member=person, actor=world["users"]["chair"])
    Honour.objects.bulk_create(
        [Honour(title="优秀教师", member=people[i], year=THIS_YEAR, awarding_body="工会") for i in range(n)]
        + [
            Honour(title="先进小组", union_group=world["groups"][i], year=THIS_YEAR, awarding_body="工会")
            for i in range(n)
        ]
        + [
            Honour(title="获奖", member=people[i], year=THIS_YEAR, awarding_body="工会", result=results[i])
            for i in range(n)
        ]
    )
    chair = world["users"]["chair"]
    Notice.objects.bulk_create([Notice(recipient=chair, text=f"通知{i}", url="/activities/") for i in range(n)])
    world.update(team_event=team_event, event=event)


def congress_rows(world, n):
    """Proposals assigned to the handler's department, and ``n`` of the seeded suggestions (the seed
    makes a fixed number a year)."""
    from congress.models import Proposal, Suggestion

    session = _current_session(world)
    Proposal.objects.bulk_create(
        [
            Proposal(
                session=session,
                proposer=world["users"]["delegate"].member,
                title=f"交办提案{i}",
                content="内容",
                status=Proposal.Status.ASSIGNED,
                lead_department=world["departments"][0],
                deadline=session.starts_on + datetime.timedelta(days=30),
                submitted_at=timezone.now(),
            )
            for i in range(n)
        ]
    )
    keep = Suggestion.objects.order_by("pk").values_list("pk", flat=True)[:n]
    Suggestion.objects.exclude(pk__in=list(keep)).delete()


def disclosure_rows(world, n):
    """Categories of its own, and drafts and board items with two attachments each."""
    from disclosure.models import Attachment, Category, DisclosureItem, Objection

    categories = Category.objects.bulk_create([Category(name=f"自定类别{i}") for i in range(n)])
    chair = world["users"]["chair"]
    drafts = DisclosureItem.objects.bulk_create(
        [
            DisclosureItem(
                category=c, title=f"草稿{i}", body="正文", created_by=chair, department=world["departments"][0]
            )
            for i, c in enumerate(categories)
        ]
    )
    on_board = list(DisclosureItem.objects.filter(status__in=DisclosureItem.ON_BOARD).order_by("-pk")[:n])
    signed = _signed_item(world)
    Objection.objects.bulk_create(
        [Objection(item=signed, author=person, content="请说明。") for person in _members_of(world, n)]
    )
    Attachment.objects.bulk_create(
        [
            Attachment(item=item, file=f"disclosure/a{item.pk}-{k}.pdf", name=f"附件{k}.pdf", kind="pdf", size=9)
            for item in [*drafts, *on_board]
            for k in range(2)
        ]
    )


def welfare_rows(world, n):
    """Donation drives with pledges, and campaigns without recipients yet."""
    from welfare.models import Campaign, DonationDrive, FundSource, Pledge

    today = timezone.localdate()
    people = _members_of(world, n)
    drives = DonationDrive.objects.bulk_create(
        [
            DonationDrive(title=f"爱心捐款{i}", appeal="倡议", beneficiary=people[i], opened_on=today, closes_on=today)
            for i in range(n)
        ]
    )
    Pledge.objects.bulk_create(
        [Pledge(drive=drives[0], member=person, amount=Decimal("50")) for person in people]
        + [Pledge(drive=d, member=people[(i + 1) % n], amount=Decimal("100")) for i, d in enumerate(drives[1:])]
    )
    world["drive"] = drives[0]
    Campaign.objects.bulk_create(
        [
            Campaign(
                name=f"慰问{i}",
                # every other one a universal gift, which 委员 see on their list
                kind=Campaign.Kind.FESTIVAL if i % 2 else Campaign.Kind.SPRING_FESTIVAL,
                confidential=not i % 2,
                year=today.year,
                budget=Decimal("1000"),
                default_amount=Decimal("100"),
                fund_source=FundSource.UNION_FUNDS,
                starts_on=today,
                due_on=today,
            )
            for i in range(n)
        ]
    )


def document_rows(world, n):
    from unionportal.documents.models import Job

    chair = world["users"]["chair"]
    Job.objects.bulk_create([Job(owner=chair, kind="notice", title=f"通知{i}") for i in range(n)])


def accounts_rows(world, n):
    """People holding a role, with its history (the roles page), each with a login (the accounts list)."""
    from django.contrib.auth.models import Group, User

    from accounts.models import RoleAssignment

    people = _members_of(world, n)
    staff = Group.objects.get(name="staff")
    for person in people:
        if person.user_id is None:
            person.user = User.objects.create_user(f"account{person.pk}")
            person.save(update_fields=["user"])
        person.user.groups.add(staff)
    RoleAssignment.objects.bulk_create(
        RoleAssignment(member=person, role="staff", started_on=datetime.date(THIS_YEAR, 1, 1), start_reason="换届")
        for person in people
    )


def every_app_rows(world, n):
    for rows in (member_rows, activity_rows, congress_rows, disclosure_rows, welfare_rows, document_rows):
        rows(world, n)


def build_union(scale):
    """The seeded union at ``scale``, then one user per role (made after the seed, so that its random
    picks of delegates and readers never fall on them), the handler heading a department, and the chair
    and the delegate seated in every congress term."""
    from congress.models import CongressTerm, Delegate
    from members.models import Department, Member

    seed_what_the_migrations_seed()
    world = seed(scale.sizes, report=lambda text: None)
    world["users"] = users = make_role_users()
    Delegate.objects.bulk_create(
        [Delegate(term=term, member=users[role].member) for term in CongressTerm.objects.all() for role in VOTERS]
    )
    world["members"] = world["members"][world["linked"] :]  # the seeded staff with no login
    handler = users["handler"].member
    Department.objects.filter(pk=world["departments"][0].pk).update(head=handler)
    Member.objects.filter(pk=handler.pk).update(department=world["departments"][0])
    return world


@dataclass(frozen=True)
class Page:
    name: str
    url: object  # a path, or a function of the built union
    role: str  # "visitor" for nobody logged in
    rows: object = every_app_rows
    lists: bool = True  # a list that must show more for the large union; a dashboard need not

    def path(self, world):
        return self.url(world) if callable(self.url) else self.url


def _current_session(world):
    from congress.models import Session

    return Session.objects.order_by("-starts_on", "-pk").first()


def _signed_item(world):
    """An internal item on the board that asks for signatures: the chair sees who has not signed."""
    from disclosure.models import DisclosureItem

    return DisclosureItem.objects.filter(needs_signature=True).order_by("pk").first()


def _listed_campaign(world):
    from welfare.models import CampaignRecipient

    return CampaignRecipient.objects.order_by("-pk").first().campaign


def _current_appraisal(world):
    return world["race_appraisal"]


PAGES = [
    *(Page(f"home · {role}", "/", role, lists=False) for role in ROLES),
    # members
    Page("roster", "/members/", "chair", member_rows),
    Page("roster · search", "/members/?q=王&status=active&sort=group", "chair", member_rows),
    Page("roster print", "/members/print/", "chair", member_rows),
    Page("statistics", "/members/statistics/", "chair", member_rows),
    Page("org tree", "/members/org/", "chair", member_rows),
    Page("committees", "/members/committees/", "chair", member_rows),
    Page("registration year", f"/members/registration/{THIS_YEAR}/", "chair", member_rows),
    Page("dues ledger", "/members/dues/", "chair", member_rows),
    Page("dues arrears", "/members/dues/arrears/", "chair", member_rows),
    Page("dues year", "/members/dues/year/", "chair", member_rows),
    # congress
    Page("congress sessions", "/congress/", "chair", congress_rows),
    Page(
        "congress session",
        lambda w: f"/congress/sessions/{_current_session(w).pk}/",
        "chair",
        congress_rows,
        lists=False,
    ),
    Page("proposals", "/congress/proposals/", "chair", congress_rows),
    Page("proposals · public list", "/congress/proposals/", "member", congress_rows),
    Page(
        "delegates",
        lambda w: f"/congress/terms/{_current_session(w).term_id}/delegates/",
        "chair",
        congress_rows,
    ),
    Page("appraisals", "/congress/appraisals/", "chair", congress_rows),
    Page("appraisal", lambda w: f"/congress/appraisals/{_current_appraisal(w).pk}/", "chair", congress_rows),
    Page("suggestions", "/congress/suggestions/", "chair", congress_rows),
    Page("follow-up", lambda w: f"/congress/sessions/{_current_session(w).pk}/follow-up/", "chair", congress_rows),
    # disclosure
    Page("board · member", "/disclosure/", "member", disclosure_rows),
    Page("board · visitor", "/disclosure/", "visitor", disclosure_rows),
    Page("board · year + search", f"/disclosure/?year={THIS_YEAR}&q=公示", "member", disclosure_rows),
    Page("board item · unsigned", lambda w: f"/disclosure/{_signed_item(w).pk}/", "chair", disclosure_rows),
    Page("work list", "/disclosure/work/", "chair", disclosure_rows),
    Page("work list · handler", "/disclosure/work/", "handler", disclosure_rows),
    Page("categories", "/disclosure/categories/", "chair", disclosure_rows),
    # welfare
    Page("welfare dashboard", "/welfare/", "chair", welfare_rows),
    Page("hardship files", "/welfare/files/", "chair", welfare_rows),
    Page("birthdays", "/welfare/birthdays/", "chair", welfare_rows),
    Page("applications", "/welfare/applications/", "chair", welfare_rows),
    Page("payments", "/welfare/payments/", "chair", welfare_rows),
    Page("campaigns", "/welfare/campaigns/", "chair", welfare_rows),
    Page("campaigns · staff", "/welfare/campaigns/", "staff", welfare_rows),
    Page("campaign", lambda w: f"/welfare/campaigns/{_listed_campaign(w).pk}/", "chair", welfare_rows),
    Page("visits", "/welfare/visits/", "chair", welfare_rows),
    Page("welfare totals", "/welfare/totals/", "chair", welfare_rows),
    Page("donation drives", "/welfare/drives/", "chair", welfare_rows),
    Page("donation drive", lambda w: f"/welfare/drives/{w['drive'].pk}/", "chair", welfare_rows),
    # activities
    Page("events", "/activities/", "chair", activity_rows),
    Page("events · past", "/activities/?when=past", "chair", activity_rows),
    Page("calendar", "/activities/calendar/", "chair", activity_rows),
    Page("honours", "/activities/honours/", "chair", activity_rows),
    Page("notices", "/notices/", "chair", activity_rows),
    Page("event · teams and results", lambda w: f"/activities/{w['team_event'].pk}/", "chair", activity_rows),
    Page("participants", lambda w: f"/activities/{w['event'].pk}/participants/", "chair", activity_rows),
    Page("participants · teams", lambda w: f"/activities/{w['team_event'].pk}/participants/", "chair", activity_rows),
    Page("results", lambda w: f"/activities/{w['team_event'].pk}/results/", "chair", activity_rows),
    # documents
    Page("document jobs", "/documents/", "chair", document_rows),
    # accounts
    Page("accounts", "/accounts/members/", "chair", accounts_rows),
    Page("accounts · without login", "/accounts/members/?login=none&status=active", "chair", accounts_rows),
    Page("roles", "/accounts/roles/", "chair", accounts_rows),
]


def _count(scale):
    """Build the union at ``scale`` inside a transaction rolled back after; add each group's rows in a
    savepoint rolled back after its pages are measured; request each page twice and count the second.
    Returns, per page, the queries and the page's length."""
    client = Client()
    measured = {}
    with transaction.atomic():
        world = build_union(scale)
        for pages in _by_rows():
            with transaction.atomic():
                pages[0].rows(world, scale.rows)
                for page in pages:
                    client.logout()
                    if page.role != "visitor":
                        client.force_login(world["users"][page.role])
                    path = page.path(world)
                    assert client.get(path).status_code == 200, path
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(path)
                    assert response.status_code == 200, path
                    measured[page] = captured.captured_queries, len(response.content)
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    return measured


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Every page counted at both sizes. Building the union is most of the work, so it is built once per
    size for all the groups (one process runs the module: `--dist loadscope` in scripts/run-tests)."""
    with django_db_blocker.unblock():
        return {scale.name: _count(scale) for scale in (SMALL, LARGE)}


def _most_repeated(queries):
    shapes = Counter(re.sub(r"\b\d+\b", "N", q["sql"])[:200] for q in queries)
    return "\n".join(f"{count}× {sql}" for sql, count in shapes.most_common(3))


def _by_rows():
    """The pages grouped by the rows they need, so that each group's union is built once per size."""
    groups = {}
    for page in PAGES:
        groups.setdefault(page.rows, []).append(page)
    return list(groups.values())


@pytest.mark.django_db  # the test database exists for ``measured`` only when a test asks for it
@pytest.mark.parametrize("pages", _by_rows(), ids=lambda pages: pages[0].rows.__name__)
def test_pages_run_as_many_queries_for_a_large_union_as_for_a_small_one(pages, measured):
    small, large = measured[SMALL.name], measured[LARGE.name]
    wrong = []
    for page in pages:
        (small_queries, small_length), (large_queries, large_length) = small[page], large[page]
        print(f"\n{page.name}: {len(small_queries)} / {len(large_queries)}")
        if page.lists and large_length <= small_length:
            wrong.append(f"{page.name}: the large union must show more on this page, or the test proves nothing")
        if len(large_queries) != len(small_queries):
            wrong.append(
                f"{page.name}: {len(small_queries)} → {len(large_queries)} queries; most repeated:\n"
                + _most_repeated(large_queries)
            )
    assert not wrong, "\n".join(wrong)
