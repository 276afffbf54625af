"""What a Celery worker loads in its main process before it forks the processes that render documents."""

from django.template import engines

from unionportal.documents.registry import documents
from unionportal.documents.tasks import load_before_forking


def test_the_worker_compiles_every_document_template_before_forking():
    loader = engines["django"].engine.template_loaders[0]  # the cached loader, which forked processes share
    loader.reset()
    load_before_forking()
    assert {document.template for document in documents().values()} <= set(loader.get_template_cache)
