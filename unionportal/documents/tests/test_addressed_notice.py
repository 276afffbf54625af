"""逐人通知: one notice to many people as one job and one PDF, a copy per addressee."""

import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from members import addressees
from members.models import Department, Member, UnionGroup
from unionportal.documents import notice_batch, services
from unionportal.documents.models import Job

NOTICE = {
    "issuing_body": "青山市实验中学工会委员会",
    "number": "青实工〔2026〕13号",
    "title": "关于组织教职工年度健康体检的通知",
    "body": "工会将组织全体教职工参加年度健康体检。\n请于规定日期上午八时前空腹到校医院报到。",
    "date": "2026-12-01",
}


@pytest.fixture
def union(db):
    maths, office = Department.objects.create(name="数学组"), Department.objects.create(name="办公室")
    first = UnionGroup.objects.create(name="第一小组", sort_order=1)
    second = UnionGroup.objects.create(name="第二小组", sort_order=2)

    def person(name, department, group, number, status=Member.Status.ACTIVE):
        return Member.objects.create(
            name=name, gender="F", department=department, union_group=group, job_number=number, status=status
        )

    return {
        "maths": maths,
        "second": second,
        "people": [
            person("王芳", maths, second, "T001"),
            person("李娜", maths, first, "T002"),
            person("赵强", office, first, "T003"),
            person("钱老", maths, first, "T004", Member.Status.RETIRED),
            person("孙故", office, second, "T005", Member.Status.DECEASED),
        ],
    }


def queue(owner, capture, **params):
    with capture(execute=True):
        job = services.queue_document(owner=owner, kind="addressed_notice", params={**NOTICE, **params})
    job.refresh_from_db()
    return job


def pages_text(job):
    text = subprocess.run(["pdftotext", "-layout", job.file.path, "-"], capture_output=True, text=True, check=True)
    return [page.replace(" ", "") for page in text.stdout.split("\f") if page.strip()]


def test_everyone_in_service_is_addressed_group_by_group_in_roster_order(union):
    # 李娜 and 赵强 in 第一小组 (by pinyin), then 王芳 in 第二小组; the retired and the deceased are not in service
    assert addressees.addressee_names(audience="all") == ["李娜", "赵强", "王芳"]


def test_a_department_or_a_group_addresses_its_people_in_service(union):
    assert addressees.addressee_names(audience=f"department:{union['maths'].pk}") == ["李娜", "王芳"]
    assert addressees.addressee_names(audience=f"group:{union['second'].pk}") == ["王芳"]


def test_chosen_people_keep_the_order_given_and_may_be_retired(union):
    members = addressees.members_by_job_number("T004\nT001，T004")
    assert addressees.addressee_names(audience="chosen", members=members) == ["钱老", "王芳"]


def test_unknown_job_numbers_are_refused_by_number(union):
    with pytest.raises(ValidationError, match="以下工号在名册中不存在：X9、X8"):
        addressees.members_by_job_number("T001 X9 X8")


def test_the_deceased_cannot_be_chosen(union):
    with pytest.raises(ValidationError, match="以下人员已去世，不能作为通知对象：孙故"):
        addressees.members_by_job_number("T005")


def test_a_group_with_nobody_in_service_is_refused(union):
    empty = UnionGroup.objects.create(name="空小组")
    with pytest.raises(ValidationError, match="所选发送对象中没有可通知的人员。"):
        addressees.addressee_names(audience=f"group:{empty.pk}")


def test_a_department_that_is_gone_is_refused(union):
    with pytest.raises(ValidationError, match="所选的部门或工会小组已不存在"):
        addressees.addressee_names(audience="department:999999")


