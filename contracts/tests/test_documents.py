"""The contract text and the inspection report, rendered through the job queue and read back."""

import pytest
from docx import Document

from congress.tests.test_documents import post_and_run, text_of
from contracts import services
from unionportal.documents.models import Job
from unionportal.models import UnionKind, UnionProfile

from .test_services import TODAY, effective, session  # noqa: F401  (the session fixture)

pytestmark = pytest.mark.django_db


def test_the_contract_text_and_the_inspection_report_print(client, users, session, django_capture_on_commit_callbacks):  # noqa: F811
    UnionProfile(name="青山精密机械有限公司工会委员会", kind=UnionKind.ENTERPRISE).save()
    contract = effective(session)
    first, second = contract.clauses.all()
    inspection = services.record_inspection(
        contract=contract, held_on=TODAY, inspectors="代表巡视组", session=session,
        results={first.pk: ("fulfilled", ""), second.pk: ("not", "3月工资延至15日发放")},
    )  # fmt: skip
    client.force_login(users["member"])
    _response, job = post_and_run(client, f"/contracts/{contract.pk}/print/", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    assert "第1条" in text and "职工工资平均增长不低于5%" in text and "王主席" in text and "李总经理" in text
    _response, job = post_and_run(
        client, f"/contracts/{contract.pk}/print/", django_capture_on_commit_callbacks, data={"format": "docx"}
    )
    assert job.status == Job.Status.DONE, job.error
    words = "".join(paragraph.text for paragraph in Document(job.file.path).paragraphs)
    assert "第2条" in words and "每月10日前足额支付工资" in words
    _response, job = post_and_run(
        client, f"/contracts/inspections/{inspection.pk}/print/", django_capture_on_commit_callbacks
    )
    assert job.status == Job.Status.DONE, job.error
    text = text_of(job)
    assert "履行情况检查报告" in text and "未履行" in text and "3月工资延至15日发放" in text and "已履行1条" in text
