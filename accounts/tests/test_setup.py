import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts import setup
from disclosure.models import Category
from members.dues import hand_up_share
from members.models import Branch, Department, UnionGroup
from members.tests.test_import_export import workbook
from unionportal.models import UnionProfile

STRONG = "Hongxing-2026!"


def run(tmp_path, *extra):
    groups = tmp_path / "groups.txt"
    groups.write_text("一车间工会/装配班组\n机关工会小组\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "setup_union",
        "--name=红星机械厂工会委员会",
        "--kind=enterprise",
        "--upper-union=红星区总工会",
        "--hand-up-share=0.4",
        "--admin=admin",
        f"--admin-password={STRONG}",
        "--chair=刘红",
        "--chair-gender=F",
        f"--groups={groups}",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_setup_union_from_the_shell_and_again(db, tmp_path):
    output = run(tmp_path)
    assert "主席 刘红：登录名 liuhong，激活码 " in output
    assert UnionProfile.objects.get().kind == "enterprise"
    assert Category.objects.filter(kind="enterprise").count() == 7
    assert str(hand_up_share(timezone.localdate().year)) == "0.4000"
    assert Branch.objects.get().name == "一车间工会"
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="liuhong").groups.filter(name="chair").exists()
    again = run(tmp_path)
    assert "未再创建管理员" in again and "未再任命" in again
    assert UnionGroup.objects.count() == 2 and User.objects.count() == 2


def test_a_weak_admin_password_stops_the_command_with_nothing_written(db, tmp_path):
    with pytest.raises(CommandError, match="密码"):
        call_command("setup_union", "--name=工会", "--kind=school", "--upper-union=上级", "--admin=admin",
                     "--admin-password=12345678", stdout=io.StringIO())  # fmt: skip
    assert not User.objects.exists() and not UnionProfile.objects.exists()


def test_the_first_administrator_page_closes_once_a_login_exists(db, client):
    User.objects.create_superuser("root", password="x")
    assert client.get("/setup/").url == "/setup/union/"
    assert client.get("/setup/union/").url.startswith("/accounts/login/")
    with pytest.raises(ValidationError, match="已有账号"):
        setup.create_first_administrator(username="intruder", password=STRONG)


def test_bad_org_lines_are_named_and_nothing_is_built(db):
    with pytest.raises(ValidationError) as refused:
        setup.build_org_tree(text="语文组\n甲/乙/丙\n/数学组")
    assert len(refused.value.messages) == 2 and "第2行" in refused.value.messages[0]
    assert not UnionGroup.objects.exists()


def test_groups_and_departments_come_from_the_roster_file(db):
    file = workbook(
        ["张三", "男", "", "", "", "教务处", "语文组"] + [""] * 9,
        ["李四", "女", "", "", "", "总务处", "数学组"] + [""] * 9,
    )
    groups, departments = setup.org_from_roster(file=file)
    assert sorted(g.name for g in groups) == ["数学组", "语文组"]
    assert set(departments) == {"教务处", "总务处"}
    assert Department.objects.count() == 2


def test_the_org_step_takes_groups_from_an_uploaded_roster(db, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(User.objects.create_superuser("root", password="x"))
    file = workbook(["张三", "男", "", "", "", "教务处", "语文组"] + [""] * 9)
    upload = SimpleUploadedFile("roster.xlsx", file.getvalue())
    response = client.post("/setup/org/", {"lines": "数学组", "roster": upload}, follow=True)
    assert "已建立 2 个工会小组、1 个部门" in response.content.decode()
    assert set(UnionGroup.objects.values_list("name", flat=True)) == {"数学组", "语文组"}
