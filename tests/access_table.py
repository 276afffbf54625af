"""Every URL × every role → the status code it must answer.

One row per URL. ``ok`` names the roles that get 200; every other logged-in
role gets 403 and a visitor is sent to the login page (302), unless
``expect`` says otherwise for a role. A URL with an object in it is a
function of the role users (see conftest.users). Each app adds its rows here.
"""

from dataclasses import dataclass, field

from django.test import Client
from django.utils import timezone

from conftest import ROLES

ANON = "anonymous"
EVERY_ROLE = [ANON, *ROLES]
LOGGED_IN = frozenset(ROLES)
EVERYONE = frozenset(EVERY_ROLE)
THIS_YEAR = timezone.localdate().year


@dataclass(frozen=True)
class Access:
    url: object
    ok: frozenset
    expect: dict = field(default_factory=dict)

    def status_for(self, role):
        if role in self.expect:
            return self.expect[role]
        if role in self.ok:
            return 200
        return 302 if role == ANON else 403

    def path(self, users):
        return self.url(users) if callable(self.url) else self.url


def row_id(row):
    return str(row.url if isinstance(row.url, str) else row.url.__qualname__)


def client_for(users, role):
    """A client of the role's own, logged in once (a visitor's not at all): a walk over the roles asks with
    one each instead of logging one client out and in again before every request."""
    client = Client()
    if role != ANON:
        client.force_login(users[role])
    return client


def chair_job(suffix):
    """A page of a finished notice printed by the chair."""

    def path(users):
        from unionportal.documents.models import Job

        job = Job.objects.create(owner=users["chair"], kind="notice", title="通知", status=Job.Status.DONE)
        return f"/documents/{job.pk}/{suffix}"

    path.__qualname__ = f"/documents/<chair's job>/{suffix}"
    return path


def own_member_page(role, suffix=""):
    def path(users):
        return f"/members/{users[role].member.pk}/{suffix}"

    path.__qualname__ = f"/members/<{role}>/{suffix}"
    return path


def account_page(role, suffix="", prefix="/accounts/members/"):
    """A page of the role user's login on the accounts pages (or, with ``prefix``, the roles page)."""

    def path(users):
        return f"{prefix}{users[role].member.pk}/{suffix}"

    path.__qualname__ = f"{prefix}<{role}>/{suffix}"
    return path


def dues_page(suffix):
    """A page of a fresh dues line of the member role's, e.g. ``dues_page("correct/")``."""

    def path(users):
        import datetime
        from decimal import Decimal

        from members.models import DuesRecord

        record = DuesRecord.objects.create(
            member=users["member"].member, month=datetime.date(2025, 5, 1), wage_base=Decimal(5000), due=Decimal(25)
        )
        return f"/members/dues/{record.pk}/{suffix}"

    path.__qualname__ = f"/members/dues/<record>/{suffix}"
    return path


def org_page(kind, suffix=""):
    """A members org page of a fresh branch, group, committee, term, seat or frozen year."""

    def path(users):
        from members.models import Branch, Committee, CommitteeSeat, CommitteeTerm, Registration, UnionGroup

        if kind == "branch":
            return f"/members/org/branches/{Branch.objects.create(name='分会').pk}/{suffix}"
        if kind == "group":
            return f"/members/org/groups/{UnionGroup.objects.create(name='小组').pk}/{suffix}"
        if kind == "registration":
            return f"/members/registration/{Registration.objects.create(year=THIS_YEAR).year}/{suffix}"
        committee = Committee.objects.create(name="工会委员会")
        if kind == "committee":
            return f"/members/committees/{committee.pk}/{suffix}"
        term = CommitteeTerm.objects.create(committee=committee, number=1, starts_on=timezone.localdate())
        if kind == "term":
            return f"/members/committees/terms/{term.pk}/{suffix}"
        seat = CommitteeSeat.objects.create(term=term, member=users["chair"].member, post="主席")
        return f"/members/committees/seats/{seat.pk}/{suffix}"

    path.__qualname__ = f"/members/<{kind}>/{suffix}"
    return path


