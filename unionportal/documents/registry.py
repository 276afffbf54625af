"""The documents the portal can print. Each app lists its own in ``<app>/documents.py``.

A document is a class with a ``kind`` code, a ``permission`` needed to ask for
it, a ``template`` under templates/, ``title(params)`` and
``context(params, report_progress)``; the job runner renders it to PDF, or to
another of ``rendering.OUTPUTS`` that the class names as its ``output``.
"""

from django.utils.module_loading import import_string

from .rendering import PDF

DOCUMENT_MODULES = [
    "unionportal.documents.notice.DOCUMENTS",
    "unionportal.documents.annual_report.DOCUMENTS",
    "congress.documents.DOCUMENTS",
    "disclosure.documents.DOCUMENTS",
    "activities.documents.DOCUMENTS",
    "welfare.documents.DOCUMENTS",
    "contracts.documents.DOCUMENTS",
]


def documents():
    return {document.kind: document for path in DOCUMENT_MODULES for document in import_string(path)}


def document_for(kind):
    try:
        return documents()[kind]
    except KeyError:
        raise LookupError(f"unknown document kind {kind!r}") from None


def output_of(document):
    return getattr(document, "output", PDF)
