"""Seed the staff congress: terms of three years, one session a year with agenda, attendance,
proposals (with co-signers) in every state, closed secret motions and appraisals with their
ballots, suggestions; and, in the current session, the open motion and the open appraisal
the ballot race targets, with ``sizes.voters`` delegates who have logins, and a second open
secret ballot for congress day (bench/congress_day.py)."""

import datetime
import random

from django.utils import timezone

from congress.models import (
    AgendaItem,
    Appraisal,
    AppraisalReceipt,
    AppraisalTally,
    Appraisee,
    Attendance,
    BallotReceipt,
    BallotTally,
    CongressTerm,
    Delegate,
    DelegateGroup,
    Motion,
    Proposal,
    ProposalCoSigner,
    Session,
    Suggestion,
)
from congress.motion_services import open_motion
from members.models import Member
from unionportal.roles import Role

from .seed import BATCH, bulk_users, link_logins

S = Proposal.Status
TERM_YEARS = 3
SUBJECTS = ["食堂", "课时", "职称评审", "绩效", "校园安全", "停车"]
APPRAISEES = 10
PUBLISHED = datetime.time(17)  # a closed appraisal's result: out at the end of its session's last day
# the states of a past session's proposals and of the current one's, with their weights
PAST_STATES = {S.CLOSED: 80, S.REJECTED: 12, S.MERGED: 8}
CURRENT_STATES = {
    S.DRAFT: 5,
    S.COLLECTING: 5,
    S.SUBMITTED: 15,
    S.REGISTERED: 10,
    S.ASSIGNED: 25,
    S.REPLIED: 15,
    S.RATED: 10,
    S.CLOSED: 10,
    S.REJECTED: 5,
}


def _terms(sizes, this_year):
    first = this_year - sizes.years + 1
    starts = range(first, this_year + 1, TERM_YEARS)
    return CongressTerm.objects.bulk_create(
        [CongressTerm(number=n, start_year=y, end_year=y + TERM_YEARS - 1) for n, y in enumerate(starts, start=1)]
    )


def _delegates(sizes, context, terms, rng):
    """Each term's delegates; the current term's first ``sizes.voters`` are the voters with logins."""
    linked = context["linked"]
    voter_ids = context["members"][linked : linked + sizes.voters]
    pool = list(Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True).values_list("pk", flat=True))
    rows = []
    for term in terms:
        groups = DelegateGroup.objects.bulk_create(
            DelegateGroup(term=term, name=f"代表组{n}", sort_order=n) for n in range(1, 9)
        )
        chosen = set(voter_ids) if term == terms[-1] else set()
        others = [pk for pk in pool if pk not in chosen]
        chosen |= set(rng.sample(others, min(len(others), max(0, sizes.delegates - len(chosen)))))
        ordered = [*voter_ids, *sorted(chosen - set(voter_ids))] if term == terms[-1] else sorted(chosen)
        rows += [
            Delegate(
                term=term,
                member_id=pk,
                group=groups[i % 8],
                is_front_line=rng.random() < 0.7,
                is_leader=rng.random() < 0.15,
            )
            for i, pk in enumerate(ordered)
        ]
    delegates = Delegate.objects.bulk_create(rows, batch_size=BATCH)
    voters = bulk_users(
        [f"bench-delegate-{i:04d}" for i in range(len(voter_ids))], roles=[Role.DELEGATE], password=context["password"]
    )
    link_logins(list(Member.objects.filter(pk__in=voter_ids).order_by("pk")), voters)
    context["linked"] = linked + len(voters)
    by_term = {}
    for delegate in delegates:
        by_term.setdefault(delegate.term_id, []).append(delegate)
    return by_term, voters


def _sessions(terms, this_year, today):
    rows = []
    for term in terms:
        for number, year in enumerate(range(term.start_year, min(term.end_year, this_year) + 1), start=1):
            starts = min(datetime.date(year, 3, 20), today)
            opens = timezone.make_aware(datetime.datetime(year, 2, 1))
            rows.append(
                Session(
                    term=term,
                    number=number,
                    title=f"第{term.number}届第{number}次教代会",
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=1),
                    proposals_open_at=opens,
                    proposals_close_at=opens + datetime.timedelta(days=40),
                )
            )
    return Session.objects.bulk_create(rows)


