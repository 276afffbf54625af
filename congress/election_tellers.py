"""Tellers (监票人, 计票人) and the paper ballot of an election.

《工会基层组织选举工作条例》: the ballots are counted in public by tellers the meeting names from members who
are not candidates. An election votes online, on paper, or both (``Election.mode``). The tellers enter the
paper count — ballots issued and returned, spoiled (废票) and blank (空白票), votes per candidate — and a
监票人 other than the one who entered it confirms it; only then does the count close (elections.close_voting
adds it to the online tally). Counts that do not agree are refused, naming the figures that clash.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from unionportal.notices import notify

from .models import Election, PaperCount, Teller

E = Election


def teller_of(election: Election, member: Member | None) -> Teller | None:
    if member is None:
        return None
    return election.tellers.filter(member=member).first()


def confirmed_count(election: Election) -> PaperCount | None:
    return PaperCount.objects.filter(election=election, confirmed_by__isnull=False).first()


def count_missing(election: Election) -> str | None:
    """Why the count cannot close yet (the close button's ``blocked``): a paper ballot not yet confirmed."""
    if not election.on_paper:
        return None
    count = PaperCount.objects.filter(election=election).first()
    if count is None:
        return _("纸质选票的清点结果尚未由监票人、计票人录入。")
    if count.confirmed_by_id is None:
        return _("纸质选票的清点结果尚待另一位监票人核对。")
    return None


@transaction.atomic
def name_teller(*, election: Election, member: Member, role: str, actor=None) -> Teller:
    """A 监票人 or 计票人 named before the count; never a candidate of the election."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status not in (E.Status.NOMINATING, E.Status.VOTING):
        raise ValidationError(_("计票后不能再改监票人、计票人。"))
    if election.candidates.filter(member=member).exists():
        raise ValidationError({"member": _("姓名：%(name)s是候选人，不能担任监票人或计票人。") % {"name": member.name}})
    if election.tellers.filter(member=member).exists():
        raise ValidationError({"member": _("姓名：%(name)s已是本次选举的监票人或计票人。") % {"name": member.name}})
    teller = Teller(election=election, member=member, role=role)
    teller.full_clean()
    teller.save()
    if member.user_id is not None:
        notify(
            [member.user],
            text=_("您被确定为“%(election)s”的%(role)s。") % {"election": election, "role": teller.get_role_display()},
            url=election.get_absolute_url(),
            kind="congress.election.teller",
            permission="congress.view_elections",
            obj=election,
            exclude=actor,
        )
    return teller


def _check(election: Election, *, issued, returned, spoiled, blank, votes: dict) -> None:
    if returned > issued:
        raise ValidationError(
            {
                "returned": _("收回选票：%(returned)s张多于发出的%(issued)s张，请重新清点（收回多于发出，选举无效）。")
                % {"returned": returned, "issued": issued}
            }
        )
    if spoiled + blank > returned:
        raise ValidationError(
            _("无效票%(spoiled)s张与空白票%(blank)s张合计多于收回的%(returned)s张。")
            % {"spoiled": spoiled, "blank": blank, "returned": returned}
        )
    online = election.receipts.count()
    if issued + online > election.entitled:
        raise ValidationError(
            {
                "issued": _("发出选票：%(issued)s张加上网上已投票的%(online)s人，超过应到选举人%(entitled)s人。")
                % {"issued": issued, "online": online, "entitled": election.entitled}
            }
        )
    marked = returned - spoiled - blank  # valid ballots with at least one mark
    for candidate in election.candidates.select_related("member"):
        if votes[candidate.pk] > marked:
            raise ValidationError(
                _("%(name)s得票%(votes)s张，多于有效且非空白的选票%(marked)s张。")
                % {"name": candidate.member.name, "votes": votes[candidate.pk], "marked": marked}
            )
    total = sum(votes.values())
    if total > marked * election.seats:
        raise ValidationError(
            _("候选人得票合计%(total)s票，超过%(marked)s张有效选票每张最多选%(seats)s人的%(most)s票。")
            % {"total": total, "marked": marked, "seats": election.seats, "most": marked * election.seats}
        )
    if total < marked:
        raise ValidationError(
            _(
                "有效且非空白的选票%(marked)s张，每张至少选一人，候选人得票合计%(total)s票不应少于此数；空白票请计入空白票。"
            )
            % {"marked": marked, "total": total}
        )


@transaction.atomic
def enter_paper_count(
    *, election: Election, actor, issued: int, returned: int, spoiled: int, blank: int, votes: dict
) -> PaperCount:
    """The tellers' paper count while voting is open, entered by one of them; entered again (corrected)
    until a 监票人 confirms it. ``votes``: candidate pk → votes on paper."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if not election.on_paper:
        raise ValidationError(_("本次选举不使用纸质选票。"))
    if election.status != E.Status.VOTING:
        raise ValidationError(_("只能在投票开始后、计票前录入纸质选票的清点结果。"))
    member = getattr(actor, "member", None)
    if teller_of(election, member) is None:
        raise ValidationError(_("只有本次选举的监票人、计票人可以录入纸质选票的清点结果。"))
    count = PaperCount.objects.filter(election=election).first()
    if count is not None and count.confirmed_by_id:
        raise ValidationError(_("清点结果已由监票人%(name)s核对，不能再改。") % {"name": count.confirmed_by.name})
    candidates = set(election.candidates.values_list("pk", flat=True))
    if set(votes) != candidates or any(v is None or v < 0 for v in votes.values()):
        raise ValidationError(_("请为每位候选人填写纸质选票得票（没有得票填0）。"))
    _check(election, issued=issued, returned=returned, spoiled=spoiled, blank=blank, votes=votes)
    count = count or PaperCount(election=election)
    count.issued, count.returned, count.spoiled, count.blank = issued, returned, spoiled, blank
    count.entered_by = member
    count.full_clean()
    count.save()
    for candidate in election.candidates.all():
        candidate.paper_votes = votes[candidate.pk]
        candidate.save(update_fields=["paper_votes"])
    return count


@transaction.atomic
def confirm_paper_count(*, election: Election, actor) -> PaperCount:
    """A 监票人 other than the one who entered the count confirms it (no count stands on one person's word)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    count = PaperCount.objects.select_for_update().filter(election=election).first()
    if count is None:
        raise ValidationError(_("纸质选票的清点结果尚未录入。"))
    if election.status != E.Status.VOTING or count.confirmed_by_id:
        raise ValidationError(_("清点结果已核对或已计票，无需再核对。"))
    member = getattr(actor, "member", None)
    teller = teller_of(election, member)
    if teller is None or teller.role != Teller.Role.SCRUTINEER:
        raise ValidationError(_("只有本次选举的监票人可以核对清点结果。"))
    if member.pk == count.entered_by_id:
        raise ValidationError(_("核对须由录入人以外的另一位监票人进行。"))
    count.confirmed_by, count.confirmed_at = member, timezone.now()
    count.save(update_fields=["confirmed_by", "confirmed_at"])
    return count
