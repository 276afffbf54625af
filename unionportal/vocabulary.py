"""The words that differ between a school union and an enterprise union.

Templates use them as ``{{ vocab.congress }}``; code calls
``vocabulary_for(kind)``. This file is the only place that knows them.
``staff_in_sentence`` is the same word for use inside a sentence: Chinese has no
case, English wants "Staff" on a menu but "10 retired staff" in a report.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SCHOOL = {
    "congress": _("教代会"),
    "congress_full": _("教职工代表大会"),
    "disclosure": _("校务公开"),
    "staff": _("教职工"),
    "staff_in_sentence": pgettext_lazy("inside a sentence", "教职工"),
    "home": _("教工之家"),
    "unit": _("学校"),
    "unit_head": _("校长"),
    # the delegates a congress must be mostly made of (学校教职工代表大会规定: 教师代表不低于60%)
    "front_line": _("教师"),
    "front_line_delegates": _("教师代表"),
}

ENTERPRISE = {
    "congress": _("职代会"),
    "congress_full": _("职工代表大会"),
    "disclosure": _("厂务公开"),
    "staff": _("职工"),
    "staff_in_sentence": pgettext_lazy("inside a sentence", "职工"),
    "home": _("职工之家"),
    "unit": _("企业"),
    "unit_head": _("总经理"),
    "front_line": _("一线职工"),
    "front_line_delegates": _("一线职工代表"),
}

_BY_KIND = {"school": SCHOOL, "enterprise": ENTERPRISE}


def vocabulary_for(kind):
    return _BY_KIND[kind]
