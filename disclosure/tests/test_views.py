import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_init
from django.db.models.sql import Query
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from disclosure import services
from disclosure.models import Attachment, Category, DisclosureItem, Objection
from members.models import Department

from .factories import make_category, make_item

pytestmark = pytest.mark.django_db
PUBLIC = DisclosureItem.Audience.PUBLIC
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


def office_file(kind):
    part = services.ZIP_MAIN_PARTS[kind].decode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override ContentType="{part}"/></Types>')
    return buffer.getvalue()


def item_post(category, **extra):
    return {
        "category": category.pk,
        "title": "食堂招标结果",
        "body": "第一行\n<script>x</script>",
        "audience": "internal",
        **extra,
    }


def test_visitor_sees_only_public_items_on_the_board_and_in_search(client):
    make_item("published", title="对外招标公告", audience=PUBLIC)
    make_item("published", title="内部招标结果")
    make_item("draft", title="草稿招标", audience=PUBLIC)
    page = client.get("/disclosure/?q=招标").content.decode()
    assert "对外招标公告" in page and "内部招标结果" not in page and "草稿招标" not in page


def test_member_sees_internal_items_but_not_drafts(client_as):
    make_item("published", title="内部招标结果")
    make_item("pending", title="待审事项")
    page = client_as("member").get("/disclosure/").content.decode()
    assert "内部招标结果" in page and "待审事项" not in page


def test_guessed_url_of_an_internal_item_or_its_attachment_is_404_for_a_visitor(client):
    item = make_item("draft")
    attachment = services.add_attachment(item=item, actor=None, upload=SimpleUploadedFile("a.pdf", PDF))
    services.submit(item=item, actor=None)
    services.approve(item=item, actor=None, period_start=TODAY, period_end=TODAY)
    for url in [
        f"/disclosure/{item.pk}/",
        f"/disclosure/{item.pk}/print/",
        f"/disclosure/attachments/{attachment.pk}/",
    ]:
        assert client.get(url).status_code == 404
    assert client.get("/disclosure/999999/").status_code == 404


