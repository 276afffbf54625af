"""The printed participant list (报名签到名单) of one event."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionportal.models import UnionProfile

from .models import Event, Registration


def _event(params):
    try:
        return Event.objects.select_related("joint_department").get(pk=params["event"])
    except Event.DoesNotExist:
        raise ValidationError(_("该活动已被删除，无法生成名单。")) from None


def _sort_key(registration):
    """Registered people by union group, then by name in pinyin order, the way a group leader reads a list."""
    member = registration.member
    if member:
        group = member.union_group
        return (group is None, group.sort_order if group else 0, group.name if group else "", member.name_pinyin)
    group = registration.team.union_group
    return (False, group.sort_order, group.name, registration.team.name)


class EventParticipants:
    kind = "event_participants"
    permission = "activities.manage_event"
    template = "activities/pdf/participants.html"

    @staticmethod
    def title(params):
        return _("%(title)s报名签到名单") % {"title": _event(params).title}

    @staticmethod
    def context(params, report_progress):
        event = _event(params)
        rows = (
            Registration.objects.filter(event=event, status__in=Registration.ACTIVE)
            .select_related("member__department", "member__union_group", "team__union_group", "team__captain")
            .prefetch_related("team__members")
        )
        registered = sorted((r for r in rows if r.status == Registration.Status.REGISTERED), key=_sort_key)
        waitlisted = sorted((r for r in rows if r.status == Registration.Status.WAITLISTED), key=lambda r: r.position)
        return {
            "union": UnionProfile.load(),
            "running_header": event.title,
            "heading": _("报名签到名单"),
            "event": event,
            "registered": registered,
            "waitlisted": waitlisted,
            "checked_in": sum(1 for r in registered if r.checked_in_at),
            "printed_on": timezone.localdate(),
        }


DOCUMENTS = [EventParticipants]
