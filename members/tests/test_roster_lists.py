"""The roster list, its export and its printed form: filters, order, pages and a fixed query count."""

import datetime
from io import BytesIO
from unittest import mock

import pytest
from django import forms
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from members import selectors
from members.forms import RosterFilterForm
from members.models import Department, Member, UnionGroup
from members.templatetags.roster_table import roster_rows


def add_people(count, group=None, **fields):
    department = Department.objects.get_or_create(name="教务处")[0]
    for i in range(count):
        Member.objects.create(
            name=f"测试{i:03}", gender="F", union_group=group, department=department, phone=f"1380000{i:04}", **fields
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/members/", "/members/?gender=F&sort=group&search=cs", "/members/export.xlsx", "/members/print/?status=active"],
)
def test_roster_pages_run_the_same_queries_for_3_and_60_rows(client_as, users, url):
    group = UnionGroup.objects.create(name="语文组")
    client = client_as("staff")
    add_people(3, group)
    few = queries_for(client, url)
    add_people(57, UnionGroup.objects.create(name="数学组"))
    assert queries_for(client, url) == few


def test_roster_list_stays_under_a_fixed_number_of_queries(client_as, users, django_assert_max_num_queries):
    add_people(60)
    client = client_as("staff")
    with django_assert_max_num_queries(9):
        client.get("/members/?page=2")


def test_status_filter_keeps_retirees_apart(db):
    Member.objects.create(name="在职甲", gender="M")
    Member.objects.create(name="退休乙", gender="F", status=Member.Status.RETIRED)
    assert [m.name for m in selectors.roster(status="retired")] == ["退休乙"]
    assert [m.name for m in selectors.roster(status="active")] == ["在职甲"]


def test_default_order_is_pinyin(db):
    for name in ("张伟", "艾青", "王芳"):
        Member.objects.create(name=name, gender="F")
    assert [m.name for m in selectors.roster()] == ["艾青", "王芳", "张伟"]


def test_roster_paginates_25_a_page(client_as, users):
    add_people(30)
    client = client_as("staff")
    first = client.get("/members/?search=cs").context["page_obj"]
    second = client.get("/members/?search=cs&page=2").context["page_obj"]
    assert len(first) == 25 and len(second) == 5
    assert {m.name for m in first}.isdisjoint(m.name for m in second)