def test_public_attachment_is_served_to_a_visitor(client):
    item = make_item("draft", audience=PUBLIC)
    attachment = services.add_attachment(item=item, actor=None, upload=SimpleUploadedFile("表.pdf", PDF))
    assert client.get(f"/disclosure/attachments/{attachment.pk}/").status_code == 404  # still a draft
    services.submit(item=item, actor=None)
    services.approve(item=item, actor=None, period_start=TODAY, period_end=TODAY)
    response = client.get(f"/disclosure/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_body_is_escaped_and_keeps_its_line_breaks(client_as):
    category = make_category()
    client_as("staff").post("/disclosure/new/", item_post(category))
    item = DisclosureItem.objects.get()
    page = client_as("staff").get(f"/disclosure/{item.pk}/").content.decode()
    assert "<p>第一行<br>&lt;script&gt;x&lt;/script&gt;</p>" in page


@pytest.mark.parametrize(
    "name, content",
    [
        ("a.pdf", PDF),
        ("a.png", PNG),
        ("a.jpg", b"\xff\xd8\xff\xe0xx"),
        ("a.xlsx", office_file("xlsx")),
        ("a.docx", office_file("docx")),
    ],
)
def test_allowed_files_are_accepted_by_content(name, content, client_as):
    client_as("staff").post(
        "/disclosure/new/", {**item_post(make_category()), "attachment": SimpleUploadedFile(name, content)}
    )
    assert Attachment.objects.get().name == name


@pytest.mark.parametrize(
    "name, content",
    [
        ("setup.pdf", b"MZ\x90\x00exe"),
        ("a.docx", office_file("xlsx")),
        ("a.xlsx", b"PK\x03\x04broken"),
        ("a.exe", b"MZ"),
        ("a.png", PDF),
    ],
)
def test_file_whose_content_does_not_match_is_refused_and_the_text_kept(name, content, client_as):
    response = client_as("staff").post(
        "/disclosure/new/", {**item_post(make_category()), "attachment": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "未上传" in page or "只能上传" in page
    assert "食堂招标结果" in page and "第一行" in page
    assert not DisclosureItem.objects.exists() and not Attachment.objects.exists()


@override_settings(DISCLOSURE_MAX_UPLOAD_BYTES=1024)
def test_oversized_file_is_refused_with_a_clear_message_and_the_draft_keeps_its_text(client_as):
    item = make_item("draft")
    response = client_as("staff").post(
        f"/disclosure/{item.pk}/edit/",
        {**item_post(item.category, body="改过的内容"), "attachment": SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)},
    )
    page = response.content.decode()
    assert "超过了 1.0\xa0KB 的上限，未上传" in page
    assert "改过的内容" in page
    item.refresh_from_db()
    assert item.body == "收入\n支出" and not item.attachments.exists()


def test_handler_drafts_for_his_department_and_staff_review(client_as, users):
    department = Department.objects.create(name="总务处")
    users["handler"].member.department = department
    users["handler"].member.save()
    category = make_category()
    handler = client_as("handler")
    handler.post("/disclosure/new/", item_post(category, department=department.pk))
    item = DisclosureItem.objects.get()
    assert item.department == department
    handler.post(f"/disclosure/{item.pk}/submit/")
    item.refresh_from_db()
    assert item.status == "pending"
    refused = handler.post(f"/disclosure/{item.pk}/approve/", follow=True).content.decode()
    assert "您不能预审通过并公示这个公开事项。" in refused
    item.refresh_from_db()
    assert item.status == "pending"
    assert handler.get("/disclosure/work/").content.decode().count("食堂招标结果") == 1


def test_handler_of_another_department_cannot_see_or_edit_a_draft(client_as):
    item = make_item("draft", department=Department.objects.create(name="教务处"))
    assert client_as("handler").get(f"/disclosure/{item.pk}/").status_code == 404
    assert client_as("handler").get(f"/disclosure/{item.pk}/edit/").status_code == 404


def test_review_flow_through_the_pages(client_as, users):
    item = make_item("pending")
    staff = client_as("staff")
    staff.post(f"/disclosure/{item.pk}/return/", {"comment": "补充明细"})
    item.refresh_from_db()
    assert item.status == "returned"
    staff.post(f"/disclosure/{item.pk}/edit/", item_post(item.category, body="含明细"))
    staff.post(f"/disclosure/{item.pk}/submit/")
    staff.post(
        f"/disclosure/{item.pk}/approve/", {"period_start": TODAY, "period_end": TODAY + datetime.timedelta(days=4)}
    )
    item.refresh_from_db()
    assert item.status == "published"
    page = staff.get(f"/disclosure/{item.pk}/").content.decode()
    assert "剩 5 天" in page and 'data-testid="timeline"' in page
    response = staff.post(f"/disclosure/{item.pk}/close/", follow=True)
    assert "尚未结束" in response.content.decode()


def test_member_objects_and_sees_the_answer(client, users):
    item = make_item("published")
    client.force_login(users["member"])
    client.post(f"/disclosure/{item.pk}/objections/", {"content": "数字对不上"})
    objection = item.objections.get()
    client.force_login(users["staff"])
    client.post(f"/disclosure/objections/{objection.pk}/answer/", {"answer": "已核对无误"})
    client.force_login(users["member"])
    page = client.get(f"/disclosure/{item.pk}/").content.decode()
    assert "数字对不上" in page and "已核对无误" in page
    assert 'data-testid="timeline"' not in page


def test_read_receipts_and_who_has_not_signed(client, users):
    item = make_item("published", needs_signature=True)
    client.force_login(users["member"])
    client.post(f"/disclosure/{item.pk}/sign/")
    assert item.receipts.filter(user=users["member"]).exists()
    client.force_login(users["staff"])
    unsigned = client.get(f"/disclosure/{item.pk}/").context["unsigned"]
    names = {m.name for m in unsigned}
    assert "member" not in names and "delegate" in names


def test_board_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(30):
        make_item("published", title=f"事项{n}", audience=PUBLIC)
    with django_assert_max_num_queries(5):  # session, union profile, the years, the count, the page's items
        client.get("/disclosure/")


def test_the_boards_index_holds_what_the_board_shows():
    (index,) = [index for index in DisclosureItem._meta.indexes if index.name == "disclosure_on_board_idx"]
    assert index.condition == Q(status__in=sorted(DisclosureItem.ON_BOARD))


def _board_queries(client):
    for n in range(30):
        make_item("published", title=f"事项{n}", audience=PUBLIC)
    with CaptureQueriesContext(connection) as queries:
        client.get("/disclosure/")
    items = [query["sql"] for query in queries if 'FROM "disclosure_disclosureitem"' in query["sql"]]
    (count,) = [sql for sql in items if "COUNT(*)" in sql]
    (rows,) = [sql for sql in items if "LIMIT 25" in sql]
    return count, rows


def test_the_board_counts_its_items_without_joining_their_categories(client):
    count, rows = _board_queries(client)
    assert "JOIN" not in count and 'JOIN "disclosure_category"' in rows


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_the_board_counts_from_an_index_alone_and_reads_its_page_in_the_boards_order(client):
    count, rows = _board_queries(client)
    with connection.cursor() as cursor:
        # a test database this small is cheaper to read whole: the plans for 42,000 items, as the bench's
        for way in ("seqscan", "bitmapscan", "sort"):
            cursor.execute(f"SET LOCAL enable_{way} = off")
        plans = []
        for sql in (count, rows):
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row for (row,) in cursor.fetchall()))
    assert "Index Only Scan" in plans[0] and "disclosure_category" not in plans[0]
    assert "Index Scan using disclosure_on_board_idx" in plans[1] and "Sort" not in plans[1]


