"""The roster as Excel: the import template, reading and checking an upload, and the export."""

import datetime
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from zipfile import BadZipFile, ZipFile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from unionportal.choices import translated_labels
from unionportal.spreadsheets import append_row, start_sheet, workbook_bytes
from unionportal.uploads import check_size

from .models import Department, Member, UnionGroup, pinyin_key
from .validators import (
    JOB_NUMBER_VALIDATOR,
    PHONE_VALIDATOR,
    birth_date_from_id,
    contradictions,
    gender_from_id,
    mask_id_number,
    validate_id_number,
)

# A whole union's roster is far smaller; beyond these the file is refused before it is read.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
# A small file can still unpack to millions of cells (200 rows × 16,384 columns is 171 KB),
# and the reader holds every one of them in memory: the cells are counted in the raw XML
# before the sheet is read, and checking the rows stops at a time budget.
MAX_IMPORT_CELLS = 1_000_000
MAX_IMPORT_UNPACKED_BYTES = 300 * 1024 * 1024
IMPORT_SECONDS = 60
MAX_IMPORT_AREA = 2 * MAX_IMPORT_CELLS
# Each cell and row tag, with its reference when it comes first as every spreadsheet program writes it
# (<c r="B7" …>, <row r="7" …>: the quote tells a reference from none); and every "r" attribute, first or not.
PLACED_TAG = re.compile(rb"""<(?:\w+:)?(c|row)(?=[\s/>])(?:\s+r\s*=\s*(["'])([A-Za-z]*)([0-9]*)["'])?""")
R_ATTRIBUTE = re.compile(rb"r(?<=\sr)\s*=")  # \sr\s*=, led by its letter: found 2.4 times as fast

# (header, model field); the header with * must be filled.
COLUMNS = [
    ("姓名*", "name"),
    ("性别", "gender"),
    ("出生日期", "birth_date"),
    ("身份证号", "id_number"),
    ("手机号", "phone"),
    ("部门", "department"),
    ("工会小组", "union_group"),
    ("用工性质", "employment_type"),
    ("人员状态", "status"),
    ("职称", "title"),
    ("职务", "post"),
    ("参加工作日期", "hire_date"),
    ("是否会员", "is_union_member"),
    ("入会日期", "joined_on"),
    ("会员证号", "card_number"),
    ("备注", "notes"),
    ("民族", "ethnicity"),
    ("政治面貌", "political_status"),
    ("学历", "education"),
    ("工号", "job_number"),
]
# A clerk's own spreadsheet names its columns as it likes: these headers mean the template's.
HEADER_SYNONYMS = {
    "手机": "手机号", "手机号码": "手机号", "联系电话": "手机号", "电话": "手机号", "联系方式": "手机号",
    "状态": "人员状态", "在职状态": "人员状态",
    "出生年月": "出生日期", "出生年月日": "出生日期",
    "身份证号码": "身份证号", "身份证": "身份证号", "公民身份号码": "身份证号",
    "所在部门": "部门", "科室": "部门", "处室": "部门",
    "小组": "工会小组", "所在小组": "工会小组",
    "会员": "是否会员", "是否工会会员": "是否会员",
    "最高学历": "学历", "文化程度": "学历", "政治身份": "政治面貌",
    "职工号": "工号", "员工编号": "工号", "编号": "工号", "员工号": "工号", "职工编号": "工号",
    "参加工作时间": "参加工作日期", "入会时间": "入会日期", "会员证号码": "会员证号", "用工形式": "用工性质",
}  # fmt: skip
EXAMPLE_NOTE = "示例行，导入前请删除"  # the template's example row says so in 备注, and is refused if left in
DATE_FIELDS = {"birth_date", "hire_date", "joined_on"}
# the model's own limits, checked per row so that a long value is named in the preview with its row
TEXT_LIMITS = {
    name: Member._meta.get_field(name).max_length
    for name in ("name", "job_number", "title", "post", "card_number", "ethnicity", "political_status", "education")
}
PINYIN_LIMIT = Member._meta.get_field("name_pinyin").max_length
TEXT_FIELDS = ("name", "phone", "title", "post", "card_number", "notes", "ethnicity", "political_status", "education")
YES = {"是", "会员", "Y", "y", "1", "yes", "TRUE", "True"}