def _proposals(sizes, sessions, delegates, departments, rng, now):
    proposals, cosigners = [], []
    for session in sessions:
        states = CURRENT_STATES if session == sessions[-1] else PAST_STATES
        members = [d.member_id for d in delegates[session.term_id]]
        number = 0
        for i in range(sizes.proposals_per_session):
            status = rng.choices(list(states), weights=list(states.values()))[0]
            accepted = status in Proposal.ACCEPTED
            number += accepted
            replied = status in {S.REPLIED, S.RATED, S.CLOSED}
            submitted = timezone.make_aware(datetime.datetime.combine(session.starts_on, datetime.time(9)))
            proposals.append(
                Proposal(
                    session=session,
                    proposer_id=rng.choice(members),
                    title=f"关于改进{rng.choice(SUBJECTS)}工作的提案{i + 1}",
                    content="建议学校进一步完善相关制度，加强沟通，切实解决教职工关心的问题。" * 3,
                    status=status,
                    number=number if accepted else None,
                    rejection_reason="转为意见建议" if status == S.REJECTED else "",
                    is_suggestion=status == S.REJECTED,
                    lead_department=rng.choice(departments) if status in Proposal.ACCEPTED - {S.REGISTERED} else None,
                    deadline=session.starts_on + datetime.timedelta(days=rng.choice([30, 60, 90]))
                    if accepted
                    else None,
                    reply="经研究，已按建议落实。" if replied else "",
                    replied_at=now if replied else None,
                    rating=rng.choice(Proposal.Rating.values) if status in {S.RATED, S.CLOSED} else "",
                    submitted_at=None if status in Proposal.PRIVATE else submitted,
                )
            )
    proposals = Proposal.objects.bulk_create(proposals, batch_size=BATCH)
    by_session = {s.pk: [d.member_id for d in delegates[s.term_id]] for s in sessions}
    for proposal in proposals:
        others = [m for m in rng.sample(by_session[proposal.session_id], 3) if m != proposal.proposer_id][:2]
        signed = ProposalCoSigner.Status.INVITED if proposal.status == S.COLLECTING else ProposalCoSigner.Status.SIGNED
        cosigners += [ProposalCoSigner(proposal=proposal, member_id=m, status=signed) for m in others]
    ProposalCoSigner.objects.bulk_create(cosigners, batch_size=BATCH)
    return len(proposals), len(cosigners)


def _closed_ballots(motion, voters, rng):
    choices = rng.choices(BallotTally.Choice.values, weights=[80, 12, 8], k=len(voters))
    tallies = [BallotTally(motion=motion, choice=c, count=choices.count(c)) for c in BallotTally.Choice.values]
    motion.votes_for, motion.votes_against, motion.abstentions = (t.count for t in tallies)
    return [BallotReceipt(motion=motion, delegate=d) for d in voters], tallies


def _meetings(sessions, delegates, rng):
    """Agenda, attendance and motions of every session; past motions closed with their ballots,
    the current session's first motion open and empty (the ballot race)."""
    agenda = AgendaItem.objects.bulk_create(
        [
            AgendaItem(session=s, order=n, title=title)
            for s in sessions
            for n, title in enumerate(["审议学校工作报告", "审议财务工作报告", "审议提案工作报告", "民主评议"], 1)
        ]
    )
    attendance, motions, receipts, tallies = [], [], [], []
    for session in sessions:
        members = delegates[session.term_id]
        kinds = rng.choices(Attendance.Kind.values[:2], weights=[92, 8], k=len(members))
        if session == sessions[-1]:  # the race's session: every voter signed in, as only those present vote
            kinds = [Attendance.Kind.PRESENT] * len(members)
        pairs = zip(members, kinds, strict=True)
        attendance += [Attendance(session=session, member_id=d.member_id, kind=k) for d, k in pairs]
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
    for item in agenda[:-4]:
        if item.order <= 2:
            motion = Motion(agenda_item=item, title=f"{item.title}（表决）", status=Motion.Status.CLOSED)
            more_receipts, more_tallies = _closed_ballots(motion, delegates[item.session.term_id], rng)
            motions.append(motion)
            receipts += more_receipts
            tallies += more_tallies
    race = Motion(agenda_item=agenda[-4], title="表决学校工作报告（压力测试）", status=Motion.Status.OPEN)
    Motion.objects.bulk_create([*motions, race])
    BallotReceipt.objects.bulk_create(receipts, batch_size=BATCH)
    BallotTally.objects.bulk_create([*tallies, *BallotTally.blank_rows(race)], batch_size=BATCH)
    return race, len(receipts)


