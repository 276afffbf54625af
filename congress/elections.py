"""Elections of delegates by their group, of the union committee and its chair at 换届, and 增补 by-elections.

The rules, from 《工会基层组织选举工作条例》 (thresholds in settings, see the README):
- valid only when more than ``ELECTION_TURNOUT_OVER`` (2/3) of those entitled to vote took part;
- a candidate is elected with more than ``ELECTION_MAJORITY_OVER`` (1/2) of those entitled to vote
  (``ELECTION_MAJORITY_BASE`` "entitled"; "voted" for unions whose rules count those who voted);
- more qualified than seats: the most votes win; a tie at the last seat elects neither, and tied or
  unfilled seats go to a further round among the candidates not elected;
- 差额 (competitive) elections need more candidates than seats by ``ELECTION_MARGIN_SHARE`` of the seats
  (差额比例不低于5%), and by at least ``ELECTION_MARGIN_MIN`` (1), rounded up to whole candidates.
The ballot is secret: ``ballots.cast_while_open`` stores a receipt and rewrites every tally row.
"""

import datetime
import math
from fractions import Fraction

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from members import committees
from members.models import CommitteeSeat, Member
from unionportal.notices import notify
from unionportal.workflow import flow_for, move

from . import election_tellers
from .ballots import BallotBox, cast_while_open
from .models import Candidate, Delegate, DelegateGroup, Election, ElectionReceipt, ElectionTally, Teller

E = Election


# ---- reads ------------------------------------------------------------------


def electorate(election: Election):
    """The members entitled to vote (有选举权的人): the group's union groups' members, the term's
    serving delegates, or every union member in service."""
    members = Member.objects.filter(status=Member.Status.ACTIVE, is_union_member=True)
    if election.electorate == E.Electorate.GROUP:
        groups = election.delegate_group.union_groups.all() if election.delegate_group_id else []
        return members.filter(union_group__in=groups)
    if election.electorate == E.Electorate.DELEGATES:
        return members.filter(delegacies__term_id=election.congress_term_id, delegacies__active=True)
    return members


def vacancies(group: DelegateGroup) -> int:
    """The group's quota (名额) less its serving delegates."""
    return max(group.seats - group.delegates.filter(active=True).count(), 0)


def turnout_reached(ballots_cast: int, entitled: int) -> bool:
    over = Fraction(settings.ELECTION_TURNOUT_OVER)
    return entitled > 0 and ballots_cast > over * entitled


def majority_line(election: Election) -> Fraction:
    """The votes a candidate must pass (strictly) to be elected."""
    base = election.ballots if settings.ELECTION_MAJORITY_BASE == "voted" else election.entitled
    return Fraction(settings.ELECTION_MAJORITY_OVER) * (base or 0)


def margin(seats: int) -> int:
    """How many more candidates than seats a 差额 election needs: the share of the seats, rounded up, and
    never fewer than the minimum."""
    share = Fraction(settings.ELECTION_MARGIN_SHARE) * seats
    return max(settings.ELECTION_MARGIN_MIN, math.ceil(share))


def _percent(fraction) -> str:
    return f"{float(Fraction(fraction) * 100):g}%"


def elected_from(counts: list[tuple[int, int]], *, seats: int, line: Fraction) -> tuple[set[int], bool]:
    """(candidate ids elected, whether a tie left a seat open) from (candidate id, votes) pairs: those
    past the line, most votes first, up to the seats; candidates tied for the last seat are all left out."""
    passing = sorted((c for c in counts if c[1] > line), key=lambda c: -c[1])
    if len(passing) <= seats:
        return {pk for pk, _votes in passing}, False
    last = passing[seats - 1][1]
    tied = passing[seats][1] == last
    return {pk for pk, votes in passing[:seats] if not (tied and votes == last)}, tied


def election_detail(pk: int) -> Election:
    return (
        Election.objects.select_related("congress_term", "delegate_group", "committee_term__committee", "previous")
        .prefetch_related("candidates__member__union_group", "candidates__delegate", "candidates__seat")
        .get(pk=pk)
    )


