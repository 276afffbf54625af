from django.urls import reverse
from django.utils.translation import gettext as _

from unionportal.dashboard import Card

from . import appraisal_selectors, selectors


def cards(request):
    user = request.user
    member = getattr(user, "member", None)
    cards = []
    if user.has_perm("congress.review_proposal"):
        overdue = selectors.overdue()
        count = overdue.count()
        if count:
            first = overdue.order_by("deadline").first()
            cards.append(
                Card(
                    _("提案办理逾期"),
                    value=str(count),
                    text=_("%(title)s，期限 %(deadline)s") % {"title": first.title, "deadline": first.deadline},
                    url=reverse("congress:proposals") + "?status=assigned",
                    level="danger",
                )
            )
        waiting = selectors.proposal_list(user=user, status="submitted").count()
        if waiting:
            cards.append(
                Card(
                    _("待审查提案"),
                    value=str(waiting),
                    url=reverse("congress:proposals") + "?status=submitted",
                    level="warning",
                )
            )
    if member is None:
        return cards
    awaiting = selectors.awaiting_reply(member)
    first = awaiting.order_by("deadline").first()
    if first:
        cards.append(
            Card(
                _("待答复提案"),
                value=str(awaiting.count()),
                text=_("%(title)s，期限 %(deadline)s") % {"title": first.title, "deadline": first.deadline},
                url=first.get_absolute_url(),
                level="warning",
            )
        )
    invitations = selectors.invitations(member)
    first_invitation = invitations.first()
    if first_invitation:
        cards.append(
            Card(
                _("附议邀请"),
                value=str(invitations.count()),
                text=first_invitation.proposal.title,
                url=first_invitation.proposal.get_absolute_url(),
                level="warning",
            )
        )
    for appraisal in appraisal_selectors.appraisals_to_vote(member):
        cards.append(Card(_("民主评议待投票"), text=appraisal.title, url=appraisal.get_absolute_url(), level="warning"))
    for motion in selectors.motions_to_vote(member):
        cards.append(
            Card(_("表决待投票"), text=motion.title, url=reverse("congress:motion", args=[motion.pk]), level="warning")
        )
    to_rate = selectors.proposal_list(user=user, status="replied").filter(proposer=member)
    first_reply = to_rate.first()
    if first_reply:
        cards.append(
            Card(
                _("答复待评价"), value=str(to_rate.count()), text=first_reply.title, url=first_reply.get_absolute_url()
            )
        )
    return cards