def _congress_day_motion(race):
    """A second secret ballot in the race's session, opened as staff would: congress day votes on it."""
    motion = Motion.objects.create(agenda_item=race.agenda_item, title="表决财务工作报告（代表大会日）")
    return open_motion(motion=motion)


def _appraisals(sessions, delegates, rng):
    """One appraisal per session with ``APPRAISEES`` leaders: past ones closed with every
    delegate's marks, the current one open and empty (the ballot race)."""
    appraisals = Appraisal.objects.bulk_create(
        [
            Appraisal(
                term_id=s.term_id,
                session=s,
                title=f"{s.starts_on.year}年度领导干部民主评议",
                status=Appraisal.Status.OPEN if s == sessions[-1] else Appraisal.Status.CLOSED,
                closed_at=None
                if s == sessions[-1]
                else timezone.make_aware(datetime.datetime.combine(s.ends_on, PUBLISHED)),
            )
            for s in sessions
        ]
    )
    appraisees, receipts, tallies = [], [], []
    for appraisal in appraisals:
        members = [d.member_id for d in delegates[appraisal.term_id]]
        leaders = rng.sample(members, min(APPRAISEES, len(members)))
        appraisees += [
            Appraisee(appraisal=appraisal, member_id=m, post="副校长", report="述职报告。" * 20, order=n)
            for n, m in enumerate(leaders)
        ]
    appraisees = Appraisee.objects.bulk_create(appraisees)
    grades = [value for value, _label in Appraisal.GRADES[Appraisal.Scale.SATISFACTION]]
    for appraisal in appraisals[:-1]:
        voters = delegates[appraisal.term_id]
        receipts += [AppraisalReceipt(appraisal=appraisal, member_id=d.member_id) for d in voters]
        for appraisee in (a for a in appraisees if a.appraisal_id == appraisal.pk):
            marks = rng.choices(grades, [70, 25, 5], k=len(voters))
            tallies += [AppraisalTally(appraisee=appraisee, grade=g, count=marks.count(g)) for g in grades]
    race = appraisals[-1]
    tallies += AppraisalTally.blank_rows(race, [a for a in appraisees if a.appraisal_id == race.pk])
    AppraisalReceipt.objects.bulk_create(receipts, batch_size=BATCH)
    AppraisalTally.objects.bulk_create(tallies, batch_size=BATCH)
    return race, sum(tally.count for tally in tallies)


def _suggestions(sizes, context, rng, today):
    members = context["members"]
    days = sizes.years * 365
    rows = [
        Suggestion(
            author_id=None if rng.random() < 0.2 else rng.choice(members),
            title=f"关于{rng.choice(['图书馆开放时间', '食堂菜品', '教师休息室', '体检安排'])}的建议",
            content="希望工会向学校反映。",
            submitted_on=today - datetime.timedelta(days=rng.randint(0, days)),
            status=rng.choice(Suggestion.Status.values[:2]),
        )
        for _ in range(sizes.years * 200)
    ]
    Suggestion.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def seed_congress(sizes, context):
    rng = random.Random(4)
    now = timezone.now()
    today = timezone.localdate()
    terms = _terms(sizes, today.year)
    delegates, voters = _delegates(sizes, context, terms, rng)
    sessions = _sessions(terms, today.year, today)
    proposals, cosigners = _proposals(sizes, sessions, delegates, context["departments"], rng, now)
    race_motion, ballots = _meetings(sessions, delegates, rng)
    race_appraisal, marks = _appraisals(sessions, delegates, rng)
    suggestions = _suggestions(sizes, context, rng, today)
    context.update(
        voters=voters,
        race_motion=race_motion,
        race_appraisal=race_appraisal,
        congress_day_motion=_congress_day_motion(race_motion),
    )
    return (
        f"{len(terms)} terms, {len(sessions)} sessions, {sum(map(len, delegates.values())):,} delegates, "
        f"{proposals:,} proposals ({cosigners:,} co-signers), {ballots:,} ballots, {marks:,} appraisal marks, "
        f"{suggestions:,} suggestions"
    )