def has_voted(election: Election, member: Member | None) -> bool:
    return member is not None and ElectionReceipt.objects.filter(election=election, member=member).exists()


def voters(election: Election) -> tuple[list[Member], list[Member]]:
    """(not yet voted, voted) among the electorate, by delegate/union group then name: WHO voted only."""
    members = (
        electorate(election)
        .annotate(has_voted=Exists(ElectionReceipt.objects.filter(election=election, member=OuterRef("pk"))))
        .select_related("union_group")
        .order_by("union_group__sort_order", "union_group__name", "name_pinyin", "pk")
    )
    not_voted, voted = [], []
    for member in members:
        (voted if member.has_voted else not_voted).append(member)
    return not_voted, voted


# ---- changes ----------------------------------------------------------------


def _lock(election: Election) -> Election:
    return Election.objects.select_for_update().get(pk=election.pk)


def _locked_for(election: Election, action: str, actor) -> Election:
    """The election's row locked for ``action`` of its table: wrong state or actor refused before any work."""
    election = flow_for(Election).lock(election)
    refusal = flow_for(Election).refusal(flow_for(Election).action(action), election, actor)
    if refusal is not None:
        raise refusal
    return election


@transaction.atomic
def create_election(*, election: Election, actor=None) -> Election:
    """A new election, checked for what its kind needs: a delegate election names its group (seats from
    the group's quota by default), a committee election its term, and seats are at least one."""
    if election.kind == E.Kind.DELEGATES:
        if election.delegate_group_id is None:
            raise ValidationError({"delegate_group": _("代表组：代表选举须选择代表组。")})
        election.congress_term_id = election.delegate_group.term_id
        open_seats = vacancies(election.delegate_group)
        if not election.seats:
            election.seats = open_seats
        if election.delegate_group.seats and election.seats > open_seats:
            raise ValidationError(
                {
                    "seats": _("应选名额：%(group)s尚缺%(open)s名代表，不能选出%(seats)s名。")
                    % {"group": election.delegate_group, "open": open_seats, "seats": election.seats}
                }
            )
    elif election.committee_term_id is None:
        raise ValidationError({"committee_term": _("委员会届次：换届、主席或增补选举须选择委员会届次。")})
    elif election.committee_term.ends_on and election.committee_term.ends_on < timezone.localdate():
        raise ValidationError(
            {
                "committee_term": _("委员会届次：%(term)s的任期已于%(end)s结束，不能再选举。")
                % {"term": election.committee_term, "end": election.committee_term.ends_on.isoformat()}
            }
        )
    if election.kind == E.Kind.CHAIR:
        election.post, election.seats = "主席", 1
    if not election.seats:
        raise ValidationError({"seats": _("应选名额：至少为1。")})
    if election.electorate == E.Electorate.GROUP and election.delegate_group_id is None:
        raise ValidationError({"electorate": _("选举人：按代表组选举须选择代表组。")})
    if election.electorate == E.Electorate.DELEGATES and election.congress_term_id is None:
        raise ValidationError({"congress_term": _("代表大会届次：由代表选举须选择届次。")})
    election.full_clean()
    election.save()
    return election


def seat_holders(election: Election):
    """Who already sits on the committee term a 换届 or 增补 election fills, and so is no candidate of it: only a
    chair's election may take a sitting 委员 (who then changes post); none for a delegate election."""
    if election.kind in (E.Kind.DELEGATES, E.Kind.CHAIR) or election.committee_term_id is None:
        return Member.objects.none()
    return Member.objects.filter(committee_seats__term_id=election.committee_term_id)


