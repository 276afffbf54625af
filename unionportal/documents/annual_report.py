"""The annual union work report (年度工会工作报告), compiled from the year's data.

Each app contributes its chapter through ``<app>/report.py: annual_report(year)``,
returning a ``Chapter`` or None when it has nothing for that year. Chapters
also bring dated lines for the chronicle (大事记). Order follows the usual
structure of a school union's report: 基本情况, 民主管理, 维权帮扶, 文体活动 ….
"""

from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from unionportal.models import UnionProfile

from .models import AnnualReport
from .rendering import DOCX

CHAPTER_PROVIDERS = [
    "members.report.annual_report",
    "congress.report.annual_report",
    "disclosure.report.annual_report",
    "welfare.report.annual_report",
    "activities.report.annual_report",
    "members.women_report.annual_report",
    "members.retirees_report.annual_report",
    "funds.report.annual_report",
]


@dataclass(frozen=True)
class ChronicleEntry:
    date: date
    text: str


@dataclass
class Chapter:
    heading: str
    template: str
    context: dict = field(default_factory=dict)
    chronicle: list = field(default_factory=list)

    def render(self, **shared):
        return render_to_string(self.template, {**shared, **self.context})


def report_day(year: int) -> date:
    """The last day the report for a year counts: the year's end, or today while the year is under way,
    so that an event still to come is never reported as held."""
    return min(timezone.localdate(), date(year, 12, 31))


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def year_chapters(year, report_progress=lambda percent: None):
    """The chapters that have something to say for the year, in the report's order."""
    chapters = []
    for i, path in enumerate(CHAPTER_PROVIDERS):
        chapter = import_string(path)(year)
        if chapter:
            chapters.append(chapter)
        report_progress(10 + 40 * (i + 1) // len(CHAPTER_PROVIDERS))
    return chapters


def _chair_words(narrative, heading):
    """The chair's own paragraphs for a chapter, printed before its figures."""
    words = lines(narrative.chapter_texts.get(heading, ""))
    return format_html_join("", '<p class="narrative">{}</p>', ((paragraph,) for paragraph in words))


def compile_report(year, report_progress=lambda percent: None):
    chapters = year_chapters(year, report_progress)
    narrative = AnnualReport.objects.filter(year=year).first() or AnnualReport(year=year)
    union = UnionProfile.load()
    return {
        "union": union,
        "year": year,
        "running_header": _("%(union)s · %(year)s年度工会工作报告") % {"union": union.name, "year": year},
        "chapters": [
            (chapter.heading, _chair_words(narrative, chapter.heading) + chapter.render(year=year, union=union))
            for chapter in chapters
        ],
        "chronicle": sorted(
            (entry for c in chapters for entry in c.chronicle if entry.date <= report_day(year)),
            key=lambda entry: entry.date,
        ),
        "opening": lines(narrative.opening),
        "problems": lines(narrative.problems),
        "plans": lines(narrative.plans),
        "signed_on": timezone.localdate(),
    }


class AnnualReportDocument:
    kind = "annual_report"
    permission = "documents.print_annual_report"
    template = "documents/pdf/annual_report.html"

    @staticmethod
    def title(params):
        return _("%(year)s年度工会工作报告") % {"year": params["year"]}

    @staticmethod
    def context(params, report_progress):
        return compile_report(int(params["year"]), report_progress)


class AnnualReportWordDocument(AnnualReportDocument):
    """The same report as a Word file, for a chair who edits it further."""

    kind = "annual_report_docx"
    output = DOCX


DOCUMENTS = [AnnualReportDocument, AnnualReportWordDocument]