@dataclass
class ImportRow:
    number: int  # the spreadsheet row number, as the clerk sees it
    fields: dict
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # imported all the same, but the clerk is told in the preview
    new_department: str = ""  # a department or group the union does not have yet, which this row names
    new_group: str = ""

    @property
    def error_text(self):
        """The row's errors in one line, A；B；C: some messages end a sentence of their own (…请核对。)."""
        return pgettext("list separator", "；").join(str(error).rstrip("。.") for error in self.errors)


def template_workbook():
    book = Workbook()
    sheet = book.active
    sheet.title = _("名册")
    append_row(sheet, [header for header, _name in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    append_row(
        sheet,
        ["张三", "男", "1985-03-12", "11010519491231002X", "13800000000", "教务处", "语文组", "在编", "在职"]
        + ["一级教师", "", "2008-09-01", "是", "2009-03-01", "", EXAMPLE_NOTE, "汉族", "群众", "大学本科", "1001"],
    )
    for number in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(number)].width = 14
    sheet.column_dimensions["D"].width = 22
    return workbook_bytes(book)


def _text(value):
    if value.__class__ is str:  # most cells: the check before the others saves a tenth of the row checks
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    try:
        return datetime.date.fromisoformat(text)  # 2008-09-01 as written, most often
    except ValueError:
        text = text.replace("/", "-").replace(".", "-")
    return datetime.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))


def read_rows(file):
    """Every non-empty data row of the first sheet, with the errors found in it."""
    return read_upload(file)[0]


def read_upload(file):
    """read_rows(file), and the headers of the columns that will not be imported, as the clerk wrote them:
    what the preview shows, from one reading of the file."""
    sheet = open_sheet(file)
    return list(checked_rows(sheet)), sheet.unrecognised


@dataclass
class Sheet:
    """An upload's first sheet: its lines below the header, the position of each column that is imported, the
    headers of those that are not, and when the reading started (checking stops at IMPORT_SECONDS)."""

    lines: list
    positions: dict
    unrecognised: list
    started: float

    def named(self, name):
        """The values of column ``name`` (department, union_group), each once, in the order they first come."""
        position = self.positions.get(name)
        if position is None:
            return []
        return list(dict.fromkeys(filter(None, (_text(line[position]) for line in self.lines))))


def open_sheet(file):
    check_size(file, MAX_IMPORT_BYTES)
    started = time.monotonic()
    _check_cells(file)
    lines = _sheet_lines(file)
    cells = lines[0] if lines else ()
    header = _header(cells)
    wanted = {title.rstrip("*"): name for title, name in COLUMNS}
    if "姓名" not in header:
        raise ValidationError(_("第1行应为表头，且须含“姓名”列；请使用下载的模板。"))
    positions = {wanted[title]: i for i, title in enumerate(header) if title in wanted}
    unrecognised = [_text(cell) for cell, title in zip(cells, header, strict=True) if title and title not in wanted]
    return Sheet(lines[1:], positions, unrecognised, started)


