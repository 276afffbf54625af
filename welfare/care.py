"""关怀任务: life events (住院, 直系亲属去世, 婚育, 退休, 去世) become visits with a due date, so no one is
forgotten. The welfare officer records an event, or the roster does (退休 and 去世 are membership events);
recording the visit for that person and occasion closes the task."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member, MembershipEvent

from .models import CareTask, Visit, VisitOccasion

# the roster's membership events that are life events, and the occasion each opens a task for
ROSTER_EVENTS = {MembershipEvent.Kind.RETIRE: "退休", MembershipEvent.Kind.DECEASE: "去世"}


@transaction.atomic
def record_life_event(*, member, occasion, happened_on, actor=None, note="") -> CareTask:
    """Open a care task due ``occasion.visit_within_days`` after the event, at the occasion's usual amount.
    Refused for an occasion that is not a life event, for someone who has left the unit, and while the same
    person already has an open task for the same occasion."""
    if occasion.visit_within_days is None:
        message = _("“%(occasion)s”不是需要走访的事由，请在帮扶设置中为它设定走访期限。") % {"occasion": occasion}
        raise ValidationError(message)
    # the person's refusals are keyed to the person, so the form shows them beside the picker
    if member.status == Member.Status.TRANSFERRED:
        raise ValidationError({"member": _("%(name)s已调出本单位，不再由本会走访慰问。") % {"name": member.name}})
    if member.status == Member.Status.DECEASED and occasion.name != ROSTER_EVENTS[MembershipEvent.Kind.DECEASE]:
        raise ValidationError({"member": _("%(name)s已去世，只能登记去世慰问。") % {"name": member.name}})
    task = CareTask(
        member=member,
        occasion=occasion,
        happened_on=happened_on,
        due_on=happened_on + datetime.timedelta(days=occasion.visit_within_days),
        amount=occasion.usual_amount,
        note=note.strip(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError:
        open_task = CareTask.objects.get(member=member, occasion=occasion, visit=None)
        raise ValidationError(
            _("%(name)s已有一项待办的%(occasion)s走访（期限%(due)s），不再重复登记。")
            % {"name": member.name, "occasion": occasion, "due": open_task.due_on}
        ) from None
    return task


@transaction.atomic
def withdraw_task(*, task: CareTask) -> CareTask:
    """A life event recorded by mistake (the wrong person, occasion or date) is taken back while no visit closed
    its task: nothing was paid for it, and a wrong 住院 or 去世 should not stay on anyone's record."""
    task = CareTask.objects.select_for_update(of=("self",)).select_related("member", "occasion").get(pk=task.pk)
    if task.visit_id is not None:
        raise ValidationError(_("这项关怀任务已登记走访，不能撤销。"))
    task.delete()
    return task


def close_tasks_visited(visit: Visit) -> int:
    """The visit for a person and occasion closes the open task for them; returns how many it closed."""
    return CareTask.objects.filter(member=visit.member_id, occasion=visit.occasion_id, visit=None).update(visit=visit)


def open_tasks():
    return CareTask.objects.filter(visit=None).select_related("member__department", "occasion")


# a roster event whose visit fell due longer ago than this is history entered late (a roster brought in with
# years of retirements), not a visit still to make
LATE_ENTRY = datetime.timedelta(days=90)


def task_from_roster(sender, instance, created, **kwargs):
    """A 退休 or 去世 recorded in the roster opens its care task (when the union has that occasion set up), unless
    its visit fell due more than ``LATE_ENTRY`` ago."""
    name = ROSTER_EVENTS.get(instance.kind)
    if not created or name is None:
        return
    occasion = VisitOccasion.objects.filter(name=name, visit_within_days__isnull=False).first()
    if occasion is None:
        return
    due_on = instance.occurred_on + datetime.timedelta(days=occasion.visit_within_days)
    if due_on < timezone.localdate() - LATE_ENTRY:
        return
    if not CareTask.objects.filter(member=instance.member_id, occasion=occasion, visit=None).exists():
        record_life_event(
            member=instance.member, occasion=occasion, happened_on=instance.occurred_on, actor=instance.actor
        )
