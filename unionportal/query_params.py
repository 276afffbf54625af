"""One guard for every page's query string: a link may carry anything, a list page must still answer.

A NUL byte makes PostgreSQL refuse the query, 10,000 characters make no sense in a filter, and a number
that is not one (``?year=abc``) or overflows a column (``?group=99999999999``) breaks the lookup. Rather
than each view checking its own parameters, this middleware drops such a parameter before any view sees
it and says so in Chinese above the page, which then shows the list as if the filter had not been given.
"""

import re

from django.contrib import messages
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_LENGTH = 500  # room for a ?next= link back to a filtered list; far shorter than a scanner's probe
ID_RANGE = (1, 2**31 - 1)  # an object's id: a PostgreSQL integer
# Parameters that every page reads as whole numbers, with the range that makes sense for them.
NUMBERS = {
    "year": (1900, 2200),
    "campaign": ID_RANGE,
    "category": ID_RANGE,
    "group": ID_RANGE,
    "union_group": ID_RANGE,
    "occasion": ID_RANGE,
    "session": ID_RANGE,
    "page": ID_RANGE,
    "account": ID_RANGE,
    "fund": ID_RANGE,
}
# Parameters read as dates or months, in the form the browser's date and month inputs send.
FORMATS = {
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),  # a month input's 2026-05
    "since": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "until": re.compile(r"\d{4}-\d{2}-\d{2}"),
}
LABELS = {
    "year": gettext_lazy("年度"),
    "campaign": gettext_lazy("慰问活动"),
    "category": gettext_lazy("公开类别"),
    "group": gettext_lazy("工会小组"),
    "union_group": gettext_lazy("工会小组"),
    "occasion": gettext_lazy("慰问事由"),
    "session": gettext_lazy("会次"),
    "page": gettext_lazy("页码"),
    "account": gettext_lazy("科目"),
    "fund": gettext_lazy("经费"),
    "q": gettext_lazy("搜索"),
    "search": gettext_lazy("搜索"),
    "status": gettext_lazy("状态"),
    "level": gettext_lazy("级别"),
    "month": gettext_lazy("月份"),
    "since": gettext_lazy("起始日期"),
    "until": gettext_lazy("截止日期"),
}


def is_acceptable(name, value):
    if "\x00" in name or "\x00" in value or len(value) > MAX_LENGTH:
        return False
    if name in NUMBERS and value != "":
        low, high = NUMBERS[name]
        return value.isascii() and value.isdigit() and low <= int(value) <= high
    if name in FORMATS and value != "":
        return FORMATS[name].fullmatch(value) is not None
    return True


def label(name):
    return str(LABELS.get(name, name.replace("\x00", "")[:20]))


class QueryParamsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = [name for name, values in request.GET.lists() if not all(is_acceptable(name, v) for v in values)]
        if refused:
            kept = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                if name not in refused:
                    kept.setlist(name, values)
            kept._mutable = False
            request.GET = kept
            names = "、".join(dict.fromkeys(label(name) for name in refused))
            messages.warning(
                request,
                _("网址中的查询条件无效，已忽略：%(names)s。下面显示未按这些条件筛选的结果。") % {"names": names},
                fail_silently=True,
            )
        return self.get_response(request)