@transaction.atomic
def nominate(*, election: Election, member: Member, nominated_by: str = "", actor=None) -> Candidate:
    """A candidate nominated while nominations are open; a delegate candidate is one of the group's voters."""
    election = _lock(election)
    if election.status != E.Status.NOMINATING:
        raise ValidationError(_("投票已开始，不能再提名候选人。"))
    if not member.is_union_member or member.status != Member.Status.ACTIVE:
        raise ValidationError(_("%(name)s不是在职工会会员，不能作为候选人。") % {"name": member.name})
    if election.kind == E.Kind.DELEGATES:
        if not electorate(election).filter(pk=member.pk).exists():
            raise ValidationError(
                _("%(name)s不在%(group)s的选举范围内。") % {"name": member.name, "group": election.delegate_group}
            )
        if Delegate.objects.filter(term_id=election.congress_term_id, member=member).exists():
            raise ValidationError(_("%(name)s已是本届代表。") % {"name": member.name})
    if election.previous_id is not None:
        raise ValidationError(_("下一轮选举在上一轮未当选的候选人中进行，不能提名新的候选人。"))
    if seat_holders(election).filter(pk=member.pk).exists():
        raise ValidationError(
            _("%(name)s已在%(term)s任职，增补或换届选举不能提名现任成员。")
            % {"name": member.name, "term": election.committee_term}
        )
    if election.candidates.filter(member=member).exists():
        raise ValidationError(_("%(name)s已是候选人。") % {"name": member.name})
    if election.tellers.filter(member=member).exists():
        raise ValidationError(_("%(name)s是本次选举的监票人或计票人，不能作为候选人。") % {"name": member.name})
    candidate = Candidate(election=election, member=member, nominated_by=nominated_by)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def open_voting(*, election: Election, actor=None) -> Election:
    """Voting opens once the list of candidates fits the seats (差额: more candidates than seats); those
    entitled to vote are counted now and kept, so later changes to the roster leave the count alone."""
    election = _locked_for(election, "open", actor)
    candidates = list(election.candidates.all())
    if len(candidates) < election.seats:
        raise ValidationError(
            _("候选人%(count)s人，少于应选名额%(seats)s人。") % {"count": len(candidates), "seats": election.seats}
        )
    if election.competitive and len(candidates) < election.seats + margin(election.seats):
        raise ValidationError(
            _(
                "差额选举的候选人须比应选名额至少多%(margin)s人（差额比例不低于%(share)s），"
                "应选%(seats)s人，现有候选人%(count)s人，请再提名%(short)s人。"
            )
            % {
                "margin": margin(election.seats),
                "share": _percent(settings.ELECTION_MARGIN_SHARE),
                "seats": election.seats,
                "count": len(candidates),
                "short": election.seats + margin(election.seats) - len(candidates),
            }
        )
    entitled = electorate(election).count()
    if not entitled:
        raise ValidationError(_("本次选举没有有选举权的人，请检查选举人范围。"))
    election = move(election, "open", actor=actor, entitled=entitled)
    ElectionTally.objects.bulk_create(ElectionTally(candidate=candidate) for candidate in candidates)
    _tell_the_voters(election)
    return election


def _tell_the_voters(election: Election) -> None:
    """Those who may vote online are told the ballot is open: a group's members or the delegates, who vote at
    their meeting or on the page; a whole union's members learn it from the meeting's own notice."""
    if not election.online or election.electorate == E.Electorate.MEMBERS:
        return
    voters = get_user_model().objects.filter(member__in=electorate(election), is_active=True)
    notify(
        voters,
        text=_("“%(election)s”已开始投票，请在选举页投票。") % {"election": election},
        url=election.get_absolute_url(),
        kind="congress.election.open",
        permission="congress.view_elections",
        obj=election,
    )


BALLOT_BOX = BallotBox(
    vote=Election,
    open=f"status = '{E.Status.VOTING}' AND mode IN ('{E.Mode.ONLINE}', '{E.Mode.BOTH}')",  # cast_ballot's rule
    receipt=ElectionReceipt,
    receipt_vote="election_id",
    receipt_voter="member_id",
    tally=ElectionTally,
    rows=f"candidate_id IN (SELECT id FROM {Candidate._meta.db_table} WHERE election_id = %(vote)s)",
)


