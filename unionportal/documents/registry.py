"""The documents the portal can print. Each app lists its own in ``<app>/documents.py``.

A document is a class with a ``kind`` code, a ``permission`` needed to ask for
it, a ``template`` under templates/, ``title(params)`` and
``context(params, report_progress)``; the job runner renders it to PDF, or to
another of ``rendering.OUTPUTS`` that the class names as its ``output``. A document printed
in several runs (notice_batch.py) has its own ``render(template, context, report_progress)``.

An official document (公文, ``official = True``) gets a Word copy of its own kind,
``<kind>_docx``, made from the same template, so an office can adjust it and issue it.
"""

from functools import cache

from django.utils.module_loading import import_string

from .rendering import DOCX, PDF

DOCUMENT_MODULES = [
    "unionportal.documents.notice.DOCUMENTS",
    "unionportal.documents.notice_batch.DOCUMENTS",
    "unionportal.documents.annual_report.DOCUMENTS",
    "members.documents.DOCUMENTS",
    "congress.documents.DOCUMENTS",
    "disclosure.documents.DOCUMENTS",
    "activities.documents.DOCUMENTS",
    "welfare.documents.DOCUMENTS",
    "accounts.documents.DOCUMENTS",
    "funds.documents.DOCUMENTS",
    "contracts.documents.DOCUMENTS",
]


def word_copy_kind(kind):
    return f"{kind}_docx"


def _word_copy(document):
    return type(f"{document.__name__}Word", (document,), {"kind": word_copy_kind(document.kind), "output": DOCX})


@cache
def documents():
    listed = [document for path in DOCUMENT_MODULES for document in import_string(path)]
    copies = [_word_copy(document) for document in listed if getattr(document, "official", False)]
    return {document.kind: document for document in [*listed, *copies]}


def word_copy_of(kind):
    """The kind of an official document's Word copy, or None for any other document."""
    document = documents().get(kind)
    return (
        word_copy_kind(kind)
        if document and getattr(document, "official", False) and output_of(document) == PDF
        else None
    )


def document_for(kind):
    try:
        return documents()[kind]
    except KeyError:
        raise LookupError(f"unknown document kind {kind!r}") from None


def output_of(document):
    return getattr(document, "output", PDF)
