"""The notice addressed person by person (逐人通知): one notice issued to many people (everyone in service, a
department, a union group, chosen people) as one job and one PDF, a copy per addressee, each opening with that
person's name ("张三同志：") and numbered from its own first page.

The shared body is rendered once: the template runs with a marker where the addressee stands, and each copy is
that HTML with the marker replaced. WeasyPrint lays out ``COPIES_PER_RUN`` copies at a time (one run per copy
would pay its setup and the PDF's fonts a thousand times), and the runs' PDFs are joined into one file."""

from importlib import import_module
from io import BytesIO

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

from .notice import Notice
from .rendering import weasyprint_pdf

# Whom a notice can be addressed to is the roster's business (the members app, one floor up).
ADDRESSEES = "members.addressees"
# Copies per WeasyPrint run: a run holds its pages' layout in memory until the PDF is written.
COPIES_PER_RUN = 100
MARKER = "\ue000"  # a private-use character: nothing a user types into the notice contains it
BODY = '<body class="official">'


def addressees():
    return import_module(ADDRESSEES)


def salutation(name: str) -> str:
    return _("%(name)s同志") % {"name": name}


def join_pdfs(pdfs: list[bytes]) -> bytes:
    """The runs' PDFs in one; each run starts on a right-hand page, as each copy within a run does, so that
    every copy printed on both sides starts a sheet of its own."""
    if len(pdfs) == 1:
        return pdfs[0]
    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        if len(writer.pages) % 2:
            writer.add_blank_page()
        writer.append(BytesIO(pdf))
    joined = BytesIO()
    writer.write(joined)
    return joined.getvalue()


class AddressedNotice:
    kind = "addressed_notice"
    permission = "documents.write_addressed_notice"
    template = "documents/pdf/addressed_notice.html"

    @staticmethod
    def title(params):
        return _("%(title)s（逐人，%(count)s份）") % {"title": params["title"], "count": params["count"]}

    @staticmethod
    def context(params, report_progress):
        names = addressees().addressee_names(audience=params["audience"], members=params.get("members", []))
        return {**Notice.context({**params, "addressees": MARKER}, report_progress), "names": names}

    @staticmethod
    def render(template, context, report_progress):
        """The copies' PDF: the template rendered once, then laid out run by run, progress reported after each."""
        opening, rest = render_to_string(template, context).split(BODY, 1)
        body, closing = rest.rsplit("</body>", 1)
        names = context["names"]
        pdfs = []
        for start in range(0, len(names), COPIES_PER_RUN):
            run = names[start : start + COPIES_PER_RUN]
            copies = "".join(
                f'<div class="copy">{body.replace(MARKER, escape(salutation(name)))}</div>' for name in run
            )
            pdfs.append(weasyprint_pdf(f"{opening}{BODY}{copies}</body>{closing}"))
            report_progress(60 + 35 * (start + len(run)) // len(names))
        return join_pdfs(pdfs)


DOCUMENTS = [AddressedNotice]
