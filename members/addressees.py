"""Whom a notice addressed person by person (逐人通知, unionportal/documents/notice_batch.py) goes to: all staff in
service, a department, a union group, or people chosen by their 工号. The documents core reaches this module by
its dotted path, as it reaches each app's documents."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from unionportal.vocabulary import by_kind

from .models import Department, Member, UnionGroup

ALL = "all"
CHOSEN = "chosen"
# Copies come out group by group, in roster order within each, so they can be handed out as printed.
PRINT_ORDER = ["union_group__sort_order", "union_group__name", "name_pinyin", "pk"]


def audience_choices() -> list:
    """The choices of the form's 发送对象: everyone in service, each department, each current group, chosen people."""
    return [
        (ALL, by_kind(_("全体在职教职工"), _("全体在职职工"))),
        (_("部门"), [(f"department:{pk}", name) for pk, name in Department.objects.values_list("pk", "name")]),
        (_("工会小组"), [(f"group:{pk}", name) for pk, name in UnionGroup.objects.current().values_list("pk", "name")]),
        (CHOSEN, _("指定人员（按工号）")),
    ]


def members_by_job_number(text: str) -> list[int]:
    """The people whose 工号 are listed (one a line, or separated by commas or spaces), in the order given,
    each once. A number nobody holds, or a person who has died, is refused by name."""
    numbers = list(dict.fromkeys(number for number in re.split(r"[\s,，、；;]+", text) if number))
    if not numbers:
        raise ValidationError(_("请填写指定人员的工号。"))
    found = {
        member.job_number: member
        for member in Member.objects.filter(job_number__in=numbers).only("pk", "job_number", "name", "status")
    }
    unknown = [number for number in numbers if number not in found]
    if unknown:
        raise ValidationError(_("以下工号在名册中不存在：%(numbers)s。") % {"numbers": "、".join(unknown)})
    deceased = [found[number].name for number in numbers if found[number].status == Member.Status.DECEASED]
    if deceased:
        raise ValidationError(_("以下人员已去世，不能作为通知对象：%(names)s。") % {"names": "、".join(deceased)})
    return [found[number].pk for number in numbers]


def addressee_names(*, audience: str, members: list[int] = ()) -> list[str]:
    """The names a notice is addressed to, one copy each: staff in service (在职) of the whole union, a department or
    a group, or the chosen people whatever their status but deceased. Refused when the department or group is gone
    or nobody is left to address."""
    if audience == CHOSEN:
        living = Member.objects.filter(pk__in=members).exclude(status=Member.Status.DECEASED)
        by_pk = dict(living.values_list("pk", "name"))
        names = [by_pk[pk] for pk in members if pk in by_pk]
    else:
        names = list(_in_service(audience).order_by(*PRINT_ORDER).values_list("name", flat=True))
    if not names:
        raise ValidationError(_("所选发送对象中没有可通知的人员。"))
    return names


def _in_service(audience):
    people = Member.objects.filter(status=Member.Status.ACTIVE)
    if audience == ALL:
        return people
    kind, _colon, pk = audience.partition(":")
    place = {"department": Department, "group": UnionGroup}.get(kind)
    if place is None or not pk.isdigit() or not place.objects.filter(pk=pk).exists():
        raise ValidationError(_("所选的部门或工会小组已不存在，请重新选择发送对象。"))
    return people.filter(**{"department" if kind == "department" else "union_group": pk})
