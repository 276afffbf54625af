"""The demo congress between sessions: the union's committees given their kinds, a 主席团 and a 提案工作委员会
for the fourth term with two meetings (the second registers a proposal), the delegate groups' union groups,
and one finished by-election of a delegate (第四代表组补选) from nomination to seated delegate.

Runs once: when the proposal committee exists it leaves everything be, so ``load_demo`` stays idempotent.
"""

import datetime
import random

from django.contrib.auth.models import User
from django.utils import timezone

from members.models import Committee, CommitteeSeat, CommitteeTerm, Member, UnionGroup

from . import bodies, election_tellers, elections
from .models import CongressTerm, Election, Proposal, Teller

KINDS = {
    "工会委员会": Committee.Kind.UNION,
    "经费审查委员会": Committee.Kind.AUDIT,
    "女职工委员会": Committee.Kind.WOMEN,
    "校务公开领导小组": Committee.Kind.DISCLOSURE,
    "厂务公开领导小组": Committee.Kind.DISCLOSURE,
}


def load(stdout):
    for name, kind in KINDS.items():
        Committee.objects.filter(name=name).update(kind=kind)
    term = CongressTerm.objects.filter(number=4).first()
    if term is None or Committee.objects.filter(kind=Committee.Kind.PROPOSALS).exists():
        return
    logins = {u.username: u for u in User.objects.filter(username__in=["chair", "staff", "delegate", "delegate2"])}
    starts_on = datetime.date(term.start_year, 3, 1)
    _presidium(term, starts_on, logins)
    _proposal_committee(starts_on, logins)
    _link_union_groups(term)
    _by_election(term)
    stdout.write("机构、会议与选举演示数据已就绪")


def _body(name, kind, starts_on, seats, quorum=Committee.Quorum.HALF, order=20):
    committee = Committee.objects.create(name=name, kind=kind, quorum=quorum, sort_order=order)
    term = CommitteeTerm.objects.create(committee=committee, number=4, starts_on=starts_on)
    CommitteeSeat.objects.bulk_create(
        CommitteeSeat(term=term, member=member, post=post, sort_order=i) for i, (post, member) in enumerate(seats)
    )
    return term


def _presidium(term, starts_on, logins):
    others = list(Member.objects.filter(delegacies__term=term, delegacies__active=True, user__isnull=True)[:4])
    seats = [("主任", logins["chair"].member), ("秘书", logins["staff"].member)] + [("委员", m) for m in others]
    presidium = _body("大会主席团", Committee.Kind.PRESIDIUM, starts_on, seats, order=10)
    everyone = [member for _post, member in seats]
    bodies.hold_meeting(
        term=presidium,
        held_on=timezone.localdate() - datetime.timedelta(days=20),
        place="行政楼三楼会议室",
        agenda="一、审定大会议程\n二、确定提案征集时间",
        attendees=everyone,
    )


def _proposal_committee(starts_on, logins):
    seats = [
        ("主任", logins["delegate"].member),
        ("委员", logins["staff"].member),
        ("委员", logins["delegate2"].member),
        ("秘书", logins["chair"].member),
    ]
    committee = _body("提案工作委员会", Committee.Kind.PROPOSALS, starts_on, seats)
    members = [member for _post, member in seats]
    today = timezone.localdate()
    first = bodies.hold_meeting(
        term=committee,
        held_on=today - datetime.timedelta(days=30),
        place="工会会议室",
        agenda="部署本次会议提案征集工作",
        attendees=members,
    )
    bodies.record_minutes(meeting=first, minutes="会议部署了提案征集工作，明确立案标准和时间安排。")
    bodies.add_decision(meeting=first, text="提案征集自即日起至大会开幕前十日截止。", actor=logins["delegate"])
    second = bodies.hold_meeting(
        term=committee, held_on=today, place="工会会议室", agenda="审查已提交的提案", attendees=members[:3]
    )
    bodies.record_minutes(meeting=second, minutes="会议审查了已提交的提案，对一件提案作出立案决定，其余下次审查。")
    submitted = Proposal.objects.filter(status=Proposal.Status.SUBMITTED).order_by("pk")
    proposal = submitted.exclude(proposer=logins["delegate"].member).first()  # the 主任 does not decide her own
    if proposal is not None:
        bodies.decide_proposal(
            meeting=second, proposal=proposal, action="register", actor=logins["delegate"], note="符合立案条件"
        )


def _link_union_groups(term):
    """Each delegate group is elected by some union groups (round robin), and its first delegate leads it."""
    groups = list(term.delegate_groups.all())
    for i, union_group in enumerate(UnionGroup.objects.current()):
        groups[i % len(groups)].union_groups.add(union_group)
    for group in groups:
        first = group.delegates.filter(active=True).order_by("pk").first()
        if first:
            group.leader = first.member
            group.save()


def _by_election(term):
    """第四代表组 lacks one delegate of its quota: a competitive by-election with its 监票人 and 计票人,
    counted and seated."""
    group = max(term.delegate_groups.all(), key=elections.vacancies)
    if not elections.vacancies(group):
        return
    today = timezone.localdate()
    election = elections.create_election(
        election=Election(
            title=f"{group.name}补选代表",
            kind=Election.Kind.DELEGATES,
            delegate_group=group,
            seats=1,
            competitive=True,
            held_on=today - datetime.timedelta(days=7),
        )
    )
    voters = list(elections.electorate(election).order_by("pk"))
    for member in [m for m in voters if not m.delegacies.filter(term=term).exists()][:2]:
        elections.nominate(election=election, member=member, nominated_by="小组提名")
    candidates = set(election.candidates.values_list("member_id", flat=True))
    helpers = [m for m in voters if m.pk not in candidates][-2:]
    for member, role in zip(helpers, (Teller.Role.SCRUTINEER, Teller.Role.COUNTER), strict=False):
        election_tellers.name_teller(election=election, member=member, role=role)
    elections.open_voting(election=election)
    first, second = election.candidates.order_by("pk")
    rng = random.Random(2026)
    for member in voters[: len(voters) * 9 // 10]:
        choice = first if rng.random() < 0.8 else second
        elections.cast_ballot(election=election, member=member, chosen=[choice.pk])
    elections.seat_elected(election=elections.close_voting(election=election))
