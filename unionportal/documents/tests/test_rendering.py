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