def test_export_holds_exactly_the_filtered_rows_in_the_list_order(client_as, users):
    group = UnionGroup.objects.create(name="语文组")
    add_people(30, group)
    add_people(2, None, status=Member.Status.RETIRED)  # same names, other status: filtered out below
    query = f"union_group={group.pk}&status=active&sort=-birth"
    client = client_as("staff")
    listed = list(client.get(f"/members/?{query}").context["page_obj"].paginator.object_list)  # the keys
    sheet = load_workbook(BytesIO(client.get(f"/members/export.xlsx?{query}&page=2").content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = dict(Member.objects.values_list("pk", "name"))
    assert [row[1] for row in rows] == [names[pk] for pk in listed] and len(rows) == 30
    assert {row[9] for row in rows} == {"在职"}


def test_printed_roster_is_in_surname_stroke_order_and_filtered(client_as, users):
    for name in ("张伟", "王芳", "丁磊", "欧阳修", "欧明", "冯军", "石磊"):
        Member.objects.create(name=name, gender="F", birth_date=datetime.date(1990, 1, 1))
    Member.objects.create(name="丁退休", gender="F", status=Member.Status.RETIRED)
    response = client_as("staff").get("/members/print/?status=active&search=")
    names = [m.name for m in response.context["members"] if m.user_id is None]
    assert names == ["丁磊", "王芳", "石磊", "冯军", "张伟", "欧明", "欧阳修"]
    content = response.content.decode()
    assert "按姓氏笔画排序" in content and "@page" in content and "1990.01" in content


def test_printed_roster_shows_no_id_numbers(client_as, users):
    Member.objects.create(name="丁磊", gender="M", id_number="11010519491231002X")
    content = client_as("chair").get("/members/print/").content.decode()
    assert "11010519491231002X" not in content and "002X" not in content


def test_a_filter_on_a_dissolved_group_says_so_and_shows_everyone(client_as, users):
    group = UnionGroup.objects.create(name="旧书法组", dissolved_on=datetime.date(2025, 7, 1))
    add_people(2)
    page = client_as("staff").get(f"/members/?union_group={group.pk}").content.decode()
    assert 'data-testid="filter-errors"' in page and "所选工会小组不存在或已撤销。" in page
    assert "测试000" in page and "测试001" in page
    assert 'data-testid="filter-errors"' not in client_as("staff").get("/members/?gender=F").content.decode()


def filter_alert(page):
    start = page.index('data-testid="filter-errors"')
    return page[start : page.index("</div>", start)]


def test_a_filter_error_names_its_field_once(client_as, users):
    alert = filter_alert(client_as("staff").get("/members/?status=bogus").content.decode())
    assert "人员状态：“bogus”不在可选范围内，请重新选择。" in alert
    assert alert.count("人员状态") == 1


def test_roster_rows_show_the_chinese_labels_of_gender_employment_and_status(client_as, users):
    Member.objects.create(name="退休甲", gender="M", employment_type="contract", status=Member.Status.RETIRED)
    page = client_as("staff").get("/members/").content.decode()
    row = page[page.index("退休甲") :]
    row = row[: row.index("</tr>")]
    assert "<td>男</td>" in row and '<td class="d-none d-md-table-cell">聘用</td>' in row and "<td>退休</td>" in row


def test_roster_rows_without_department_or_group_show_a_dash(client_as, users):
    Member.objects.create(name="无组乙", gender="F", employment_type="contract")
    page = client_as("staff").get("/members/").content.decode()
    row = page[page.index("无组乙") :]
    row = row[: row.index("</tr>")]
    assert '<td class="d-none d-md-table-cell">—</td>' in row and "<td>—</td>" in row


def test_group_filter_lists_current_groups_as_djangos_select_would(users):
    UnionGroup.objects.create(name="数学组", sort_order=2)
    chosen = UnionGroup.objects.create(name="语<文>组", sort_order=1)
    UnionGroup.objects.create(name="旧组", dissolved_on=datetime.date(2025, 7, 1))
    field = forms.ModelChoiceField(queryset=UnionGroup.objects.current(), empty_label="全部小组")
    form = RosterFilterForm({"union_group": str(chosen.pk)})
    expected = forms.Select(choices=field.choices, attrs=form.fields["union_group"].widget.attrs)
    rendered = str(form["union_group"])
    assert parse_html(rendered) == parse_html(expected.render("union_group", chosen.pk, attrs={"id": "id_union_group"}))
    assert "旧组" not in rendered and f'<option value="{chosen.pk}" selected>语&lt;文&gt;组</option>' in rendered


def test_group_filter_kept_from_an_earlier_request_follows_the_groups_the_choice_and_the_language(users):
    group = UnionGroup.objects.create(name="数学组")
    assert ">数学组</option>" in str(RosterFilterForm({})["union_group"])
    group.name = "数学教研组"
    group.save()
    assert ">数学教研组</option>" in str(RosterFilterForm({})["union_group"])
    chosen = str(RosterFilterForm({"union_group": str(group.pk)})["union_group"])
    assert f'<option value="{group.pk}" selected>数学教研组</option>' in chosen
    with translation.override("en"):
        english = str(RosterFilterForm({})["union_group"])
    assert "全部小组" not in english and "全部小组" in str(RosterFilterForm({})["union_group"])


def test_roster_rows_escape_what_was_typed_and_mark_people_without_login_or_membership():
    typed = selectors.RosterRow(
        url="/members/7/", name='<b>"王"&', has_login=False, gender="女", department="教务处",
        union_group="A&B组", employment_type="聘用", status="在职", is_union_member=True,
    )  # fmt: skip
    plain = selectors.RosterRow(
        url="/members/8/", name="李四", has_login=True, gender="男", department="—",
        union_group="—", employment_type="在编", status="退休", is_union_member=False,
    )  # fmt: skip
    with translation.override("zh-hans"):
        html = roster_rows([typed, plain])
    assert html == (
        "\n      <tr>"
        '\n        <td><a href="/members/7/">&lt;b&gt;&quot;王&quot;&amp;</a> <span class="badge text-bg-light border"'
        ' title="还没有登录账号" data-testid="no-login">无账号</span></td>'
        "\n        <td>女</td>"
        '\n        <td class="d-none d-md-table-cell">教务处</td>'
        "\n        <td>A&amp;B组</td>"
        '\n        <td class="d-none d-md-table-cell">聘用</td>'
        "\n        <td>在职</td>"
        '\n        <td><i class="bi bi-check-lg text-success" title="会员"></i></td>'
        "\n      </tr>\n    "
        "\n      <tr>"
        '\n        <td><a href="/members/8/">李四</a></td>'
        "\n        <td>男</td>"
        '\n        <td class="d-none d-md-table-cell">—</td>'
        "\n        <td>—</td>"
        '\n        <td class="d-none d-md-table-cell">在编</td>'
        "\n        <td>退休</td>"
        "\n        <td>—</td>"
        "\n      </tr>\n    "
    )


def test_the_group_filter_reads_the_groups_afresh_through_sql_built_once(db):
    UnionGroup.objects.create(name="语文组", sort_order=2)
    selectors.current_group_names()
    UnionGroup.objects.create(name="数学组", sort_order=1)
    UnionGroup.objects.create(name="旧组", dissolved_on=datetime.date(2025, 7, 1))
    with mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("the SQL was built again")):
        assert [name for _pk, name in selectors.current_group_names()] == ["数学组", "语文组"]
