"""Seed the congress between its sessions and the collective contracts: bodies (主席团, a 专门委员会, the
联席会议) with seats and ``sizes.body_meetings`` meetings each, with attendance and numbered decisions;
``sizes.elections`` committee elections of the current term in every state, the counted ones with
their receipts, tallies, tellers and a confirmed paper count; and ``sizes.contracts`` collective contracts
in every state with clauses and negotiation rounds (the union signs them, so the menu shows them).

The 提案工作委员会 and 公开领导小组 are left out on purpose: setting them up moves 立案 and 预审 from union
staff to their members, which would change the other benched pages."""

import datetime
import random

from django.utils import timezone

from congress.models import (
    BodyMeeting,
    Candidate,
    CongressTerm,
    Delegate,
    Election,
    ElectionReceipt,
    ElectionTally,
    MeetingDecision,
    PaperCount,
    Teller,
)
from contracts.models import Clause, CollectiveContract, NegotiationRound
from members.models import Committee, CommitteeSeat, CommitteeTerm
from unionportal.models import UnionProfile

from .seed import BATCH

BODIES = [
    ("主席团", Committee.Kind.PRESIDIUM),
    ("民主评议监督委员会", Committee.Kind.SPECIAL),
    ("联席会议", Committee.Kind.JOINT),
]
SEATS = 9
CANDIDATES = 6
E = Election.Status
ELECTION_STATES = {E.COUNTED: 60, E.VOID: 5, E.NOMINATING: 20, E.VOTING: 15}
C = CollectiveContract.Status
CONTRACT_STATES = {
    C.EXPIRED: 30,
    C.EFFECTIVE: 25,
    C.FILED: 5,
    C.SIGNED: 5,
    C.REVIEW: 10,
    C.NEGOTIATING: 15,
    C.DRAFT: 10,
}