def cast_ballot(*, election: Election, member: Member, chosen: list[int]) -> None:
    """One voter's ballot: a receipt (who) and +1 for each candidate marked (what), with nothing stored
    that links them. Marking more candidates than seats spoils the ballot, so it is refused.
    ``election`` is the caller's copy; one that does not show voting open is read again."""
    # As for motions and appraisals: who may vote and the candidates (fixed once voting opened) are read before the
    # election's lock, which then covers only its state, the receipt and the tally, in one statement
    # (ballots.cast_while_open). A second receipt slipping past the check is refused by its unique rule.
    if election.status != E.Status.VOTING:
        election.refresh_from_db(fields=("status", "mode"))
    if election.status != E.Status.VOTING:
        raise ValidationError(_("此选举当前不接受投票。"))
    if not election.online:
        raise ValidationError(_("本次选举使用纸质选票，不接受网上投票。"))
    if not electorate(election).filter(pk=member.pk).exists():
        raise ValidationError(_("您不在本次选举的选举人范围内。"))
    chosen = set(chosen)
    candidates = set(election.candidates.values_list("pk", flat=True))
    if not chosen <= candidates:
        raise ValidationError(_("选票上只能选择本次选举的候选人。"))
    if len(chosen) > election.seats:
        raise ValidationError(
            _("所选%(count)s人超过应选名额%(seats)s人，选票无效，请重新选择。")
            % {"count": len(chosen), "seats": election.seats}
        )
    if has_voted(election, member):
        raise ValidationError(_("您已投过票。"))
    params = {f"candidate{n}": pk for n, pk in enumerate(chosen)}
    taken = f"candidate_id IN ({', '.join(f'%({name})s' for name in params)})" if params else "1 = 0"  # a blank ballot
    cast = cast_while_open(
        BALLOT_BOX,
        vote=election.pk,
        voter=member.pk,
        taken=taken,
        params=params,
        rows=len(candidates),
        already_voted=_("您已投过票。"),
    )
    if not cast:  # closed while the voter was being checked
        raise ValidationError(_("此选举当前不接受投票。"))


@transaction.atomic
def close_voting(*, election: Election, actor=None) -> Election:
    """Count: void when too few voted; else elect by the majority line, most votes first, ties left open.
    The paper ballots returned and their votes, confirmed by the tellers, add to the online ones (the close
    is ``blocked`` until then, election_tellers.count_missing)."""
    election = _locked_for(election, "close", actor)
    paper = election_tellers.confirmed_count(election)
    ballots_cast = election.receipts.count() + (paper.returned if paper else 0)
    rows = ElectionTally.objects.filter(candidate__election=election)
    counts = [
        (candidate_id, online + (on_paper or 0))
        for candidate_id, online, on_paper in rows.values_list("candidate_id", "count", "candidate__paper_votes")
    ]
    for candidate_id, count in counts:
        Candidate.objects.filter(pk=candidate_id).update(votes=count)
    on_paper = _paper_note(paper)
    if not turnout_reached(ballots_cast, election.entitled):
        note = _("参加投票%(ballots)s人，未超过应到%(entitled)s人的%(share)s，选举无效。") % {
            "ballots": ballots_cast,
            "entitled": election.entitled,
            "share": _share(settings.ELECTION_TURNOUT_OVER),
        }
        note += on_paper
        return move(election, "close", actor=actor, to=E.Status.VOID, note=note, ballots=ballots_cast, result_note=note)
    election.ballots = ballots_cast
    elected, tied = elected_from(counts, seats=election.seats, line=majority_line(election))
    Candidate.objects.filter(pk__in=elected).update(elected=True)
    open_seats = election.seats - len(elected)
    note = _("应到%(entitled)s人，投票%(ballots)s人，选举有效；当选%(elected)s人。") % {
        "entitled": election.entitled,
        "ballots": election.ballots,
        "elected": len(elected),
    }
    note += on_paper
    if tied:
        note += _("末位得票相等，须就票数相等的候选人再次投票。")
    if open_seats:
        note += _("尚缺%(open)s名，可在未当选的候选人中进行下一轮选举。") % {"open": open_seats}
    return move(election, "close", actor=actor, note=note, ballots=ballots_cast, result_note=note)


def _paper_note(paper) -> str:
    if paper is None:
        return ""
    return _("其中纸质选票发出%(issued)s张，收回%(returned)s张，无效票%(spoiled)s张，空白票%(blank)s张。") % {
        "issued": paper.issued,
        "returned": paper.returned,
        "spoiled": paper.spoiled,
        "blank": paper.blank,
    }


