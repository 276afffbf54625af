"""Festival templates (节日活动模板) that prefill the new-event form: 三八, 五一, 教师节 (schools only), 重阳, 元旦."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionportal.vocabulary import by_kind, current_kind

from .models import Event

SCHOOL_ONLY = {Event.Festival.TEACHERS_DAY}

# 重阳 is the ninth day of the ninth lunar month; its Gregorian dates for the years we serve.
DOUBLE_NINTH = {
    2025: (10, 29),
    2026: (10, 18),
    2027: (10, 8),
    2028: (10, 26),
    2029: (10, 16),
    2030: (10, 5),
}

TEMPLATES = {
    Event.Festival.WOMENS_DAY: {
        "title": _("庆“三八”女职工活动"),
        "kind": Event.Kind.GATHERING,
        "organiser": Event.Organiser.WOMEN,
        "eligibility": Event.Eligibility.WOMEN,
        "date": (3, 8),
        "description": _("庆祝“三八”国际劳动妇女节：表彰先进女职工，开展拔河、登山、卡拉OK等活动。"),
    },
    Event.Festival.LABOUR_DAY: {
        "title": _("“五一”劳动节职工趣味运动会"),
        "kind": Event.Kind.SPORTS,
        "organiser": Event.Organiser.UNION,
        "eligibility": Event.Eligibility.ALL_STAFF,
        "date": (4, 29),
        "description": _("迎“五一”趣味运动会：拔河、同心协力跑、跳绳、乒乓球。"),
    },
    Event.Festival.TEACHERS_DAY: {
        "title": _("教师节表彰暨庆祝大会"),
        "kind": Event.Kind.GATHERING,
        "organiser": Event.Organiser.UNION,
        "eligibility": Event.Eligibility.ALL_STAFF,
        "date": (9, 10),
        "description": _("表彰优秀教师、优秀班主任、工会积极分子；慰问退休教师。"),
    },
    Event.Festival.DOUBLE_NINTH: {
        "title": by_kind(_("重阳节退休教师聚餐"), _("重阳节退休职工聚餐")),
        "kind": Event.Kind.GATHERING,
        "organiser": Event.Organiser.UNION,
        "eligibility": Event.Eligibility.RETIREES,
        "date": None,
        "description": by_kind(
            _("重阳敬老：退休教师聚餐、座谈，赠送慰问品。"), _("重阳敬老：退休职工聚餐、座谈，赠送慰问品。")
        ),
    },
    Event.Festival.NEW_YEAR: {
        "title": by_kind(_("迎新年教职工联欢会"), _("迎新年职工联欢会")),
        "kind": Event.Kind.CULTURE,
        "organiser": Event.Organiser.UNION,
        "eligibility": Event.Eligibility.ALL_STAFF,
        "date": (12, 30),
        "description": _("辞旧迎新联欢会：节目表演、抽奖。"),
    },
}


def festivals_of_union():
    """The festivals this union keeps: an enterprise has no 教师节."""
    if current_kind() == "enterprise":
        return [festival for festival in Event.Festival if festival not in SCHOOL_ONLY]
    return list(Event.Festival)


def templates_of_union():
    return {festival: TEMPLATES[festival] for festival in festivals_of_union()}


def festival_date(festival, year):
    if festival == Event.Festival.DOUBLE_NINTH:
        month, day = DOUBLE_NINTH.get(year, (10, 15))
    else:
        month, day = TEMPLATES[festival]["date"]
    return datetime.date(year, month, day)


def next_festival_date(festival, today=None):
    today = today or timezone.localdate()
    date = festival_date(festival, today.year)
    return date if date >= today else festival_date(festival, today.year + 1)


def initial_for(festival, today=None):
    """The new-event form's initial values for a festival, on its next date at 14:00."""
    if festival not in festivals_of_union():
        return {}
    template = TEMPLATES[festival]
    date = next_festival_date(festival, today)
    tz = timezone.get_current_timezone()
    starts = datetime.datetime.combine(date, datetime.time(14, 0), tzinfo=tz)
    return {
        "title": str(template["title"]),
        "kind": template["kind"],
        "festival": festival,
        "organiser": template["organiser"],
        "eligibility": template["eligibility"],
        "description": str(template["description"]),
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "signup_closes_at": starts - datetime.timedelta(days=2),
    }
