import pytest

from .factories import open_books


@pytest.fixture(autouse=True)
def _books_open(request):
    """Welfare money asks the funds chain, which spends only under the year's executing budget."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        open_books()