def checked_rows(sheet, units=None):
    """Each non-empty line of ``sheet`` as an ImportRow, checked on its own and, given ``units``, against the union's
    groups and departments; one at a time, so that the import writes the first rows while it checks the next."""
    labels, today = _choice_labels(), timezone.localdate()
    for number, line in enumerate(sheet.lines, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            raise ValidationError(_("文件超过 %(rows)s 行，未导入；请分批导入。") % {"rows": MAX_IMPORT_ROWS})
        if time.monotonic() - sheet.started > IMPORT_SECONDS:
            raise ValidationError(
                _("读取文件超过 %(seconds)s 秒，未导入；请删去多余的行和列，或分批导入。") % {"seconds": IMPORT_SECONDS}
            )
        if not any(_text(cell) for cell in line):
            continue
        row = _check_row(number, {name: line[i] for name, i in sheet.positions.items()}, labels, today)
        if units:
            units.check(row)
        yield row


def _sheet_lines(file):
    """The first sheet's rows from A1 on, every row as wide as the widest, an empty cell as "". calamine (Rust)
    reads a 20,000-row roster in a quarter of a second of CPU, where openpyxl's read-only mode took 3.4 s."""
    try:
        return CalamineWorkbook.from_filelike(file).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several kinds (zip, XML, no sheet) on a file that is not .xlsx
        raise ValidationError(_("无法读取该文件，请上传按模板填写的 .xlsx 文件。")) from error


def _check_cells(file):
    """Refuse a file that unpacks to more than MAX_IMPORT_UNPACKED_BYTES, whose sheets hold more than
    MAX_IMPORT_CELLS cells, or whose cells reach beyond MAX_IMPORT_AREA (rows × columns from A1), judged
    from the raw XML of every part (a workbook may name any part as its sheet)."""
    too_big = ValidationError(
        _("文件超过 %(cells)s 个单元格，未导入；请删去多余的行和列，或分批导入。") % {"cells": f"{MAX_IMPORT_CELLS:,}"}
    )
    unreadable = ValidationError(_("无法读取该文件，请上传按模板填写的 .xlsx 文件。"))
    try:
        archive = ZipFile(file)
    except BadZipFile as error:
        raise unreadable from error
    with archive:
        parts = archive.infolist()
        if sum(part.file_size for part in parts) > MAX_IMPORT_UNPACKED_BYTES:  # zipfile reads no more than this
            raise too_big
        cells = 0
        for part in parts:
            extent = _Extent()
            with archive.open(part) as xml:
                pending = b""
                while chunk := xml.read(1 << 20):
                    pending += chunk
                    cut = pending.rfind(b"<")  # a tag cut in two is counted with the next chunk
                    extent.add(pending, cut)
                    if cells + extent.cells > MAX_IMPORT_CELLS or extent.area() > MAX_IMPORT_AREA:  # they only grow
                        raise too_big
                    pending = pending[cut:]
                extent.add(pending, len(pending))
            if not extent.placed_as_written():
                raise unreadable
            cells += extent.cells
            if cells > MAX_IMPORT_CELLS or extent.area() > MAX_IMPORT_AREA:
                raise too_big
    file.seek(0)


class _Extent:
    """How far the cells of one sheet's XML reach. calamine lays a sheet out as one rectangle from A1 to its last
    cell, and a cell in XFD1048576 alone would make it 17 billion cells (a crash, not an error): a cell or row
    without a reference lands one past the previous one, so each can push the edge out by one; a sheet with a
    reference that is not its tag's first attribute, or not letters then digits, is refused rather than guessed at."""

    def __init__(self):
        self.kinds = Counter()  # (tag, has letters, has digits) → how many
        self.placed = self.r_attributes = self.cells = self.last_row = self.last_column = 0

    def add(self, xml, end):
        self.r_attributes += len(R_ATTRIBUTE.findall(xml, 0, end))
        found = PLACED_TAG.findall(xml, 0, end)
        if not found:
            return
        tags, quotes, letters, numbers = zip(*found, strict=True)
        self.kinds.update(zip(tags, map(bool, letters), map(bool, numbers), strict=True))
        self.cells, self.placed = self.count(b"c"), self.placed + len(quotes) - quotes.count(b"")
        self.last_row = max([self.last_row, *map(int, set(numbers) - {b""})])
        self.last_column = max([self.last_column, *map(_column_number, set(letters) - {b""})])

    def count(self, tag, letters=(False, True), digits=(False, True)):
        return sum(self.kinds[tag, has_letters, has_digits] for has_letters in letters for has_digits in digits)

    def placed_as_written(self):
        """Other parts use "r" for their own attributes (a theme's gradients); a sheet only on its cells and rows."""
        strays = self.r_attributes - self.placed
        malformed = self.kinds[b"c", True, False]
        return not malformed and not (strays and (self.count(b"c") or self.count(b"row")))

    def area(self):
        rows_unplaced, cells_unplaced = self.count(b"row", digits=(False,)), self.count(b"c", letters=(False,))
        return (self.last_row + rows_unplaced) * (self.last_column + cells_unplaced)


def _column_number(letters):
    """The 1-based number of a column's letters, b"A" → 1, b"XFD" → 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _header(cells):
    titles = [_text(cell).rstrip("*").replace(" ", "") for cell in cells]
    return [HEADER_SYNONYMS.get(title, title) for title in titles]


def _check_row(number, raw, labels, today):
    row = ImportRow(number, {})
    fields, errors = row.fields, row.errors
    for name in TEXT_FIELDS:
        fields[name] = _text(raw.get(name))
    fields["job_number"] = _text(raw.get("job_number")) or None
    for name, limit in TEXT_LIMITS.items():
        if fields[name] and len(fields[name]) > limit:
            errors.append(_("%(column)s不能超过%(limit)s字") % {"column": _column(name), "limit": limit})
    # a syllable is at most 7 letters (zhuang1): only a name longer than 17 characters can overflow its pinyin
    if len(fields["name"]) * 7 > PINYIN_LIMIT and len(pinyin_key(fields["name"])) > PINYIN_LIMIT:
        errors.append(_("姓名过长，其拼音超过%(limit)s个字母") % {"limit": PINYIN_LIMIT})
    for name, check in (("phone", PHONE_VALIDATOR), ("job_number", JOB_NUMBER_VALIDATOR)):
        if fields[name]:
            try:
                check(fields[name])
            except ValidationError as error:
                errors.extend(error.messages)
    if not fields["name"]:
        errors.append(_("缺少姓名"))
    id_number = fields["id_number"] = _text(raw.get("id_number")).upper() or None
    if fields["notes"] == EXAMPLE_NOTE:
        errors.append(_("这是模板中的示例行，请删除后再导入"))
    if id_number:
        try:
            validate_id_number(id_number)
        except ValidationError as error:
            errors.extend(error.messages)
    for name in DATE_FIELDS:
        try:
            fields[name] = _date(raw.get(name))
        except ValueError:
            value = _text(raw[name])  # 2008, not calamine's 2008.0
            errors.append(_("%(column)s“%(value)s”不是有效日期") % {"column": _column(name), "value": value})
            fields[name] = None
    if id_number and not fields["birth_date"] and not errors:
        fields["birth_date"] = birth_date_from_id(id_number)
    _choice(row, raw, "gender", labels, default=gender_from_id(id_number))
    _choice(row, raw, "employment_type", labels, default=Member.EmploymentType.ESTABLISHED)
    _choice(row, raw, "status", labels, default=Member.Status.ACTIVE)
    found = contradictions(
        **{name: fields[name] for name in ("id_number", "gender", "birth_date", "hire_date", "joined_on")}, today=today
    )
    errors.extend(str(message) for message in found.values())
    fields["is_union_member"] = _text(raw.get("is_union_member")) in YES
    if fields["is_union_member"] and fields["joined_on"] is None and not _text(raw.get("joined_on")):
        fields["joined_on"] = today  # left empty; a date that cannot be read is an error above
        row.warnings.append(_("未填入会日期，按导入日期 %(date)s 记入") % {"date": today.isoformat()})
    fields["group_name"] = _text(raw.get("union_group"))
    fields["department_name"] = _text(raw.get("department"))
    return row


def _column(name):
    return next(title.rstrip("*") for title, field_name in COLUMNS if field_name == name)


def _choice_labels():
    """Each choice column's values by the label a clerk writes (男, 在编, 在职), translated once per file rather
    than once per row: on 20,000 rows the translations cost more than the checks."""
    choices = {"gender": Member.Gender, "employment_type": Member.EmploymentType, "status": Member.Status}
    return {name: {str(label): value for value, label in kind.choices} for name, kind in choices.items()}


def _choice(row, raw, name, labels, default):
    text = _text(raw.get(name))
    by_label = labels[name]
    if not text:
        if default is None:
            row.errors.append(_("缺少%(column)s") % {"column": _column(name)})
        row.fields[name] = default
    elif text in by_label:
        row.fields[name] = by_label[text]
    else:
        row.errors.append(
            _("%(column)s“%(value)s”不在可选范围（%(choices)s）")
            % {"column": _column(name), "value": text, "choices": "、".join(by_label)}
        )
        row.fields[name] = default


def check_against_database(rows, create_missing=False):
    """Add the errors that need the database or the whole file: unknown or dissolved group or department,
    repeated ID or job numbers. With ``create_missing`` an unknown group or department is not an error: the
    row keeps its name in new_group/new_department, for the import to create it (see new_units)."""
    units = Units(create_missing=create_missing)
    for row in rows:
        units.check(row)
    refuse_repeats(rows)
    return rows


class Units:
    """The union's groups and departments by name, read once, which each row's are checked against. With
    ``create_missing`` a name the union lacks is not an error: the row keeps it in new_group/new_department."""

    def __init__(self, create_missing=False):
        self.groups = {group.name: group for group in UnionGroup.objects.all()}
        self.departments = {department.name: department for department in Department.objects.all()}
        self.create_missing = create_missing
        self.limit = Department._meta.get_field("name").max_length
        self.kinds = _("工会小组"), _("部门")  # translated once, not twice a row

    def create(self, sheet):
        """Create the groups and departments ``sheet`` names that the union lacks, in the order the file first names
        them, before its rows are written; a name too long is left to its rows' errors."""
        for name in sheet.named("department"):
            if name not in self.departments and len(name) <= self.limit:
                self.departments[name] = Department.objects.create(name=name)
        for name in sheet.named("union_group"):
            if name not in self.groups and len(name) <= self.limit:
                self.groups[name] = UnionGroup.objects.create(name=name)

    def check(self, row):
        fields, groups, departments = row.fields, self.groups, self.departments
        group_name, department_name = fields["group_name"], fields["department_name"]
        if group_name and group_name not in groups:
            row.new_group = group_name
        elif group_name and groups[group_name].dissolved_on:
            row.errors.append(_("工会小组“%(name)s”已撤销") % {"name": group_name})
        if department_name and department_name not in departments:
            row.new_department = department_name
        for kind, name in zip(self.kinds, (row.new_group, row.new_department), strict=True):
            if not name:
                continue
            if not self.create_missing:
                row.errors.append(_("%(kind)s“%(name)s”不存在") % {"kind": kind, "name": name})
            elif len(name) > self.limit:
                row.errors.append(_("%(kind)s名称不能超过%(limit)s字") % {"kind": kind, "limit": self.limit})
        fields["union_group"] = groups.get(group_name)
        fields["department"] = departments.get(department_name)


def refuse_repeats(rows):
    """The ID and job numbers given twice in the file, or already someone's on the roster, as errors of their rows."""
    _refuse_repeats(rows, "id_number", _("身份证号"))
    _refuse_repeats(rows, "job_number", _("工号"))


def _refuse_repeats(rows, key, label):
    """A value of the unique column ``key`` given twice in the file, or already someone's on the roster."""
    values = [row.fields[key] for row in rows if row.fields[key]]
    on_roster = dict(Member.objects.filter(**{f"{key}__in": values}).values_list(key, "name"))
    first_row_of = {}
    for row in rows:
        value = row.fields[key]
        if not value:
            continue
        if value in first_row_of:
            row.errors.append(_("%(label)s与第%(row)s行重复") % {"label": label, "row": first_row_of[value]})
        else:
            first_row_of[value] = row.number
        if value in on_roster:
            row.errors.append(_("%(label)s已在名册中（%(name)s）") % {"label": label, "name": on_roster[value]})


def new_units(rows):
    """The departments and the groups the rows name that the union does not have yet, each named once."""
    departments = list(dict.fromkeys(row.new_department for row in rows if row.new_department))
    groups = list(dict.fromkeys(row.new_group for row in rows if row.new_group))
    return departments, groups


# The export reads these as plain values: building 20,000 Member objects cost more than writing the sheet.
EXPORT_VALUES = [
    "name", "gender", "birth_date", "id_number", "phone", "department__name", "union_group__name",
    "employment_type", "status", "title", "post", "hire_date", "is_union_member", "joined_on", "card_number", "notes",
    "ethnicity", "political_status", "education", "job_number",
]  # fmt: skip
EXPORT_CHUNK = 2000


def export_workbook(members, show_id_number):
    """The roster queryset ``members`` as .xlsx, streamed: values in chunks into a write-only sheet."""
    choices = {"gender": Member.Gender, "employment_type": Member.EmploymentType, "status": Member.Status}
    labels = {name: translated_labels(kind) for name, kind in choices.items()}
    yes, no = _("是"), _("否")
    book = Workbook(write_only=True)
    sheet = start_sheet(book, _("名册"), [_("序号"), *(title.rstrip("*") for title, _name in COLUMNS)])
    rows = members.values_list(*EXPORT_VALUES).iterator(chunk_size=EXPORT_CHUNK)
    for number, row in enumerate(rows, start=1):
        member = dict(zip(EXPORT_VALUES, row, strict=True))
        append_row(
            sheet,
            [
                number,
                member["name"],
                labels["gender"].get(member["gender"], member["gender"]),
                member["birth_date"],
                member["id_number"] if show_id_number else mask_id_number(member["id_number"]),
                member["phone"],
                member["department__name"] or "",
                member["union_group__name"] or "",
                labels["employment_type"].get(member["employment_type"], member["employment_type"]),
                labels["status"].get(member["status"], member["status"]),
                member["title"],
                member["post"],
                member["hire_date"],
                yes if member["is_union_member"] else no,
                member["joined_on"],
                member["card_number"],
                member["notes"],
                member["ethnicity"],
                member["political_status"],
                member["education"],
                member["job_number"] or "",
            ],
        )
    return workbook_bytes(book)
