"""The congress's printed documents: rendered through the job queue and read back with pypdf."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from congress import appraisal_services, proposal_services
from congress.documents import ConveningNotice, DelegateRoster, ReplyLetter
from congress.models import Appraisal, AppraisalReceipt, Appraisee, Proposal
from members.models import Department
from unionportal.documents.models import Job
from unionportal.documents.rendering import document_html
from unionportal.documents.tests.pdf_layout import (
    assert_official_layout,
    has_chinese_font,
    read_pages,
    save_screenshots,
)
from unionportal.documents.tests.test_notice import font_names
from unionportal.models import UnionProfile

from .factories import make_delegate, make_member, make_session, make_term, mark_present

pytestmark = pytest.mark.django_db


def text_of(job):
    return "".join(page.extract_text() for page in PdfReader(job.file.path).pages).replace(" ", "")


@pytest.fixture
def world(users):
    term = make_term(number=4)
    session = make_session(
        term,
        number=2,
        title="第四届第二次教职工代表大会",
        starts_on=datetime.date(2026, 12, 9),
        ends_on=datetime.date(2026, 12, 10),
    )
    for order, title in enumerate(["听取和审议校长工作报告", "听取工会工作报告"], 1):
        session.agenda.create(order=order, title=title)
    for code in ("delegate", "chair", "staff"):
        make_delegate(term, users[code].member)
    # 王 (4 strokes) before 刘 (6) before 张 (7) before 赵 (9), whatever the pinyin says
    named = [make_delegate(term, make_member(name)) for name in ("赵强", "张伟", "王芳", "刘洋")]
    make_delegate(term, make_member("马离任"), active=False)
    department = Department.objects.create(name="总务处", head=users["handler"].member)
    return {"term": term, "session": session, "named": named, "department": department}


def proposal_in(world, users, title, *, to="closed", rating="satisfied"):
    cosigners = [d.member for d in world["named"][:2]]
    proposal = proposal_services.draft_proposal(
        session=world["session"], proposer=users["delegate"].member, title=title, content="理由"
    )
    proposal_services.invite_cosigners(proposal=proposal, cosigners=cosigners, actor=None)
    for member in cosigners:
        proposal_services.cosign(proposal=proposal, member=member, actor=None)
    proposal = proposal_services.submit(proposal=proposal, actor=None)
    if to == "rejected":
        return proposal_services.reject(proposal=proposal, actor=None, reason="个人诉求")
    proposal_services.register(proposal=proposal, actor=None)
    proposal_services.assign(
        proposal=proposal, actor=None, lead_department=world["department"], deadline=datetime.date(2027, 1, 31)
    )
    if to == "assigned":
        return proposal
    proposal_services.reply(proposal=proposal, actor=None, text="已研究落实。\n下学期起增加菜品。")
    if to == "replied":
        return Proposal.objects.get(pk=proposal.pk)
    proposal_services.rate(proposal=Proposal.objects.get(pk=proposal.pk), actor=None, rating=rating, on_behalf=True)
    return proposal_services.close(proposal=Proposal.objects.get(pk=proposal.pk), actor=None)


def closed_appraisal(world):
    term = world["term"]
    appraisal = Appraisal.objects.create(term=term, session=world["session"], title="2026年度校领导民主评议")
    head = Appraisee.objects.create(appraisal=appraisal, member=make_member("李校长"), post="校长", order=1)
    deputy = Appraisee.objects.create(appraisal=appraisal, member=make_member("周副校长"), post="副校长", order=2)
    appraisal_services.open_appraisal(appraisal=appraisal)
    mark_present(world["session"])
    plan = ["satisfied", "satisfied", "mostly", "unsatisfied"]
    for delegate, grade in zip(term.delegates.filter(active=True), plan, strict=False):
        appraisal_services.cast_appraisal_ballot(
            appraisal=appraisal, member=delegate.member, grades={head.pk: grade, deputy.pk: "satisfied"}
        )
    return appraisal_services.publish_appraisal(appraisal=appraisal_services.close_appraisal(appraisal=appraisal))


def post_and_run(client, url, django_capture_on_commit_callbacks, data=None):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data or {})
    job = Job.objects.order_by("-created_at").first()
    if job:
        job.refresh_from_db()
    return response, job


def test_convening_notice_is_an_official_notice_with_the_agenda(client_as, world, django_capture_on_commit_callbacks):
    session = world["session"]
    url = f"/congress/sessions/{session.pk}/notice/"
    client = client_as("staff")
    assert client.get(url).status_code == 200
    data = {
        "issuing_body": "青山市实验中学工会委员会",
        "number": "青实工〔2026〕15号",
        "addressees": "全体代表、各代表组",
        "time": "",
        "venue": "学校报告厅",
        "observers": "离退休教师代表",
        "requirements": "请代表提前十分钟签到。",
        "date": "2026-11-25",
    }
    response, job = post_and_run(client, url, django_capture_on_commit_callbacks, data)
    assert response.url == f"/documents/{job.pk}/"
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    for expected in [
        "青山市实验中学工会委员会文件",
        "青实工〔2026〕15号",
        "关于召开第四届第二次教职工代表大会的通知",
        "2026年12月9日至12月10日",
        "学校报告厅",
        "共7人",  # the seven serving delegates; the one who left is not counted
        "（一）听取和审议校长工作报告",
        "离退休教师代表",
        "2026年11月25日",
    ]:
        assert expected in text
    assert_official_layout(
        Path(job.file.path), signer="青山市实验中学工会委员会", date="2026年11月25日", name="convening-notice"
    )
    assert has_chinese_font(font_names(job))


def test_convening_notice_reads_the_agenda_without_its_session(world):
    """The items of one session, in their order: not joined to the sessions and terms that order them by default."""
    session = world["session"]
    session.agenda.create(order=0, title="开幕式")
    params = {"session": session.pk, "time": "", "venue": "报告厅", "observers": "", "requirements": ""}
    params |= {"issuing_body": "工会委员会", "number": "", "addressees": "全体代表", "date": "2026-11-25"}
    with CaptureQueriesContext(connection) as queries:
        paragraphs = ConveningNotice.context(params, report_progress=None)["official"].paragraphs
    agenda = [text for text in paragraphs if text.startswith("（")]
    assert agenda == ["（一）开幕式", "（二）听取和审议校长工作报告", "（三）听取工会工作报告"]
    (read,) = [query["sql"] for query in queries if 'FROM "congress_agendaitem"' in query["sql"]]
    assert "JOIN" not in read


def test_convening_notice_form_keeps_what_was_typed_when_the_venue_is_missing(client_as, world):
    response = client_as("chair").post(
        f"/congress/sessions/{world['session'].pk}/notice/", {"issuing_body": "工会", "number": "青实工〔2026〕15号"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "请填写会议地点。" in content and "青实工〔2026〕15号" in content
    assert not Job.objects.exists()


def test_delegate_roster_lists_serving_delegates_in_surname_stroke_order(
    client_as, world, django_capture_on_commit_callbacks
):
    response, job = post_and_run(
        client_as("chair"), f"/congress/terms/{world['term'].pk}/delegates/print/", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    assert "第四届教职工代表大会代表名册" in text and "以姓氏笔画为序" in text
    positions = [text.index(name) for name in ("王芳", "刘洋", "张伟", "赵强")]
    assert positions == sorted(positions)
    assert "马离任" not in text
    assert "代表7人" in text


def test_delegate_roster_orders_equal_stroke_counts_by_the_first_stroke(users):
    term = make_term()
    for name in ("司立", "冯军", "白雪", "田野", "石磊"):  # five strokes each
        make_delegate(term, make_member(name))
    delegates = DelegateRoster.context({"term": term.pk}, report_progress=None)["delegates"]
    assert [d.member.name for d in delegates] == ["石磊", "田野", "白雪", "冯军", "司立"]  # 横 竖 撇 点 折


def test_reply_letter_names_proposer_cosigners_reply_and_handler(
    client_as, users, world, django_capture_on_commit_callbacks
):
    proposal = proposal_in(world, users, "关于改善教工食堂饭菜质量的建议", to="replied")
    response, job = post_and_run(
        client_as("handler"), f"/congress/proposals/{proposal.pk}/reply/print/", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    for expected in [
        "关于第1号提案的答复函",
        "delegate、赵强、张伟代表",
        "关于改善教工食堂饭菜质量的建议",
        "下学期起增加菜品",
        "总务处",
        "handler",  # the head of the lead department handles it
        "提案答复意见回执",
        "基本满意",
    ]:
        assert expected in text
    replied = timezone.localdate(proposal.replied_at)
    assert_official_layout(
        Path(job.file.path),
        signer="总务处",
        date=f"{replied.year}年{replied.month}月{replied.day}日",
        name="reply-letter",
    )
    _response, word = post_and_run(
        client_as("handler"), f"/documents/{job.pk}/word/", django_capture_on_commit_callbacks
    )
    assert word.kind == "congress_reply_letter_docx" and word.status == Job.Status.DONE, word.error
    document = Document(word.file.path)
    styles = {paragraph.style.name: paragraph.text for paragraph in document.paragraphs}
    assert styles["Signature"] == "总务处" and styles["Title"] == "关于第1号提案的答复函"
    assert any(paragraph.text == "提案答复意见回执" for paragraph in document.paragraphs)  # the slip comes along


def test_reply_letter_only_for_congress_staff_and_the_handling_head(
    client_as, users, world, django_capture_on_commit_callbacks
):
    proposal = proposal_in(world, users, "关于改善校园停车秩序的建议", to="replied")
    url = f"/congress/proposals/{proposal.pk}/reply/print/"
    for role in ("member", "delegate", "welfare", "auditor"):
        assert client_as(role).post(url).status_code == 403
    other_head = make_member("另一部门负责人")
    Department.objects.create(name="教务处", head=other_head)
    for role in ("chair", "staff", "handler"):
        response, job = post_and_run(client_as(role), url, django_capture_on_commit_callbacks)
        assert response.status_code == 302 and job.owner == users[role]


def test_reply_letter_refused_before_the_reply(client_as, users, world):
    proposal = proposal_in(world, users, "关于改善冬季供暖的建议", to="assigned")
    response = client_as("staff").post(f"/congress/proposals/{proposal.pk}/reply/print/")
    assert response.url == f"/congress/proposals/{proposal.pk}/"
    assert not Job.objects.exists()


def test_reply_letter_reads_only_what_it_prints(users, world):
    """Its data is a few small reads beside WeasyPrint: the proposal without its text, the names of the people
    and departments it names (no ID number or phone), the union."""
    proposal = proposal_in(world, users, "关于改善教工食堂饭菜质量的建议", to="replied")
    with CaptureQueriesContext(connection) as queries:
        html = document_html(ReplyLetter, {"proposal": proposal.pk})
    assert "delegate、赵强、张伟代表" in html and "关于改善教工食堂饭菜质量的建议" in html
    sql = [query["sql"] for query in queries]
    assert len(sql) == 4, "\n".join(sql)  # the proposal, its co-signers, its helping departments, the union
    unread = ('"congress_proposal"."content"', '"members_member"."id_number"', '"members_member"."phone"')
    assert not [text for text in sql if any(column in text for column in unread)]
    assert not [text for text in sql if "congress_proposalcosigner" in text and 'JOIN "congress_proposal"' in text]


def test_proposal_register_shows_handling_and_kpis(client_as, users, world, django_capture_on_commit_callbacks):
    proposal_in(world, users, "关于增设教职工休息室的建议")
    proposal_in(world, users, "关于改善冬季供暖的建议", rating="mostly")
    proposal_in(world, users, "关于增加教研经费的建议", to="assigned")
    proposal_in(world, users, "关于提高个人待遇的建议", to="rejected")
    proposal_services.draft_proposal(
        session=world["session"], proposer=users["delegate"].member, title="草稿提案", content="x"
    )
    response, job = post_and_run(
        client_as("staff"),
        f"/congress/sessions/{world['session'].pk}/proposals/print/",
        django_capture_on_commit_callbacks,
    )
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    assert "第四届第二次教职工代表大会提案登记表" in text
    assert "草稿提案" not in text  # drafts are not received
    for expected in ["关于增设教职工休息室的建议", "关于提高个人待遇的建议", "不立案", "办理中", "已办结", "总务处"]:
        assert expected in text
    # 4 received, 3 registered (75%), 2 of 3 closed (66.7%), both rated 满意 or 基本满意 (100%)
    assert "4375.0%66.7%100.0%" in text
    assert PdfReader(job.file.path).pages[0].mediabox.width > PdfReader(job.file.path).pages[0].mediabox.height


def test_appraisal_result_sheet_has_counts_and_rates_and_no_voter(
    client_as, users, world, django_capture_on_commit_callbacks
):
    appraisal = closed_appraisal(world)
    UnionProfile.objects.update_or_create(pk=1, defaults={"name": "青山市第一实验中学工会委员会"})  # a long name
    response, job = post_and_run(
        client_as("chair"), f"/congress/appraisals/{appraisal.pk}/result/print/", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    assert "2026年度校领导民主评议结果" in text
    assert "应参评7人，实参评4人" in text
    assert "李校长校长250.0125.0125.0475.0%" in text  # 2 满意, 1 基本满意, 1 不满意 of 4 → 75% 满意率
    voters = [r.member.name for r in AppraisalReceipt.objects.select_related("member")]
    assert voters and not any(name in text for name in voters if name not in ("chair", "staff", "delegate"))
    save_screenshots(Path(job.file.path), "appraisal-result")
    pages = read_pages(Path(job.file.path))
    today = timezone.localdate()
    assert any(f"{today.year}年{today.month}月{today.day}日" in line.text for line in pages[-1].lines)
    assert all(line.right <= page.width - 10 for page in pages for line in page.lines)  # nothing cut off


def test_appraisal_result_sheet_marks_leaders_above_the_flag_share(
    client_as, world, django_capture_on_commit_callbacks
):
    appraisal = closed_appraisal(world)
    Appraisal.objects.filter(pk=appraisal.pk).update(flag_share=20)  # 1 不满意 of 4 = 25%
    _response, job = post_and_run(
        client_as("chair"), f"/congress/appraisals/{appraisal.pk}/result/print/", django_capture_on_commit_callbacks
    )
    text = text_of(job)
    assert "李校长※" in text and "标※者：不满意/不称职票超过有效票的20.0%" in text


def test_appraisal_result_refused_while_the_appraisal_is_open(client_as, world):
    appraisal = Appraisal.objects.create(term=world["term"], title="进行中的评议")
    response = client_as("staff").post(f"/congress/appraisals/{appraisal.pk}/result/print/")
    assert response.url == f"/congress/appraisals/{appraisal.pk}/"
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        lambda w: f"/congress/terms/{w['term'].pk}/delegates/print/",
        lambda w: f"/congress/sessions/{w['session'].pk}/proposals/print/",
        lambda w: f"/congress/appraisals/{closed_appraisal(w).pk}/result/print/",
    ],
    ids=["roster", "register", "appraisal"],
)
def test_only_congress_staff_queue_the_session_documents(client_as, world, url, django_capture_on_commit_callbacks):
    path = url(world)
    for role in ("member", "delegate", "handler", "welfare", "auditor"):
        assert client_as(role).post(path).status_code == 403
    for role in ("chair", "staff"):
        assert client_as(role).post(path).status_code == 302
    assert Job.objects.count() == 2


def test_a_document_whose_object_was_deleted_fails_with_a_chinese_reason(
    users, world, django_capture_on_commit_callbacks
):
    from unionportal.documents.services import queue_document

    term = make_term()
    with django_capture_on_commit_callbacks(execute=True):
        job = queue_document(owner=users["staff"], kind="congress_delegate_roster", params={"term": term.pk})
        term.delete()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "已被删除" in job.error


def test_delegate_roster_of_an_enterprise_union_names_the_workers_congress(world):
    UnionProfile.objects.update_or_create(pk=1, defaults={"name": "青山机械厂工会", "kind": "enterprise"})
    assert DelegateRoster.title({"term": world["term"].pk}) == "第四届职工代表大会代表名册"
