"""Tests generated from every transition table (unionportal.workflow): no dead ends, buttons exactly for
the roles a row allows, and every notifying row tells the people it names and nobody else.

Each table needs a maker below: an object of the table's model in a given state, with what its rows'
predicates look at (a proposal assigned to the handler's department, an item of his department, …)."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from conftest import ROLES
from unionportal import workflow
from unionportal.notices import Notice, recipients_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _department(users):
    from members.models import Department

    department, _new = Department.objects.get_or_create(name="教务处", defaults={"head": users["handler"].member})
    users["handler"].member.department = department
    users["handler"].member.save()
    return department


def make_item(users, state):
    from disclosure.models import Category, DisclosureItem

    past = state in ("closed", "archived")
    category, _new = Category.objects.get_or_create(name="财务", defaults={"cadence": Category.Cadence.PROMPT})
    return DisclosureItem.objects.create(
        category=category,
        title="财务收支",
        body="收支",
        status=state,
        department=_department(users),
        created_by=users["handler"],
        period_start=TODAY - datetime.timedelta(days=10 if past else 0),
        period_end=TODAY - datetime.timedelta(days=3) if past else TODAY + datetime.timedelta(days=6),
    )


def make_proposal(users, state):
    from congress.models import CongressTerm, Delegate, Proposal, ProposalCoSigner, Session

    term, _new = CongressTerm.objects.get_or_create(number=4, defaults={"start_year": 2024, "end_year": 2028})
    session, _new = Session.objects.get_or_create(term=term, number=1, defaults={"starts_on": TODAY, "ends_on": TODAY})
    proposer = users["delegate"].member
    Delegate.objects.get_or_create(term=term, member=proposer)
    proposal = Proposal.objects.create(
        session=session,
        proposer=proposer,
        title="改善食堂",
        content="内容",
        status=state,
        number=1,
        lead_department=_department(users),
        deadline=TODAY + datetime.timedelta(days=20),
        rating="satisfied" if state in ("rated", "closed") else "",
    )
    ProposalCoSigner.objects.create(proposal=proposal, member=users["member"].member)
    return proposal


def make_application(users, state):
    from welfare.models import Application

    return Application.objects.create(
        member=users["member"].member,
        applied_by=users["member"],
        reason="住院",
        amount_requested=Decimal("1000"),
        amount_approved=Decimal("1000") if state in ("approved", "paid") else None,
        status=state,
    )


def make_registration(users, state):
    from activities.models import Event, Registration

    start = timezone.now() + datetime.timedelta(days=7)
    event = Event.objects.create(title="登山", starts_at=start, ends_at=start, place="山", capacity=3)
    return Registration.objects.create(event=event, member=users["member"].member, status=state, position=1)


def make_expense(users, state):
    from funds.models import Account, Expense, Fund

    return Expense.objects.create(
        year=TODAY.year,
        requester=users["staff"],
        account=Account.objects.get(code="20102"),
        fund=Fund.objects.get(name="工会经费"),
        amount=Decimal("100.00"),
        purpose="运动会奖品",
        payee="文体用品店",
        is_goods=True,
        status=state,
    )


def make_budget(users, state):
    from funds.models import Budget

    return Budget.objects.create(year=TODAY.year, status=state)


def make_adjustment(users, state):
    from funds.models import Adjustment, Budget

    budget, _new = Budget.objects.get_or_create(year=TODAY.year, defaults={"status": Budget.Status.EXECUTING})
    return Adjustment.objects.create(budget=budget, reason="调增", status=state, created_by=users["accountant"])


def make_election(users, state):
    """A committee by-election voted by all members; counted with the delegate user elected."""
    from congress.models import Candidate, Election

    election = Election.objects.create(
        title="增补委员", kind="by_election", electorate="members", seats=1, held_on=TODAY, status=state, entitled=8
    )
    Candidate.objects.create(election=election, member=users["delegate"].member, elected=state != "nominating")
    return election


def make_contract(users, state):
    """A collective contract of a company union, its review period over and its term run out, so that
    every row's own condition holds and only the state and the role decide."""
    from contracts.models import CollectiveContract
    from unionportal.models import UnionProfile

    UnionProfile(name="公司工会", kind="enterprise").save()
    contract = CollectiveContract.objects.create(
        title="工资专项集体合同",
        status=state,
        signed_on=TODAY - datetime.timedelta(days=400),
        filed_on=TODAY - datetime.timedelta(days=395),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    contract.clauses.create(number=1, text="工资增长不低于5%。")
    contract.rounds.create(number=1, held_on=TODAY, union_party="工会", employer_party="企业")
    return contract


def make_job(users, state):
    """A notice the staff user printed; a failure another try may cure."""
    from unionportal.documents.models import Job

    return Job.objects.create(owner=users["staff"], kind="notice", title="通知", status=state)


def _session_with_quorum(users):
    """A session of the congress where the delegate and the chair are delegates, both present."""
    from congress.models import Attendance, CongressTerm, Delegate, Session

    term, _new = CongressTerm.objects.get_or_create(number=4, defaults={"start_year": 2024, "end_year": 2028})
    session, _new = Session.objects.get_or_create(term=term, number=1, defaults={"starts_on": TODAY, "ends_on": TODAY})
    for role in ("delegate", "chair"):
        Delegate.objects.get_or_create(term=term, member=users[role].member)
        Attendance.objects.get_or_create(session=session, member=users[role].member, defaults={"kind": "present"})
    return session


def make_motion(users, state):
    """A secret ballot on the session's agenda (a show of hands has only 录入表决结果)."""
    from congress.models import AgendaItem, Motion

    item = AgendaItem.objects.create(session=_session_with_quorum(users), title="审议工作报告")
    opened = state != "draft"
    return Motion.objects.create(
        agenda_item=item,
        title="通过工作报告",
        status=state,
        opened_at=timezone.now() if opened else None,
        delegates_total=2 if opened else None,
        delegates_present=2 if opened else None,
    )


def make_appraisal(users, state):
    """The delegates appraise the chair."""
    from congress.models import Appraisal

    session = _session_with_quorum(users)
    appraisal = Appraisal.objects.create(term=session.term, title="领导班子民主评议", status=state)
    appraisal.appraisees.create(member=users["chair"].member, post="主席")
    return appraisal


def make_suggestion(users, state):
    """A member's named suggestion; a delegate of a term with a session to come may raise it."""
    from congress.models import Suggestion

    _session_with_quorum(users)
    return Suggestion.objects.create(
        author=users["member"].member,
        title="增设自行车棚",
        content="内容",
        submitted_on=TODAY,
        status=state,
        answer="已安排" if state == "answered" else "",
    )


def make_invitation(users, state):
    """The member user's invitation to co-sign the delegate's proposal, which is still collecting co-signers."""
    proposal = make_proposal(users, "collecting")
    invitation = proposal.cosigners.get()
    invitation.status = state
    invitation.save()
    return invitation


def pages(obj, user):
    """Where a user meets the object's buttons: its page, and for staff a sign-up's participants list."""
    urls = [obj.get_absolute_url()]
    if obj._meta.label == "activities.Registration" and user.has_perm("activities.manage_event"):
        urls.append(f"/activities/{obj.event_id}/participants/")
    return urls


MAKERS = {
    "disclosure.DisclosureItem": make_item,
    "congress.Proposal": make_proposal,
    "welfare.Application": make_application,
    "activities.Registration": make_registration,
    "funds.Expense": make_expense,
    "funds.Budget": make_budget,
    "funds.Adjustment": make_adjustment,
    "congress.Election": make_election,
    "contracts.CollectiveContract": make_contract,
    "documents.Job": make_job,
    "congress.Motion": make_motion,
    "congress.Appraisal": make_appraisal,
    "congress.Suggestion": make_suggestion,
    "congress.ProposalCoSigner": make_invitation,
}
FLOWS = {str(flow): flow for flow in workflow.workflows()}


def test_every_table_has_a_maker_here():
    assert set(FLOWS) == set(MAKERS)


@pytest.mark.parametrize("flow", FLOWS)
def test_every_state_short_of_the_end_has_an_action_some_role_may_press(flow, users):
    table = FLOWS[flow]
    for state, label in table.states:
        if state in table.final:
            continue
        if state in table.moved_by_system:  # a worker or a beat task moves on from here, not a person
            assert any(state in action.sources for action in table.actions), f"{flow}: stuck in “{label}”"
            continue
        obj = MAKERS[flow](users, state)
        pressed = {b.action.name for role in ROLES for b in workflow.buttons(obj, users[role])}
        assert pressed, f"{flow}: nobody can move on from “{label}”"
        type(obj).objects.all().delete()


@pytest.mark.parametrize("flow", FLOWS)
def test_each_button_appears_exactly_for_the_roles_the_table_allows(flow, users, client):
    table = FLOWS[flow]
    for state, _label in table.states:
        obj = MAKERS[flow](users, state)
        for role in ROLES:
            allowed = {a.name for a in table.actions if table.refusal(a, obj, users[role]) is None}
            client.force_login(users[role])
            responses = [client.get(url) for url in pages(obj, users[role])]
            page = "".join(r.content.decode() for r in responses if r.status_code == 200)
            shown = {a.name for a in table.actions if f'data-action="{a.name}"' in page}
            assert shown == allowed, f"{flow} “{state}” as {role}"
        type(obj).objects.all().delete()


NOTIFYING = [(name, action.name) for name, flow in FLOWS.items() for action in flow.actions if action.notify]


@pytest.mark.parametrize(("flow", "action"), NOTIFYING)
def test_a_notifying_action_tells_the_people_it_names_and_nobody_else(flow, action, users):
    table = FLOWS[flow]
    row = table.table[action]
    obj = MAKERS[flow](users, sorted(row.sources)[0])
    if flow == "congress.Proposal" and action == "merge":
        obj.merged_into = type(obj).objects.create(
            session=obj.session, proposer=obj.proposer, title="合并", content="内容", status="registered"
        )
    if row.target is not None:  # the notices go out after the move, to whoever may open it then
        setattr(obj, table.state_field, row.target)
    Notice.objects.all().delete()
    named = recipients_of(row.notify(obj))
    assert named, f"{flow}.{action} names nobody"
    # the people named who may open the object, each once; whoever may not is not told of it
    entitled = {u.pk for u in named if not table.view_permission or u.has_perm(table.view_permission, obj)}
    assert entitled, f"{flow}.{action} names only people who may not open it"
    told = table.tell(row, obj, actor=None)
    assert sorted(n.recipient_id for n in told) == sorted(entitled)
    assert set(Notice.objects.values_list("recipient", flat=True)) == entitled


def _steps(table, obj):
    return table.steps.objects.filter(**{table.step_fk: obj}).count()


def _log_in_a_viewer(obj, users, client):
    """Log in a role that may open the object's page (the chair first: she opens most)."""
    for role in sorted(ROLES, key=lambda role: role != "chair"):
        client.force_login(users[role])
        if client.get(obj.get_absolute_url()).status_code == 200:
            return role
    raise AssertionError(f"nobody may open {obj}")


def _pressed(table, obj, action, users, client, *, seen):
    """Press the action's button as one who may open the page, from a page that showed ``seen``."""
    _log_in_a_viewer(obj, users, client)
    before = (table.state_of(obj), _steps(table, obj))
    response = client.post(table.action_url(obj, action.name), {"state": seen}, follow=True)
    obj.refresh_from_db()
    assert (table.state_of(obj), _steps(table, obj)) == before, f"{table}.{action.name} changed {obj}"
    return response.content.decode()


@pytest.mark.parametrize("flow", FLOWS)
def test_a_button_pressed_in_the_wrong_state_or_on_a_stale_page_is_told_and_changes_nothing(flow, users, client):
    table = FLOWS[flow]
    states = dict(table.states)
    for action in table.actions:
        wrong = next((state for state in states if state not in action.sources), None)
        if wrong is not None:
            obj = MAKERS[flow](users, wrong)
            page = _pressed(table, obj, action, users, client, seen=wrong)
            assert f"现在是“{states[wrong]}”，不能{action.label}" in page, f"{flow}.{action.name} in {wrong}"
            type(obj).objects.all().delete()
        source = sorted(action.sources)[0]
        obj = MAKERS[flow](users, source)
        other = next(state for state in states if state != source)
        page = _pressed(table, obj, action, users, client, seen=other)
        assert f"已被他人处理，现在是“{states[source]}”" in page, f"{flow}.{action.name} seen as {other}"
        type(obj).objects.all().delete()


@pytest.mark.parametrize("flow", FLOWS)
def test_a_button_posted_for_a_forged_object_finds_nothing(flow, users, client):
    """Not found, or (for a role without the app's list) not allowed: never a move."""
    table = FLOWS[flow]
    forged = uuid.uuid4() if isinstance(table.model._meta.pk, models.UUIDField) else 999_999
    for role in ROLES:
        client.force_login(users[role])
        for action in table.actions:
            url = reverse(table.url_name, args=[forged, action.name])
            assert client.post(url, {"state": sorted(action.sources)[0]}).status_code in (403, 404), f"{url} as {role}"
