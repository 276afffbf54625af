"""Home-page cards of the congress between sessions: a term nearing its end (换届), a delegate group short of
its quota (补选/增补), and proposals waiting for the 提案工作委员会."""

from django.urls import reverse
from django.utils.translation import gettext as _

from members.committees import current_body_term
from members.models import Committee
from unionportal.dashboard import Card

from .election_reminders import reminders
from .models import Proposal


def cards(request):
    user = request.user
    cards = []
    if user.has_perm("congress.manage_election"):
        due = reminders()
        for term in due["congress_terms"]:
            cards.append(
                Card(_("换届提醒"), text=_("%(term)s今年届满，请筹备换届选举。") % {"term": term},
                     url=reverse("congress:elections"), level="warning")
            )  # fmt: skip
        for term in due["committee_terms"]:
            cards.append(
                Card(_("换届提醒"), text=_("%(term)s于%(date)s届满。") % {"term": term, "date": term.ends_on},
                     url=reverse("congress:elections"), level="warning")
            )  # fmt: skip
        for group in due["short_groups"]:
            cards.append(
                Card(_("代表缺额"), value=str(group.seats - group.serving),
                     text=_("%(group)s（%(term)s）代表不足名额，请补选。") % {"group": group.name, "term": group.term},
                     url=reverse("congress:delegate_groups", args=[group.term_id]), level="warning")
            )  # fmt: skip
        for term in due["headless"]:
            cards.append(
                Card(_("主席空缺"), text=_("%(term)s没有主席，请组织增补选举。") % {"term": term},
                     url=reverse("congress:election_create"), level="warning")
            )  # fmt: skip
    term = current_body_term(Committee.Kind.PROPOSALS) if user.is_authenticated else None
    if term is not None and term.seats.filter(member__user=user).exists():
        waiting = Proposal.objects.filter(status=Proposal.Status.SUBMITTED).count()
        if waiting:
            cards.append(
                Card(_("待提案工作委员会审查"), value=str(waiting), text=_("在委员会会议上作出立案决定。"),
                     url=reverse("congress:bodies"), level="warning")
            )  # fmt: skip
    return cards
