"""Hardship data reads: the file list logs each file it shows (level and income are on it), and the chair
reads one log of every file, by person and date, with people's names rather than login names."""

import datetime

import pytest

from welfare.models import FileAccessLog

from .factories import make_file, make_member

pytestmark = pytest.mark.django_db


def _name(users, role, name):
    users[role].member.name = name
    users[role].member.save(update_fields=["name"])


def test_the_file_list_logs_a_read_of_every_file_it_shows(client_as, users):
    files = [make_file(member=make_member(name)) for name in ("张三", "李四")]
    client_as("welfare").get("/welfare/files/")
    logged = FileAccessLog.objects.filter(action="list", user=users["welfare"])
    assert sorted(logged.values_list("file", flat=True)) == sorted(file.pk for file in files)


def test_a_filtered_list_logs_only_the_files_shown(client_as, users):
    make_file(member=make_member("张三"))
    shown = make_file(member=make_member("李四"))
    client_as("welfare").get("/welfare/files/?q=李")
    assert list(FileAccessLog.objects.filter(action="list").values_list("file", flat=True)) == [shown.pk]


def test_the_file_list_costs_the_same_queries_for_many_files(client_as, users, django_assert_max_num_queries):
    for number in range(15):
        make_file(member=make_member(f"成员{number}"))
    client = client_as("welfare")
    with django_assert_max_num_queries(10):
        client.get("/welfare/files/")


def test_the_chair_reads_every_file_read_with_names_not_logins(client_as, users):
    _name(users, "welfare", "王芳")
    file = make_file(member=make_member("张三"))
    client_as("welfare").get(f"/welfare/files/{file.pk}/")
    page = client_as("chair").get("/welfare/files/access-log/").content.decode()
    assert "王芳" in page and "张三" in page and "查看" in page
    assert ">welfare<" not in page


def test_the_chair_filters_the_log_by_person_and_date(client_as, users):
    _name(users, "welfare", "王芳")
    _name(users, "staff", "赵强")
    first, second = make_file(member=make_member("张三")), make_file(member=make_member("李四"))
    client_as("welfare").get(f"/welfare/files/{first.pk}/")
    client_as("chair").get(f"/welfare/files/{second.pk}/")
    FileAccessLog.objects.filter(file=second).update(at=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC))
    client = client_as("chair")
    by_reader = client.get("/welfare/files/access-log/?person=王芳").content.decode()
    assert "张三" in by_reader and "李四" not in by_reader
    by_file = client.get("/welfare/files/access-log/?person=李四").content.decode()
    assert "李四" in by_file and "张三" not in by_file
    by_date = client.get("/welfare/files/access-log/?since=2025-01-01&until=2025-12-31").content.decode()
    assert "李四" in by_date and "张三" not in by_date


def test_the_file_page_names_its_readers(client_as, users):
    _name(users, "welfare", "王芳")
    file = make_file(member=make_member("张三"))
    page = client_as("welfare").get(f"/welfare/files/{file.pk}/").content.decode()
    assert "王芳 查看" in page