def test_the_boards_lines_say_each_items_state_without_building_an_item_per_line(client_as, users):
    published = make_item("published", title="公示中的事项", audience=PUBLIC)
    answered = make_item("closed", title="有异议的事项", audience=PUBLIC)
    Objection.objects.create(item=answered, author=users["member"].member, content="?")
    make_item("closed", title="无异议的事项", audience=PUBLIC)
    make_item("archived", title="对内归档的事项")
    built = []

    def counted(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(counted, sender=DisclosureItem)
    try:
        page = client_as("member").get("/disclosure/").text
    finally:
        post_init.disconnect(counted, sender=DisclosureItem)
    assert not built
    lines = [line.split("</a>")[0] for line in page.split('<a class="list-group-item')[1:]]
    assert len(lines) == 4
    line = next(line for line in lines if "公示中的事项" in line)
    assert f'href="/disclosure/{published.pk}/"' in line and "公示中 · 剩 7 天" in line and "对内" not in line
    assert f"{published.published_on:%Y-%m-%d} · {published.category.name}" in line
    assert any("有异议的事项" in line and "公示期满，异议已答复" in line for line in lines)
    assert any("无异议的事项" in line and "无异议</span>" in line and "对内" not in line for line in lines)
    assert any("对内归档的事项" in line and "已归档" in line and "对内</span>" in line for line in lines)


def test_the_filter_bars_categories_and_years_are_read_through_sql_built_once_per_process(client, monkeypatch):
    make_item("published", title="对外事项", audience=PUBLIC, category=make_category("招标采购"))
    client.get("/disclosure/")
    compiled = []
    as_sql = SQLCompiler.as_sql

    def recorded(compiler, *args, **kwargs):
        compiled.append(compiler.query.model)
        return as_sql(compiler, *args, **kwargs)

    def not_again(query):
        raise AssertionError(f"built again: {query.model}")

    monkeypatch.setattr(SQLCompiler, "as_sql", recorded)
    monkeypatch.setattr(Query, "sql_with_params", not_again)
    page = client.get("/disclosure/").text
    assert ">招标采购</option>" in page and f">{TODAY.year}</option>" in page and "对外事项" in page
    assert Category not in compiled


def test_board_search_ignores_case_only_where_the_words_have_one(client_as):
    make_item("published", title="PDF 版财务报表")
    make_item("published", title="工会经费", body="见附件 pdf")
    member = client_as("member")
    with CaptureQueriesContext(connection) as queries:
        chinese = member.get("/disclosure/?q=财务")
    assert "财务报表" in chinese.text and "工会经费" not in chinese.text
    assert not any("UPPER" in query["sql"] or "LOWER" in query["sql"] for query in queries)
    latin = member.get("/disclosure/?q=Pdf")
    assert "财务报表" in latin.text and "工会经费" in latin.text


def test_board_lists_the_years_and_the_total_of_what_the_reader_may_see(client, client_as):
    for n in range(26):
        make_item("published", title=f"对外{n}", audience=PUBLIC)
    internal = make_item("published", title="对内事项")
    earlier = timezone.localdate().year - 3
    DisclosureItem.objects.filter(pk=internal.pk).update(published_on=datetime.date(earlier, 6, 1))
    this_year = timezone.localdate().year
    visitor = client.get("/disclosure/")
    assert visitor.context["years"] == [this_year] and visitor.context["page_obj"].paginator.count == 26
    member = client_as("member").get("/disclosure/")
    assert member.context["years"] == [this_year, earlier] and "共 27 条" in member.text
    assert client_as("member").get(f"/disclosure/?year={earlier}").context["page_obj"].paginator.count == 1


def test_board_filters_by_category_and_keeps_it_chosen_in_the_filter_bar(client_as):
    tender = make_item("published", title="食堂招标结果", category=make_category("招标采购"))
    make_item("published", title="财务收支")
    page = client_as("member").get(f"/disclosure/?category={tender.category_id}").text
    assert "食堂招标结果" in page and "财务收支" not in page
    assert f'<option value="{tender.category_id}" selected>招标采购</option>' in page


def test_print_page_is_a_sheet(client):
    item = make_item("published", audience=PUBLIC)
    page = client.get(f"/disclosure/{item.pk}/print/").content.decode()
    assert "@page { size: A4" in page and item.title in page


def test_staff_load_the_category_set(client_as):
    client_as("staff").post("/disclosure/categories/load/")
    assert client_as("staff").get("/disclosure/categories/").context["categories"].count() == 17


def test_upload_limit_defaults_to_20_mb():
    assert services.max_upload_bytes() == 20 * 1024 * 1024


def test_the_edit_link_shows_while_the_item_may_be_edited(client_as):
    for state, shown in (("draft", True), ("returned", True), ("rectifying", True), ("pending", False)):
        item = make_item(state)
        assert ("修改</a>" in client_as("staff").get(item.get_absolute_url()).content.decode()) is shown, state
