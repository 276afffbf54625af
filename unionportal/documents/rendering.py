"""A document's template renders to HTML, and the HTML to its output: PDF with WeasyPrint, or Word
(.docx) with python-docx (word.py, word_official.py). Chinese text in PDFs takes the font stacks of
fonts.py: the union's own fonts, office fonts, the free Fandol fonts and Noto CJK (make test and the
Dockerfile install the free ones); WeasyPrint embeds the subset of glyphs a document uses."""

import atexit
import gc
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Output:
    extension: str
    content_type: str
    convert: Callable[[str], bytes]
    inline: bool  # the browser shows it; otherwise it is saved as a download
    action: Promise  # the job page's button
    icon: str
    label: str  # names the format beside a job's title (我的文档)


class _PdfRenderer:
    """One font configuration and one URL fetcher for every PDF of the process, and a full collection after each.

    A FontConfiguration made per document loads the CJK fonts again (tens of MB of native
    memory each time), and a finished document leaves reference cycles (boxes, styles, Pango
    layouts holding native memory) that only a full collection frees; without both, a worker
    grew about 16 MB per PDF. Objects alive after a process's first PDF (Django, WeasyPrint, the
    fonts, and in a worker process forked from a prepared parent what its first document loaded: about 10,000
    objects, 2 of the 3 ms a notice's collection took) are frozen out of the collector, so the collection after
    each PDF takes about a millisecond. WeasyPrint's default fetcher, made anew for each document, builds an SSL
    context and so reads the system's certificate bundle every time: about 25 ms of CPU per PDF, a third of a
    two-page 公文. Pango is not thread-safe: one PDF at a time per process.

    The configuration keeps the files of ``@font-face`` fonts (fonts.py) in a folder of its own that it
    removes when it is deleted; left to the interpreter's exit, its deletion would come after the modules it
    needs are gone and leave the folder behind, so it is let go at exit. A forked worker process ends
    without running exit handlers and so leaves the folder it shares with its parent alone."""

    def __init__(self):
        self.lock = threading.Lock()
        self.fonts = None
        self.fetcher = None
        self.frozen_in = None  # the process whose long-lived objects are frozen

    def __call__(self, html):
        from weasyprint import HTML  # heavy import, only in the process that renders
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher

        with self.lock:
            first = self.fonts is None
            if first:
                self.fonts = FontConfiguration()
                self.fetcher = URLFetcher()
                atexit.register(self._let_go)
            document = HTML(string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=self.fetcher)
            pdf = document.write_pdf(font_config=self.fonts)
            gc.collect()
            if self.frozen_in != os.getpid():
                gc.freeze()
                self.frozen_in = os.getpid()
        return pdf

    def _let_go(self):
        self.fonts = None


_pdf = _PdfRenderer()


def weasyprint_pdf(html: str) -> bytes:
    """WeasyPrint alone on finished HTML: the PDF output, and the floor that ``make bench`` sets a
    document's whole render time (its data, template and PDF) beside."""
    return _pdf(html)


def document_html(document, params: dict) -> str:
    """A document's printable HTML from its parameters, as a job renders it before the PDF."""
    return render_to_string(document.template, document.context(params, lambda percent: None))


def _docx(html):
    from .word import html_to_docx

    return html_to_docx(html)


PDF = Output("pdf", "application/pdf", weasyprint_pdf, True, _("打开PDF"), "bi-file-earmark-pdf", "PDF")
DOCX = Output(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _docx,
    False,
    _("下载Word文档"),
    "bi-file-earmark-word",
    "Word",
)
OUTPUTS = {output.extension: output for output in (PDF, DOCX)}


def render(output, template_name, context):
    return output.convert(render_to_string(template_name, context))


def render_pdf(template_name, context):
    return render(PDF, template_name, context)