def activity_page(suffix, **fields):
    """A page of a fresh event (activities), e.g. ``activity_page("edit/")``."""

    def path(users):
        from activities.tests.factories import make_event

        event = make_event(**fields)
        return f"/activities/{event.pk}/" + suffix.format(code=event.check_in_code)

    path.__qualname__ = f"/activities/<event>/{suffix}"
    return path


def workflow_action(kind, action):
    """The POST-only URL of a workflow button (unionportal.workflow.act) on a fresh object."""

    def path(users):
        if kind == "proposal":
            return congress_page("proposal")(users) + f"{action}/"
        if kind == "item":
            return disclosure_page("pending", f"{action}/")(users)
        from activities.models import Registration
        from activities.tests.factories import make_event

        registration = Registration.objects.create(event=make_event(), member=users["member"].member, position=1)
        return f"/activities/registrations/{registration.pk}/{action}/"

    path.__qualname__ = f"<{kind}>/{action}/"
    return path


def congress_page(kind, state="public"):
    """A congress page: a fresh session, or a proposal of the delegate user (public or draft)."""

    def path(users):
        from congress import proposal_services, suggestion_services
        from congress.tests.factories import make_delegate, make_session

        session = make_session()
        if kind == "session":
            return f"/congress/sessions/{session.pk}/" + state.replace("public", "")
        if kind == "delegates":
            return f"/congress/terms/{session.term.pk}/delegates/"
        if kind == "appraisal":
            from congress.models import Appraisal

            appraisal = Appraisal.objects.create(term=session.term, title="评议")
            return f"/congress/appraisals/{appraisal.pk}/" + state.replace("public", "")
        if kind == "suggestion":
            suggestion = suggestion_services.submit_suggestion(
                author=users["member"].member, title="建议", content="c", anonymous=state == "anonymous"
            )
            return f"/congress/suggestions/{suggestion.pk}/"
        if kind == "motion":
            from congress.models import AgendaItem, Motion

            item = AgendaItem.objects.create(session=session, title="议程")
            return f"/congress/motions/{Motion.objects.create(agenda_item=item, title='表决').pk}/"
        make_delegate(session.term, users["delegate"].member)
        session.term.min_cosigners = 0
        session.term.save()
        proposal = proposal_services.draft_proposal(
            session=session, proposer=users["delegate"].member, title="t", content="c"
        )
        if state != "draft":
            proposal_services.submit(proposal=proposal, actor=None)
        return f"/congress/proposals/{proposal.pk}/" + ("" if state in ("public", "draft") else state)

    path.__qualname__ = f"/congress/<{kind}:{state}>/"
    return path


def welfare_page(kind, suffix="", owner="member"):
    """A page of a fresh welfare object, e.g. ``welfare_page("file", "edit/")``."""

    def path(users):
        from welfare.tests.factories import welfare_object

        return welfare_object(kind, users, owner).get_absolute_url() + suffix

    path.__qualname__ = f"/welfare/<{kind}:{owner}>/{suffix}"
    return path


def funds_page(kind, suffix="", owner="staff"):
    """A page of a fresh funds object: an expense of ``owner``, its voucher, an adjustment or an audit."""

    def path(users):
        from funds.tests.factories import funds_object

        obj = funds_object(kind, users, owner)
        if kind == "attachment":
            return f"/funds/attachments/{obj.pk}/"
        return obj.get_absolute_url() + suffix

    path.__qualname__ = f"/funds/<{kind}:{owner}>/{suffix}"
    return path