def _share(fraction) -> str:
    fraction = Fraction(fraction)
    return {Fraction(2, 3): _("三分之二"), Fraction(1, 2): _("半数")}.get(fraction, f"{fraction}")


@transaction.atomic
def seat_elected(*, election: Election, actor=None) -> Election:
    """The elected take office: a delegate row in their group, or a seat in the committee term, each
    pointing back to this election. Refused, with nothing written, when it would fill more than the seats."""
    election = _locked_for(election, "seat", actor)
    elected = list(election.candidates.filter(elected=True).select_related("member"))
    if len(elected) > election.seats:
        raise ValidationError(
            _("当选%(count)s人，超过应选名额%(seats)s人。") % {"count": len(elected), "seats": election.seats}
        )
    if election.kind == E.Kind.DELEGATES:
        group = DelegateGroup.objects.select_for_update().get(pk=election.delegate_group_id)
        if group.seats and len(elected) > vacancies(group):
            raise ValidationError(
                _("%(group)s只缺%(open)s名代表，不能就任%(count)s人。")
                % {"group": group, "open": vacancies(group), "count": len(elected)}
            )
    now = timezone.now()
    for candidate in elected:
        if election.kind == E.Kind.DELEGATES:
            if Delegate.objects.filter(term_id=election.congress_term_id, member=candidate.member).exists():
                raise ValidationError(_("%(name)s已是本届代表。") % {"name": candidate.member.name})
            delegate = Delegate(
                term_id=election.congress_term_id, member=candidate.member, group_id=election.delegate_group_id
            )
            delegate.seated_at = now
            delegate.full_clean()
            delegate.save()
            candidate.delegate = delegate
        else:
            seat = election.committee_term.seats.filter(member=candidate.member).first()
            if seat is not None and election.kind != E.Kind.CHAIR:
                raise ValidationError(
                    _("%(name)s已在%(term)s任%(post)s，不能再由本次选举就任。")
                    % {"name": candidate.member.name, "term": election.committee_term, "post": seat.post}
                )
            seat = seat or CommitteeSeat(
                term_id=election.committee_term_id,
                member=candidate.member,
                sort_order=election.committee_term.seats.count(),
            )
            seat.post = election.post  # a 委员 elected 主席 changes post rather than holding two
            candidate.seat = committees.save_seat(seat)
        candidate.save()
    names = "、".join(candidate.member.name for candidate in elected)
    return move(election, "seat", actor=actor, note=_("就任：%(names)s") % {"names": names or "—"})


@transaction.atomic
def next_round(*, election: Election, held_on: datetime.date | None = None, actor=None) -> Election:
    """A further round (另行选举) for the seats still open, among the candidates not elected."""
    election = _lock(election)
    if election.status not in (E.Status.COUNTED, E.Status.SEATED):
        raise ValidationError(_("计票后才能进行下一轮选举。"))
    if election.next_rounds.exists():
        raise ValidationError(_("已开始下一轮选举。"))
    open_seats = election.seats - election.candidates.filter(elected=True).count()
    if open_seats <= 0:
        raise ValidationError(_("名额已满，无需再选。"))
    others = list(election.candidates.filter(elected=False))
    following = Election.objects.create(
        title=election.title,
        kind=election.kind,
        electorate=election.electorate,
        congress_term_id=election.congress_term_id,
        delegate_group_id=election.delegate_group_id,
        committee_term_id=election.committee_term_id,
        post=election.post,
        seats=open_seats,
        competitive=election.competitive and len(others) >= open_seats + margin(open_seats),
        mode=election.mode,
        held_on=held_on or election.held_on,
        round=election.round + 1,
        previous=election,
    )
    Candidate.objects.bulk_create(
        Candidate(election=following, member_id=c.member_id, nominated_by=_("上一轮未当选")) for c in others
    )
    # the same meeting goes on with the tellers it named
    Teller.objects.bulk_create(
        Teller(election=following, member_id=t.member_id, role=t.role) for t in election.tellers.all()
    )
    return following
