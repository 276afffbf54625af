"""What a Celery worker loads in its main process before it forks the processes that render documents."""

from django.template import engines

from unionportal.documents import rendering
from unionportal.documents.registry import documents
from unionportal.documents.tasks import load_before_forking


def test_the_worker_compiles_every_document_template_before_forking():
    loader = engines["django"].engine.template_loaders[0]  # the cached loader, which forked processes share
    loader.reset()
    load_before_forking()
    assert {document.template for document in documents().values()} <= set(loader.get_template_cache)


def test_the_templates_are_compiled_before_the_first_pdf_whose_freeze_keeps_them(monkeypatch):
    """The collector's freeze after the first PDF (rendering.py) then holds the compiled templates too, in the
    parent and so in every process forked from it."""
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    compiled_by_then = []
    monkeypatch.setattr(
        rendering, "weasyprint_pdf", lambda html: compiled_by_then.append(set(loader.get_template_cache))
    )
    load_before_forking()
    assert {document.template for document in documents().values()} <= compiled_by_then[0]
