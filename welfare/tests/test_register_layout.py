"""The printed registers as a reader checks them: the money column adds up to the 合计 and the 合计
row never stands alone at the top of a page."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from unionportal.documents.rendering import PDF, render
from unionportal.documents.tests.pdf_layout import read_pages
from unionportal.models import UnionProfile
from welfare.documents import VisitRegister


def rows(count):
    member = SimpleNamespace(name="周住院", department="教务处")
    row = {
        "date": datetime.date(2026, 3, 10),
        "member": member,
        "occasion": "住院",
        "visitors": "welfare",
        "gifts": "鲜花",
        "money": Decimal("2900.00"),
        "notes": "",
    }
    return [row] * count


@pytest.mark.parametrize("count", range(14, 22))
def test_the_total_row_never_stands_alone_on_a_page(tmp_path, count):
    context = {
        "union": UnionProfile(name="青山市实验中学工会委员会"),
        "heading": "走访慰问登记表",
        "scope": "2026年",
        "orientation": "landscape",
        "printed_on": datetime.date(2026, 12, 5),
        "rows": rows(count),
        "times": count,
        "money": Decimal("2900.00") * count,
    }
    path = tmp_path / "register.pdf"
    path.write_bytes(render(PDF, VisitRegister.template, context))
    pages = read_pages(path)
    (page,) = [page for page in pages if page.find("合计：")]
    assert page.find("2,900.00"), f"{count} rows: the 合计 row stands alone on page {page.number}"
    (total,) = page.find("合计：")
    assert any(f"{count * 2900:,}.00" in line.text for line in page.lines if abs(line.top - total.top) < 1)