def test_one_job_prints_a_copy_per_addressee_each_numbered_from_one(
    users, union, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(notice_batch, "COPIES_PER_RUN", 2)  # two WeasyPrint runs, joined into one file
    job = queue(users["staff"], django_capture_on_commit_callbacks, audience="chosen", members=people(union), count=3)
    assert Job.objects.count() == 1
    assert job.status == Job.Status.DONE and job.progress == 100
    assert job.title == "关于组织教职工年度健康体检的通知（逐人，3份）"
    pages = pages_text(job)
    opening = [page for page in pages if "同志：" in page]
    assert [page.split("同志：")[0].rsplit("\n", 1)[-1] for page in opening] == ["赵强", "王芳", "钱老"]
    for page in opening:
        assert "青山市实验中学工会委员会文件" in page and "—1—" in page
    # A copy of this notice is one page; the next starts on the next sheet, leaving a blank back without a number.
    assert pages == opening
    assert len(PdfReader(job.file.path).pages) == 2 * 3 - 1


def people(union):
    return [union["people"][i].pk for i in (2, 0, 3)]


def test_members_and_welfare_officers_cannot_issue_an_addressed_notice(users, union):
    for role in ("member", "welfare"):
        with pytest.raises(PermissionDenied):
            services.queue_document(owner=users[role], kind="addressed_notice", params={**NOTICE, "audience": "all"})


def test_a_department_removed_before_printing_fails_the_job_saying_why_for_good(
    users, union, django_capture_on_commit_callbacks
):
    job = queue(users["chair"], django_capture_on_commit_callbacks, audience="department:999999", count=1)
    assert job.status == Job.Status.FAILED
    assert "所选的部门或工会小组已不存在" in job.error
    assert not job.retryable


def test_a_failed_run_can_be_retried_and_then_succeeds(users, union, monkeypatch, django_capture_on_commit_callbacks):
    real = notice_batch.weasyprint_pdf
    monkeypatch.setattr(notice_batch, "weasyprint_pdf", lambda html: (_ for _ in ()).throw(OSError("disk full")))
    job = queue(users["staff"], django_capture_on_commit_callbacks, audience="all", count=3)
    assert job.status == Job.Status.FAILED and "生成文档时出错（OSError）" in job.error
    monkeypatch.setattr(notice_batch, "weasyprint_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_job(job=job, actor=users["staff"])
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2


FORM = {"issuing_body": "工会", "title": "体检通知", "body": "请按时体检。", "date": "2026-12-01"}


def test_staff_issues_to_chosen_people_and_lands_on_the_one_job(client_as, union, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("staff").post(
            "/documents/notice/addressed/new/", {**FORM, "audience": "chosen", "job_numbers": "T003\nT001"}
        )
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.params["members"] == [union["people"][2].pk, union["people"][0].pk]
    assert job.title == "体检通知（逐人，2份）"
    assert job.status == Job.Status.DONE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"audience": ""}, "请选择发送对象。"),
        ({"audience": "group:999999x"}, "所选的发送对象不存在，请重新选择。"),
        ({"audience": "chosen", "job_numbers": ""}, "请填写指定人员的工号。"),
        ({"audience": "chosen", "job_numbers": "T001, NOPE"}, "以下工号在名册中不存在：NOPE。"),
    ],
)
def test_bad_addressees_are_refused_naming_the_field(client_as, union, data, message):
    response = client_as("chair").post("/documents/notice/addressed/new/", {**FORM, **data})
    form = response.context["form"]
    field = "job_numbers" if "工号" in message else "audience"
    assert form.errors[field] == [message]
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_a_group_without_anyone_in_service_is_refused_on_the_form(client_as, union):
    empty = UnionGroup.objects.create(name="空小组")
    response = client_as("chair").post("/documents/notice/addressed/new/", {**FORM, "audience": f"group:{empty.pk}"})
    assert response.context["form"].errors["audience"] == ["所选发送对象中没有可通知的人员。"]


def test_the_form_offers_departments_and_current_groups(client_as, union):
    from django.utils import timezone

    UnionGroup.objects.create(name="已撤销小组", dissolved_on=timezone.localdate())
    page = client_as("staff").get("/documents/notice/addressed/new/").content.decode()
    assert "全体在职教职工" in page and "数学组" in page and "第二小组" in page
    assert "已撤销小组" not in page
    assert "生成Word文档" not in page
