"""Notices (unionportal/notices.py): the inbox, the header count, the home page, email copies after commit."""

import pytest
from django.core import mail

from unionportal.notices import Notice, notify

pytestmark = pytest.mark.django_db


def test_notify_skips_people_without_an_account_and_those_who_may_not_open_the_object(users):
    from members.models import Member

    no_account = Member.objects.create(name="无账号", gender=Member.Gender.MALE)
    told = notify(
        [users["welfare"], users["delegate"], users["member"].member, no_account, None],
        text="困难档案待复核",
        permission="welfare.view_files",
    )
    assert [n.recipient for n in told] == [users["welfare"]]


def test_email_copies_go_after_commit_by_a_task_not_in_the_request(users, django_capture_on_commit_callbacks):
    users["member"].email = "member@example.cn"
    users["member"].save()
    with django_capture_on_commit_callbacks() as callbacks:
        notify([users["member"], users["delegate"]], text="请签阅", url="/disclosure/1/")
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["member@example.cn"]]
    assert mail.outbox[0].subject == "请签阅" and "/disclosure/1/" in mail.outbox[0].body
    assert Notice.objects.get(recipient=users["member"]).emailed_at is not None


def test_inbox_home_page_and_header_count(client_as, users):
    notify(users["member"], text="您的候补已转为正式报名", url="/activities/")
    client = client_as("member")
    home = client.get("/").content.decode()
    assert 'data-testid="unread-count">1<' in home and "您的候补已转为正式报名" in home
    inbox = client.get("/notices/").content.decode()
    assert "您的候补已转为正式报名" in inbox and "未读" in inbox
    notice = Notice.objects.get()
    assert client.get(f"/notices/{notice.pk}/").url == "/activities/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()


def test_mark_all_read(client_as, users):
    notify(users["member"], text="一")
    notify(users["member"], text="二")
    response = client_as("member").post("/notices/read/", follow=True)
    assert "已将2条通知标为已读。" in response.content.decode()
    assert not Notice.objects.filter(read_at__isnull=True).exists()


def test_another_persons_notice_cannot_be_opened(client_as, users):
    notice = notify(users["chair"], text="主席的通知")[0]
    assert client_as("member").get(f"/notices/{notice.pk}/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_notice_link_never_leaves_the_portal(client_as, users):
    notice = notify(users["member"], text="外链", url="https://evil.example/")[0]
    assert client_as("member").get(f"/notices/{notice.pk}/").url == "/notices/"
