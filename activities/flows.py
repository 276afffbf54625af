"""The sign-up's transition table (报名): registered or waitlisted → cancelled; waitlisted → registered
when a place frees (候补转正, a consequence of another move, told to the person who moves up)."""

import rules
from django.utils.translation import gettext_lazy as _

from unionportal.workflow import Action, Workflow

from .models import Event, Registration, RegistrationStep
from .rules import organises

S = Registration.Status


@rules.predicate
def holds_it(user, registration):
    """The person signed up, or the captain of the team."""
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None or registration is None:
        return False
    if registration.member_id is not None:
        return registration.member_id == member.pk
    return registration.team.captain_id == member.pk


FLOW = Workflow(
    Registration,
    steps=RegistrationStep,
    noun=_("报名"),
    url_name="activities:registration_act",
    view_permission="activities.view_event",
    final={S.CANCELLED},
    lock_first=lambda r: Event.objects.select_for_update().get(pk=r.event_id),
    step_labels={"enter": _("报名")},
    actions=[
        Action(
            "cancel",
            {S.REGISTERED, S.WAITLISTED},
            S.CANCELLED,
            label=_("取消报名"),
            allowed=holds_it | organises,
            service="activities.services.cancel",
            done=_("已取消报名。"),
            confirm=_("取消后名额让给候补名单的下一位，不能恢复；如再报名须重新排队。确定取消？"),
            style="danger",
        ),
        Action(
            "promote",
            {S.WAITLISTED},
            S.REGISTERED,
            label=_("候补转正"),
            allowed=rules.always_deny,  # never a button: it follows a cancellation or more places
            done=_("已由候补转为正式报名。"),
            notify=lambda r: [r.member or r.team.captain],
            notice=lambda r: _("您在“%(event)s”的候补已转为正式报名，请准时参加。") % {"event": r.event.title},
        ),
    ],
)