def _bodies(sizes, members, rng, today):
    """Each body's current term, its seats and meetings; returns (meetings, decisions)."""
    starts = today - datetime.timedelta(days=365 * sizes.years)
    meetings = []
    for order, (name, kind) in enumerate(BODIES):
        committee = Committee.objects.create(name=name, kind=kind, quorum=Committee.Quorum.HALF, sort_order=order)
        term = CommitteeTerm.objects.create(committee=committee, number=1, starts_on=starts)
        seated = rng.sample(members, SEATS)
        CommitteeSeat.objects.bulk_create(
            CommitteeSeat(term=term, member_id=m, post="主任" if n == 0 else "委员", sort_order=n)
            for n, m in enumerate(seated)
        )
        for number in range(1, sizes.body_meetings + 1):
            held = starts + datetime.timedelta(days=number * (today - starts).days // (sizes.body_meetings + 1))
            meetings.append((BodyMeeting(term=term, number=number, held_on=held, place="工会会议室"), seated))
    BodyMeeting.objects.bulk_create([m for m, _ in meetings], batch_size=BATCH)
    Attendance = BodyMeeting.attendees.through
    Attendance.objects.bulk_create(
        [Attendance(bodymeeting_id=m.pk, member_id=p) for m, seated in meetings for p in seated[: SEATS - 2]],
        batch_size=BATCH,
    )
    decisions = [
        MeetingDecision(meeting=m, number=n, text=f"审议通过第{n}项工作安排。") for m, _ in meetings for n in (1, 2)
    ]
    MeetingDecision.objects.bulk_create(decisions, batch_size=BATCH)
    return len(meetings), len(decisions)


def _elections(sizes, members, rng, today):
    """Committee elections by the current term's delegates; a counted one has every voter's receipt and
    its tallies (the voters' marks drawn at random), two tellers, and a confirmed paper count when mixed."""
    term = CongressTerm.objects.order_by("-start_year").first()
    voters = list(Delegate.objects.filter(term=term, active=True).values_list("member_id", flat=True))
    union, _new = Committee.objects.get_or_create(name="工会委员会", defaults={"kind": Committee.Kind.UNION})
    board = CommitteeTerm.objects.create(committee=union, number=1, starts_on=today - datetime.timedelta(days=30))
    elections = Election.objects.bulk_create(
        Election(
            title=f"工会委员会增补选举（第{n}次）",
            kind=Election.Kind.BY_ELECTION,
            electorate=Election.Electorate.DELEGATES,
            congress_term=term,
            committee_term=board,
            seats=2,
            competitive=True,
            mode=Election.Mode.BOTH if n % 4 == 0 else Election.Mode.ONLINE,
            held_on=today - datetime.timedelta(days=n),
            status=rng.choices(list(ELECTION_STATES), weights=list(ELECTION_STATES.values()))[0],
            entitled=len(voters),
        )
        for n in range(1, sizes.elections + 1)
    )
    candidates = Candidate.objects.bulk_create(
        [
            Candidate(election=e, member_id=m, nominated_by="代表联名提名")
            for e in elections
            for m in rng.sample(members, CANDIDATES)
        ],
        batch_size=BATCH,
    )
    by_election = {}
    for candidate in candidates:
        by_election.setdefault(candidate.election_id, []).append(candidate)
    receipts, tallies, tellers, counts = [], [], [], []
    for election in elections:
        if election.status == E.NOMINATING:
            continue
        running = by_election[election.pk]
        marks = {c.pk: 0 for c in running}
        voted = voters if election.status != E.VOID else voters[: len(voters) // 2]
        for member_id in voted:
            receipts.append(ElectionReceipt(election=election, member_id=member_id))
            for chosen in rng.sample(running, 2):
                marks[chosen.pk] += 1
        tallies += [ElectionTally(candidate_id=pk, count=n) for pk, n in marks.items()]
        others = [m for m in members if m not in {c.member_id for c in running}]
        tellers += [
            Teller(election=election, member_id=others[0], role=Teller.Role.SCRUTINEER),
            Teller(election=election, member_id=others[1], role=Teller.Role.COUNTER),
        ]
        if election.mode == Election.Mode.BOTH:
            counts.append(
                PaperCount(election=election, issued=0, returned=0, entered_by_id=others[1], confirmed_by_id=others[0])
            )
        if election.status in (E.COUNTED, E.VOID):
            Election.objects.filter(pk=election.pk).update(ballots=len(voted))
            ranked = sorted(marks.items(), key=lambda item: -item[1])
            for place, (pk, votes) in enumerate(ranked):
                elected = election.status == E.COUNTED and place < election.seats and votes * 2 > len(voters)
                Candidate.objects.filter(pk=pk).update(votes=votes, paper_votes=0, elected=elected)
    ElectionReceipt.objects.bulk_create(receipts, batch_size=BATCH)
    ElectionTally.objects.bulk_create(tallies, batch_size=BATCH)
    Teller.objects.bulk_create(tellers, batch_size=BATCH)
    PaperCount.objects.bulk_create(counts, batch_size=BATCH)
    return len(elections), len(receipts)


def _contracts(sizes, rng, today):
    profile = UnionProfile.load()
    profile.collective_contracts = True
    profile.save()
    contracts = []
    for n in range(1, sizes.contracts + 1):
        status = rng.choices(list(CONTRACT_STATES), weights=list(CONTRACT_STATES.values()))[0]
        signed = status in (C.SIGNED, C.FILED, C.EFFECTIVE, C.EXPIRED)
        starts = today - datetime.timedelta(days=365 * (3 if status == C.EXPIRED else 1))
        contracts.append(
            CollectiveContract(
                kind=rng.choice(CollectiveContract.Kind.values),
                title=f"{today.year - n % sizes.years}年集体合同（第{n}号）",
                status=status,
                signed_on=starts if signed else None,
                starts_on=starts if signed else None,
                ends_on=starts + datetime.timedelta(days=730) if signed else None,
                union_signatory="工会主席" if signed else "",
                employer_signatory="总经理" if signed else "",
                filed_on=starts + datetime.timedelta(days=5) if status in (C.FILED, C.EFFECTIVE, C.EXPIRED) else None,
                effective_on=starts + datetime.timedelta(days=20) if status in (C.EFFECTIVE, C.EXPIRED) else None,
            )
        )
    contracts = CollectiveContract.objects.bulk_create(contracts, batch_size=BATCH)
    clauses = [
        Clause(contract=c, number=k, text=f"第{k}条：双方约定的劳动标准。") for c in contracts for k in range(1, 21)
    ]
    Clause.objects.bulk_create(clauses, batch_size=BATCH)
    rounds = [
        NegotiationRound(
            contract=c,
            number=k,
            held_on=today - datetime.timedelta(days=400 - 10 * k),
            union_party="工会主席等5人",
            employer_party="总经理等5人",
            minutes="就条款达成一致。",
        )  # fmt: skip
        for c in contracts
        if c.status != C.DRAFT
        for k in (1, 2)
    ]
    NegotiationRound.objects.bulk_create(rounds, batch_size=BATCH)
    return len(contracts), len(clauses)


def seed_between_sessions(sizes, context):
    rng = random.Random(6)
    today = timezone.localdate()
    members = context["members"]
    meetings, decisions = _bodies(sizes, members, rng, today)
    elections, receipts = _elections(sizes, members, rng, today)
    contracts, clauses = _contracts(sizes, rng, today)
    return (
        f"{len(BODIES)} bodies, {meetings:,} meetings ({decisions:,} decisions), {elections:,} elections "
        f"({receipts:,} receipts), {contracts:,} contracts ({clauses:,} clauses)"
    )
