import datetime
from dataclasses import dataclass

from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from unionportal.choices import translated_labels
from unionportal.compiled import compiled_per_arguments
from unionportal.links import url_for_each

from .lookups import ContainsByCharacters
from .models import Member, MembershipEvent, UnionGroup

# Age bands (年龄段) of the roster filter: label value → (lowest age, highest age) inclusive.
AGE_BANDS = {"under35": (0, 34), "35-44": (35, 44), "45-54": (45, 54), "55plus": (55, 200)}
SORTS = {
    "name": ["name_pinyin"],
    "group": ["union_group__sort_order", "name_pinyin"],
    "birth": ["birth_date", "name_pinyin"],
    "-birth": ["-birth_date", "name_pinyin"],
    "hire": ["hire_date", "name_pinyin"],
    "joined": ["joined_on", "name_pinyin"],
}


def _pinyin_pattern(typed):
    """Typed pinyin without tones (huhong) matching the stored key, where a tone digit closes each syllable."""
    return "^" + "[1-5]?".join(typed)


def _born_between(low_age, high_age, today):
    """Birth dates of people aged low_age..high_age today."""
    latest = today.replace(year=today.year - low_age)
    earliest = today.replace(year=today.year - high_age - 1) + datetime.timedelta(days=1)
    return Q(birth_date__gte=earliest, birth_date__lte=latest)


def roster(
    search="",
    status="",
    union_group=None,
    employment_type="",
    membership="",
    gender="",
    age_band="",
    sort="",
    today=None,
):
    members = Member.objects.select_related("department", "union_group")
    if search:
        members = members.filter(
            Q(ContainsByCharacters(F("name"), search))
            | Q(name_initials__istartswith=search)
            | (
                Q(name_pinyin__iregex=_pinyin_pattern(search))
                if search.isascii() and search.isalpha()
                else Q(pk__in=[])
            )
            | (Q(phone__endswith=search) if search.isdigit() else Q(pk__in=[]))
            | Q(job_number=search)
        )
    if status:
        members = members.filter(status=status)
    if union_group:
        members = members.filter(union_group=union_group)
    if employment_type:
        members = members.filter(employment_type=employment_type)
    if membership in ("yes", "no"):
        members = members.filter(is_union_member=membership == "yes")
    if gender:
        members = members.filter(gender=gender)
    if age_band in AGE_BANDS:
        today = today or timezone.localdate()
        if today.month == 2 and today.day == 29:
            today = today - datetime.timedelta(days=1)
        members = members.filter(_born_between(*AGE_BANDS[age_band], today))
    return members.order_by(*_order(sort, searched=bool(search)))


def _order(sort, searched=False):
    """The sort's keys. Under a search the name's key is an expression no index serves: PostgreSQL then sorts the
    matches it found through the search's indexes, instead of walking the whole roster in pinyin order until it
    has a page of them (43 ms for "wj", whose matches sit late in that order, against 2 ms)."""
    keys = SORTS.get(sort, SORTS["name"])
    if searched:
        keys = [Concat(F(key), Value("")) if key == "name_pinyin" else key for key in keys]
    return [*keys, "pk"]


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One line of the roster, as it shows it."""

    url: str
    name: str
    has_login: bool
    gender: str
    department: str  # — when none
    union_group: str
    employment_type: str
    status: str
    is_union_member: bool


def roster_rows(keys, sort="") -> list[RosterRow]:
    """The roster page's lines from ``keys``, a page of ``roster(…, sort=sort).values_list("pk", flat=True)``.
    One query picks the page by key before it reads the lines: sorting the joined rows of every match first cost
    PostgreSQL several times as much (by age or group). values() builds no Member, department and group per line,
    and the choice labels are translated once per page rather than once per line."""
    choices = (Member.Gender, Member.EmploymentType, Member.Status)
    genders, types, statuses = map(translated_labels, choices)
    rows = Member.objects.filter(pk__in=keys).order_by(*_order(sort))
    url = url_for_each("members:detail")
    fields = [
        "pk", "name", "user_id", "gender", "department__name", "union_group__name", "employment_type", "status",
        "is_union_member",
    ]  # fmt: skip
    return [
        RosterRow(
            url=url(row["pk"]),
            name=row["name"],
            has_login=row["user_id"] is not None,
            gender=genders[row["gender"]],
            department=row["department__name"] or "—",
            union_group=row["union_group__name"] or "—",
            employment_type=types[row["employment_type"]],
            status=statuses[row["status"]],
            is_union_member=row["is_union_member"],
        )
        for row in rows.values(*fields)
    ]


# (id, name) of the groups people can be put in, in their order: the roster's group filter. Building the SQL cost
# three times what sending it and fetching a large union's 200 groups does, so it is built once per process.
current_group_names = compiled_per_arguments(lambda: UnionGroup.objects.current().values_list("pk", "name"))


def headcount():
    active = Member.objects.filter(status=Member.Status.ACTIVE)
    return {"staff": active.count(), "members": active.filter(is_union_member=True).count()}


def timeline(member):
    return MembershipEvent.objects.filter(member=member).select_related("from_group", "to_group", "actor")


def own_member(user):
    """The roster entry of the logged-in user, with what their own page shows."""
    return Member.objects.select_related("department", "union_group", "user").get(user=user)