def disclosure_page(state, suffix="", audience="internal", target="item"):
    """A page of a fresh 公开 item in ``state`` (its attachment when target is "attachment")."""

    def path(users):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from disclosure import services
        from disclosure.tests.factories import make_item

        item = make_item("draft", audience=audience, needs_signature=audience == "internal")
        attachment = services.add_attachment(item=item, actor=None, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
        if state != "draft":
            item = make_item_state(item, state)
        if target == "attachment":
            return f"/disclosure/attachments/{attachment.pk}/"
        return f"/disclosure/{item.pk}/" + suffix

    path.__qualname__ = f"/disclosure/<{state}:{audience}>/{target}/{suffix}"
    return path


def make_item_state(item, state):
    from django.utils import timezone

    from disclosure import services

    services.submit(item=item, actor=None)
    if state == "published":
        today = timezone.localdate()
        services.approve(item=item, actor=None, period_start=today, period_end=today)
    return item


ACCESS = [
    # unionportal
    Access("/", LOGGED_IN),
    Access("/healthz", EVERYONE),
    Access("/profile/", {"chair"}),
    # notices (unionportal/notices.py): everyone's own inbox
    Access("/notices/", LOGGED_IN),
    Access("/notices/read/", frozenset(), expect={ANON: 302, **dict.fromkeys(LOGGED_IN, 405)}),
    # workflow buttons (unionportal.workflow.act): POST only, the table says who may press
    Access(workflow_action("proposal", "register"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(workflow_action("item", "approve"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(workflow_action("registration", "cancel"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/accounts/login/", {ANON}, expect={role: 302 for role in ROLES}),
    Access("/accounts/password/", LOGGED_IN),
    Access("/accounts/password/done/", LOGGED_IN),
    Access("/admin/", set(), expect={role: 302 for role in EVERY_ROLE}),
    Access("/documents/", LOGGED_IN),
    Access("/documents/notice/new/", {"chair", "staff"}),
    Access("/documents/notice/addressed/new/", {"chair", "staff"}),
    Access("/documents/annual/", {"chair"}),
    Access(f"/documents/annual/{THIS_YEAR}/", {"chair"}),
    Access(f"/documents/annual/{THIS_YEAR}/preview/", {"chair"}),
    # issue 16: the Word copy of a finished official document is asked for by POST only
    Access(chair_job("word/"), frozenset(), {role: 405 for role in EVERY_ROLE}),
    # members
    Access("/members/", {"chair", "staff", "welfare"}),
    Access("/members/me/", LOGGED_IN),
    Access("/members/me/?year=2025", LOGGED_IN),
    Access(own_member_page("member"), {"chair", "staff", "welfare", "member"}),
    Access(own_member_page("delegate"), {"chair", "staff", "welfare", "delegate"}),
    Access(own_member_page("member", "events/new/"), set(), expect={"chair": 405, "staff": 405}),
    Access("/members/new/", {"chair", "staff"}),
    Access(own_member_page("member", "edit/"), {"chair", "staff"}),
    Access(own_member_page("member", "delete/"), {"chair", "staff"}),
    Access(own_member_page("member", "merge/"), {"chair", "staff"}),
    Access(own_member_page("member", "transfer-letter/"), {"chair", "staff"}),
    Access(own_member_page("member", "retirees-group/"), set(), expect={"chair": 405, "staff": 405}),
    Access("/members/statistics/", {"chair", "staff", "auditor"}),
    Access("/members/print/", {"chair", "staff", "welfare"}),
    Access("/members/print/?status=active&gender=F", {"chair", "staff", "welfare"}),
    Access("/members/export.xlsx", {"chair", "staff", "welfare"}),
    Access("/members/import/", {"chair", "staff"}),
    Access("/members/import/template.xlsx", {"chair", "staff"}),
    Access("/members/import/confirm/", set(), expect={"chair": 405, "staff": 405}),
    Access("/members/dues/", {"chair", "staff", "auditor", "accountant"}),
    Access("/members/dues/?month=2025-05", {"chair", "staff", "auditor", "accountant"}),
    Access("/members/dues/arrears/", {"chair", "staff", "auditor", "accountant"}),
    Access("/members/dues/year/", {"chair", "staff", "auditor", "accountant"}),
    Access("/members/dues/year/?year=2025", {"chair", "staff", "auditor", "accountant"}),
    Access("/members/dues/settings/", {"chair"}),
    Access("/members/dues/open/", set(), expect={"chair": 405, "staff": 405}),
    Access("/members/dues/wage-base/", set(), expect={"chair": 405, "staff": 405}),
    Access("/members/dues/mark-paid/", set(), expect={"chair": 405, "staff": 405}),
    Access("/members/org/", LOGGED_IN),
    Access("/members/org/branches/new/", {"chair", "staff"}),
    Access(org_page("branch", "edit/"), {"chair", "staff"}),
    Access(org_page("branch", "delete/"), set(), expect={"chair": 405, "staff": 405}),
    Access("/members/org/groups/new/", {"chair", "staff"}),
    Access(org_page("group", "edit/"), {"chair", "staff"}),
    Access(org_page("group", "delete/"), set(), expect={"chair": 405, "staff": 405}),
    Access(org_page("group", "dissolve/"), set(), expect={"chair": 405, "staff": 405}),
    Access(org_page("group", "restore/"), set(), expect={"chair": 405, "staff": 405}),
    Access("/members/committees/", LOGGED_IN),
    Access("/members/committees/new/", {"chair", "staff"}),
    Access(org_page("committee"), LOGGED_IN),
    Access(org_page("committee", "edit/"), {"chair", "staff"}),
    Access(org_page("committee", "delete/"), set(), expect={"chair": 405, "staff": 405}),
    Access(org_page("committee", "terms/new/"), {"chair", "staff"}),
    Access(org_page("term", "edit/"), {"chair", "staff"}),
    Access(org_page("term", "seats/new/"), {"chair", "staff"}),
    Access(org_page("seat", "delete/"), set(), expect={"chair": 405, "staff": 405}),
    Access("/members/registration/", {"chair", "staff", "welfare"}),
    Access(org_page("registration"), {"chair", "staff", "welfare"}),
    Access("/members/registration/freeze/", set(), expect={"chair": 405, "staff": 405}),
    # congress
    Access("/congress/", LOGGED_IN),
    Access(congress_page("session"), LOGGED_IN),
    Access(congress_page("session", "attendance/"), {"chair", "staff"}),
    Access(congress_page("session", "quorum/"), LOGGED_IN),
    Access(congress_page("session", "follow-up/"), LOGGED_IN),
    Access(congress_page("session", "motions/new/"), {"chair", "staff"}),
    Access(congress_page("session", "notice/"), {"chair", "staff"}),
    Access(congress_page("session", "proposals/print/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(congress_page("delegates"), LOGGED_IN),
    Access(congress_page("motion"), LOGGED_IN),
    Access("/congress/appraisals/", LOGGED_IN),
    Access("/congress/appraisals/new/", {"chair", "staff"}),
    Access("/congress/terms/new/", {"chair", "staff"}),
    Access("/congress/sessions/new/", {"chair", "staff"}),
    Access(congress_page("appraisal"), LOGGED_IN),
    Access(congress_page("appraisal", "voters/"), {"chair", "staff"}),
    Access(congress_page("appraisal", "vote/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/congress/suggestions/", LOGGED_IN),
    Access("/congress/suggestions/new/", LOGGED_IN),
    Access(congress_page("suggestion", "named"), {"chair", "staff", "delegate", "member"}),
    Access(congress_page("suggestion", "anonymous"), {"chair", "staff", "delegate"}),
    Access("/congress/proposals/", LOGGED_IN),
    # a delegate user with no delegate record for an open term is sent back to the list
    Access("/congress/proposals/new/", {"delegate"}, expect={"delegate": 302}),
    Access(congress_page("proposal"), LOGGED_IN),
    Access(congress_page("proposal", "draft"), {"delegate", "chair", "staff"}),
    Access(congress_page("proposal", "implementation/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    # disclosure
    Access("/disclosure/", EVERYONE),
    Access("/disclosure/?q=x&year=2026&category=1", EVERYONE),
    Access("/disclosure/work/", {"chair", "staff", "handler"}),
    Access("/disclosure/new/", {"chair", "staff", "handler"}),
    Access("/disclosure/categories/", {"chair", "staff"}),
    Access("/disclosure/categories/new/", {"chair", "staff"}),
    Access(disclosure_page("published", audience="public"), EVERYONE),
    Access(disclosure_page("published", "print/", audience="public"), EVERYONE),
    Access(disclosure_page("published", audience="public", target="attachment"), EVERYONE),
    Access(disclosure_page("published"), LOGGED_IN, expect={ANON: 404}),
    Access(disclosure_page("published", "print/"), LOGGED_IN, expect={ANON: 404}),
    Access(disclosure_page("published", "print/pdf/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(disclosure_page("published", target="attachment"), LOGGED_IN, expect={ANON: 404}),
    Access(
        disclosure_page("draft"),
        {"chair", "staff"},
        expect={role: 404 for role in EVERY_ROLE if role not in ("chair", "staff")},
    ),
    Access(
        disclosure_page("pending", target="attachment"),
        {"chair", "staff"},
        expect={role: 404 for role in EVERY_ROLE if role not in ("chair", "staff")},
    ),
    Access(
        disclosure_page("draft", "edit/"),
        {"chair", "staff"},
        expect={"handler": 404},  # a handler of another department
    ),
    Access(disclosure_page("published", "sign/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(disclosure_page("published", "remind/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    # welfare
    Access("/welfare/", {"chair", "welfare", "auditor"}),
    Access("/welfare/files/", {"chair", "welfare"}),
    Access("/welfare/files/new/", {"chair", "welfare"}),
    Access("/welfare/files/export/", {"chair"}),
    Access("/welfare/files/access-log/", {"chair"}),
    Access("/welfare/files/access-log/?person=王&since=2026-01-01&until=2026-12-31", {"chair"}),
    Access(welfare_page("file"), {"chair", "welfare"}),
    Access(welfare_page("file", "edit/"), {"chair", "welfare"}),
    Access(welfare_page("file", "review/"), set(), expect={"chair": 405, "welfare": 405}),
    # a member guessing the id of a file, even of one that does not exist, is refused
    Access("/welfare/files/999999/", set(), expect={"chair": 404, "welfare": 404}),
    Access("/welfare/birthdays/", {"chair", "welfare"}),
    Access("/welfare/applications/", {"chair", "welfare"}),
    Access("/welfare/applications/mine/", LOGGED_IN),
    Access("/welfare/applications/new/", LOGGED_IN),
    Access(welfare_page("application"), {"chair", "welfare", "member"}),
    Access(welfare_page("application", owner="delegate"), {"chair", "welfare", "delegate"}),
    Access(welfare_page("application", "review/"), set(), expect=dict.fromkeys(ROLES, 405)),
    Access(welfare_page("application", "approve/"), set(), expect=dict.fromkeys(ROLES, 405)),
    Access("/welfare/applications/999999/", set(), expect={role: 404 for role in ROLES}),
    Access(welfare_page("application_attachment"), {"chair", "welfare", "member"}),
    Access(welfare_page("application_attachment", "remove/"), set(), expect=dict.fromkeys(ROLES, 405)),
    Access("/welfare/payments/", {"chair", "welfare", "auditor"}),
    Access("/welfare/payments/new/", {"chair", "welfare"}),
    Access("/welfare/payments/999999/cancel/", set(), expect={"chair": 405, "welfare": 405}),
    Access("/welfare/totals/", {"chair", "welfare", "auditor"}),
    Access("/welfare/registers/", {"chair", "welfare"}),
    Access("/welfare/settings/", {"chair"}),
    Access("/welfare/campaigns/", {"chair", "welfare", "staff"}),
    Access("/welfare/campaigns/new/", {"chair", "welfare", "staff"}),
    Access(welfare_page("campaign"), {"chair", "welfare"}),
    Access(welfare_page("campaign", "publish/"), {"chair", "welfare"}),
    Access(welfare_page("campaign", "edit/"), {"chair", "welfare"}),
    Access(welfare_page("campaign", "deliver-all/"), set(), expect={r: 405 for r in ("chair", "welfare", "staff")}),
    Access(welfare_page("campaign", "add-by-rule/"), set(), expect={r: 405 for r in ("chair", "welfare", "staff")}),
    # a universal gift (节日、生日、退休慰问) is not confidential: the union's 委员 organise it
    Access(welfare_page("gift_campaign"), {"chair", "welfare", "staff"}),
    Access(welfare_page("gift_campaign", "publish/"), {"chair", "welfare", "staff"}),
    Access(welfare_page("gift_campaign", "edit/"), {"chair", "welfare", "staff"}),
    Access(
        welfare_page("gift_campaign", "add-by-rule/"), set(), expect={r: 405 for r in ("chair", "welfare", "staff")}
    ),
    Access("/welfare/visits/", {"chair", "welfare"}),
    Access("/welfare/care/", {"chair", "welfare"}),
    Access("/welfare/care/1/withdraw/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/welfare/visits/new/?task=abc", {"chair", "welfare"}),
    Access("/welfare/visits/new/", {"chair", "welfare"}),
    Access("/welfare/drives/", LOGGED_IN),
    Access("/welfare/drives/new/", {"chair", "welfare"}),
    Access(welfare_page("drive"), LOGGED_IN),
    # activities
    Access("/activities/", LOGGED_IN),
    Access("/activities/?when=past", LOGGED_IN),
    Access("/activities/calendar/", LOGGED_IN),
    Access("/activities/new/", {"chair", "staff"}),
    Access("/activities/new/?festival=womens_day", {"chair", "staff"}),
    Access("/activities/honours/", LOGGED_IN),
    Access("/activities/honours/new/", {"chair", "staff"}),
    Access("/activities/notices/", frozenset(), expect=dict.fromkeys(EVERY_ROLE, 301)),  # moved to /notices/
    Access(activity_page(""), LOGGED_IN),
    Access(activity_page("edit/"), {"chair", "staff"}),
    Access(activity_page("participants/"), {"chair", "staff"}),
    Access(activity_page("participants.xlsx"), {"chair", "staff"}),
    Access(activity_page("participants/print/"), {"chair", "staff"}),
    Access(activity_page("participants/pdf/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(activity_page("results/"), {"chair", "staff"}),
    Access(activity_page("team/", is_team_event=True), {"chair", "staff"}),
    Access(activity_page("check-in/{code}/"), LOGGED_IN),
    Access(activity_page("sign-up/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(activity_page("participants/0/tick/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(activity_page("participants/0/cancel/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(activity_page("door/"), {"chair", "staff"}),
    # accounts: logins, one-time codes, roles and the first run
    Access("/accounts/activate/", EVERYONE),
    Access("/accounts/activate/?login=member&code=AAAA-AAAA", EVERYONE),
    Access("/accounts/reset/", EVERYONE),
    Access("/accounts/link/", {"chair", "staff"}),
    Access("/accounts/members/", {"chair", "staff"}),
    Access("/accounts/members/?login=none&status=active", {"chair", "staff"}),
    Access("/accounts/members/open/", set(), expect={"chair": 405, "staff": 405}),
    Access("/accounts/members/slips/", set(), expect={"chair": 405, "staff": 405}),
    Access("/accounts/members/codes.xlsx", set(), expect={"chair": 405, "staff": 405}),
    Access(account_page("member"), {"chair", "staff"}),
    Access(account_page("member", "code/"), set(), expect={"chair": 405, "staff": 405}),
    Access(account_page("member", "close/"), set(), expect={"chair": 405, "staff": 405}),
    Access(account_page("member", "reopen/"), set(), expect={"chair": 405, "staff": 405}),
    Access("/accounts/roles/", {"chair"}),
    Access(account_page("staff", "staff/withdraw/", prefix="/accounts/roles/"), set(), expect={"chair": 405}),
    # the setup pages: a database with logins has its administrator; the first step moves on to the next
    Access("/setup/", EVERYONE, expect={role: 302 for role in EVERY_ROLE}),
    Access("/setup/union/", set()),
    Access("/setup/chair/", set()),
    Access("/setup/org/", set()),
    Access("/setup/done/", set()),
    # person pickers' search (issue 15)
    Access("/members/pick/?q=zh&scope=active", {"chair", "staff", "welfare"}),
    Access(dues_page("pay/"), set(), expect={"chair": 405, "staff": 405}),
    Access(dues_page("correct/"), {"chair", "staff"}),
    Access("/members/dues/export.xlsx?month=2025-05", {"chair", "staff", "auditor", "accountant"}),
    Access("/members/dues/arrears.xlsx", {"chair", "staff", "auditor", "accountant"}),
    # funds: the books are read by the chair, the accountant and the 经审; 经办人 (staff, welfare) see their own
    Access("/funds/", {"chair", "accountant", "auditor", "staff", "welfare"}),
    Access("/funds/?year=2025", {"chair", "accountant", "auditor", "staff", "welfare"}),
    Access("/funds/?year=x", {"chair", "accountant", "auditor", "staff", "welfare"}),  # ignored, with a note
    Access("/funds/settings/", {"chair", "accountant"}),
    Access("/funds/chart/", {"chair", "accountant"}),
    Access("/funds/chart/accounts/new/", {"chair", "accountant"}),
    Access("/funds/chart/accounts/1/", {"chair", "accountant"}),
    Access("/funds/chart/accounts/1/delete/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/funds/chart/funds/new/", {"chair", "accountant"}),
    Access("/funds/chart/funds/1/", {"chair", "accountant"}),
    Access("/funds/chart/funds/1/delete/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/funds/expenses/", {"chair", "accountant", "auditor"}),
    Access("/funds/expenses/?status=paid&year=2025", {"chair", "accountant", "auditor"}),
    Access("/funds/expenses/mine/", {"chair", "accountant", "staff", "welfare"}),
    Access("/funds/expenses/new/", {"chair", "accountant", "staff", "welfare"}),
    Access(funds_page("expense"), {"chair", "accountant", "auditor", "staff"}),
    Access(funds_page("expense", owner="welfare"), {"chair", "accountant", "auditor", "welfare"}),
    Access(funds_page("expense", "review/"), set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(funds_page("attachment"), {"chair", "accountant", "auditor", "staff"}),
    Access(
        "/funds/expenses/999999/",
        set(),
        expect={"chair": 404, "accountant": 404, "auditor": 404, "staff": 404, "welfare": 404},
    ),
    Access("/funds/income/new/", {"accountant"}),
    Access("/funds/income/dues/", {"accountant"}),
    Access("/funds/income/allocation/", {"accountant"}),
    Access("/funds/ledger/", {"chair", "accountant", "auditor"}),
    Access("/funds/ledger/?month=2025-03&account=1", {"chair", "accountant", "auditor"}),
    Access("/funds/ledger.xlsx", {"chair", "accountant", "auditor"}),
    Access(funds_page("entry"), {"chair", "accountant", "auditor"}),
    Access("/funds/budget/", {"chair", "accountant", "auditor"}),
    Access("/funds/budget/new/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(f"/funds/budget/{THIS_YEAR}/adopt/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access(funds_page("adjustment"), {"chair", "accountant", "auditor"}),
    Access("/funds/reports/execution/", {"chair", "accountant", "auditor"}),
    Access("/funds/reports/execution.xlsx", {"chair", "accountant", "auditor"}),
    Access("/funds/reports/final/", {"chair", "accountant", "auditor"}),
    Access("/funds/reports/final.xlsx?year=2025", {"chair", "accountant", "auditor"}),
    Access("/funds/print/funds_execution/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/funds/publish/", set(), expect={role: 405 for role in EVERY_ROLE}),
    Access("/funds/audits/", {"chair", "accountant", "auditor"}),
    Access("/funds/audits/new/", {"auditor"}),
    Access(funds_page("audit"), {"chair", "accountant", "auditor"}),
    Access(funds_page("audit", "finish/"), set(), expect={role: 405 for role in EVERY_ROLE}),
]


# congress between sessions: bodies, meetings, delegate groups (issue 18)
def between_sessions_page(kind, suffix=""):
    """A page of a fresh 提案工作委员会 term without seats (no role holds one), its meeting, a delegate group or
    an election."""

    def path(users):
        import datetime

        from congress import bodies
        from congress.models import DelegateGroup
        from congress.tests.factories import make_term
        from members.models import Committee, CommitteeTerm

        if kind == "election":
            from congress.models import Election

            election = Election.objects.create(
                title="选举", kind="committee", seats=1, held_on=datetime.date(2026, 1, 1)
            )
            return f"/congress/elections/{election.pk}/{suffix}"
        if kind == "election":
            from congress.models import Election

            election = Election.objects.create(
                title="选举", kind="committee", seats=1, held_on=datetime.date(2026, 1, 1)
            )
            return f"/congress/elections/{election.pk}/{suffix}"
        if kind == "group":
            group = DelegateGroup.objects.create(term=make_term(), name="第一代表组")
            return f"/congress/terms/{group.term_id}/groups/" + suffix.replace("<group>", str(group.pk))
        committee = Committee.objects.create(name="提案工作委员会", kind=Committee.Kind.PROPOSALS)
        term = CommitteeTerm.objects.create(committee=committee, number=1, starts_on=datetime.date(2024, 1, 1))
        if kind == "body":
            return f"/congress/bodies/{term.pk}/{suffix}"
        meeting = bodies.hold_meeting(term=term, held_on=datetime.date(2024, 3, 1))
        return f"/congress/meetings/{meeting.pk}/" + suffix

    path.__qualname__ = f"/congress/<{kind}>/{suffix}"
    return path


POST_ONLY = {role: 405 for role in EVERY_ROLE}
ACCESS += [
    Access("/congress/bodies/", LOGGED_IN),
    Access(between_sessions_page("body", "meetings/new/"), {"chair", "staff"}),
    Access(between_sessions_page("meeting"), LOGGED_IN),
    Access(between_sessions_page("meeting", "minutes/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("meeting", "decisions/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("meeting", "proposals/1/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("group"), LOGGED_IN),
    Access(between_sessions_page("group", "new/"), {"chair", "staff"}),
    Access(between_sessions_page("group", "<group>/edit/"), {"chair", "staff"}),
    Access("/congress/elections/", LOGGED_IN),
    Access("/congress/elections/new/", {"chair", "staff"}),
    Access(between_sessions_page("election"), LOGGED_IN),
    Access(between_sessions_page("election", "voters/"), {"chair", "staff"}),
    Access(between_sessions_page("election", "nominate/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("election", "vote/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("election", "next-round/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("election", "open/"), set(), expect=POST_ONLY),
    Access(activity_page("funds/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("election", "tellers/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("election", "paper-count/"), set()),  # its tellers only; none named here
    Access(between_sessions_page("election", "paper-count/confirm/"), set(), expect=POST_ONLY),
    Access(between_sessions_page("election", "result/"), set(), expect={role: 404 for role in ROLES}),  # not counted
]


def contracts_page(suffix="", kind="enterprise"):
    """A collective contracts page of an enterprise union (schools do not sign by default): the list, or a
    fresh contract's page."""

    def path(users):
        from contracts.models import CollectiveContract
        from unionportal.models import UnionProfile

        UnionProfile(name="公司工会", kind=kind).save()
        if suffix.startswith("<contract>"):
            contract = CollectiveContract.objects.create(title="集体合同")
            return f"/contracts/{contract.pk}/" + suffix.removeprefix("<contract>")
        return "/contracts/" + suffix

    path.__qualname__ = f"/contracts/<{kind}>/{suffix}"
    return path


ACCESS += [
    Access(contracts_page(kind="school"), set()),
    Access(contracts_page(), LOGGED_IN),
    Access(contracts_page("new/"), {"chair", "staff"}),
    Access(contracts_page("<contract>"), LOGGED_IN),
    Access(contracts_page("<contract>inspections/new/"), {"chair", "staff", "delegate"}),
    Access(contracts_page("<contract>clauses/"), set(), expect=POST_ONLY),
    Access(contracts_page("<contract>rounds/"), set(), expect=POST_ONLY),
    Access(contracts_page("<contract>renew/"), set(), expect=POST_ONLY),
    Access(contracts_page("<contract>negotiate/"), set(), expect=POST_ONLY),
    Access(contracts_page("<contract>print/"), set(), expect=POST_ONLY),
    Access(contracts_page("inspections/1/print/"), set(), expect=POST_ONLY),
    Access(contracts_page("clauses/1/"), set(), expect=POST_ONLY),
    Access(contracts_page("clauses/1/remove/"), set(), expect=POST_ONLY),
]
