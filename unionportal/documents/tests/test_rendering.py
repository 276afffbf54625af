"""What every PDF of a process shares."""

from unittest import mock

from weasyprint.urls import URLFetcher

from unionportal.documents.rendering import weasyprint_pdf


def test_pdfs_share_one_url_fetcher():
    """A fetcher made for each document reads the certificate bundle each time (~25 ms of CPU per PDF)."""
    with mock.patch.object(URLFetcher, "__init__", autospec=True, side_effect=URLFetcher.__init__) as made:
        first, second = weasyprint_pdf("<p>工会</p>"), weasyprint_pdf("<p>工会小组</p>")
    assert made.call_count <= 1  # one if these are the process's first PDFs
    assert first.startswith(b"%PDF") and second.startswith(b"%PDF")


def test_a_forked_process_freezes_what_its_first_pdf_left_alive_once(monkeypatch):
    """A worker process forked from a prepared parent inherits the parent's frozen objects, not the caches its first
    document fills; left unfrozen, the full collection after each PDF walks them again (2 of a notice's 3 ms)."""
    from unionportal.documents import rendering

    weasyprint_pdf("<p>工会</p>")  # this process has frozen its own
    monkeypatch.setattr(rendering._pdf, "frozen_in", -1)  # as a child finds its parent's pid
    with mock.patch.object(rendering.gc, "freeze") as freeze:
        weasyprint_pdf("<p>工会小组</p>")
        weasyprint_pdf("<p>工会委员会</p>")
    assert freeze.call_count == 1
