import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pypdf import PdfReader

from activities import services
from activities.tests.factories import make_event, make_group, make_member
from unionportal.documents import services as documents
from unionportal.documents.models import Job


def pdf_text(job):
    return "".join(page.extract_text() for page in PdfReader(job.file.path).pages).replace(" ", "")


@pytest.fixture
def event(users):
    event = make_event(title="教工羽毛球赛", capacity=3)
    maths, chinese = make_group("数学组"), make_group("语文组")
    chinese.sort_order, maths.sort_order = 1, 2
    chinese.save(), maths.save()
    people = [
        make_member(name="王芳", union_group=maths),
        make_member(name="李强", union_group=chinese),
        make_member(name="艾青", union_group=maths),
        make_member(name="赵候补", union_group=chinese),
    ]
    for person in people:
        services.sign_up(event=event, member=person, actor=users["staff"], on_behalf=True)
    event.starts_at = timezone.now() - datetime.timedelta(minutes=5)  # the door opens
    event.save()
    services.check_in(registration=event.registrations.get(member=people[1]), actor=users["staff"])
    return event


def queue(user, event, capture):
    with capture(execute=True):
        job = documents.queue_document(owner=user, kind="event_participants", params={"event": event.pk})
    job.refresh_from_db()
    return job


def test_participant_list_prints_groups_in_order_with_check_in_and_waitlist(
    users, event, django_capture_on_commit_callbacks
):
    job = queue(users["staff"], event, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE, job.error
    assert job.title == "教工羽毛球赛报名签到名单"
    text = pdf_text(job)
    assert "报名签到名单" in text
    assert "报名3人，已签到1" in text
    # 语文组 sorts before 数学组; within a group by pinyin (艾 before 王)
    assert text.index("李强") < text.index("艾青") < text.index("王芳")
    assert "√" in text
    assert "候补名单" in text
    assert text.index("候补名单") < text.index("赵候补")


def test_team_event_lists_teams_with_their_members(users, django_capture_on_commit_callbacks):
    event = make_event(title="拔河比赛", is_team_event=True, capacity=4)
    group = make_group("英语组")
    people = [make_member(name="钱一", union_group=group), make_member(name="孙二", union_group=group)]
    services.sign_up_team(
        event=event, union_group=group, actor=users["staff"], name="英语组队", captain=people[0], members=people
    )
    text = pdf_text(queue(users["chair"], event, django_capture_on_commit_callbacks))
    assert "英语组队" in text
    assert "钱一、孙二" in text


def test_only_organisers_may_print_the_participant_list(client_as, users, event):
    with pytest.raises(PermissionDenied):
        documents.queue_document(owner=users["member"], kind="event_participants", params={"event": event.pk})
    assert client_as("member").post(f"/activities/{event.pk}/participants/pdf/").status_code == 403
    assert not Job.objects.exists()


def test_the_participants_page_queues_the_pdf_and_shows_the_job(client_as, event):
    response = client_as("staff").post(f"/activities/{event.pk}/participants/pdf/")
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.kind == "event_participants"


def test_a_deleted_event_fails_the_job_with_a_reason(users, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = documents.queue_document(owner=users["staff"], kind="event_participants", params={"event": event.pk})
    event.delete()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == "该活动已被删除，无法生成名单。"
