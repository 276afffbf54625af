"""The first day of a real union, from an empty database: the setup, the roster imported from the clerk's own
spreadsheet, logins opened for union groups (by 工号 and by pinyin), the slips printed, and a member logging in
with the code on their slip."""

import re
from io import BytesIO

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook
from pypdf import PdfReader

from disclosure.models import Category
from members.dues import hand_up_share
from members.models import Member, UnionGroup
from unionportal.documents.models import Job
from unionportal.models import UnionProfile

STRONG = "Qingshan-2026!"


def slip_text(job):
    return "".join(page.extract_text() for page in PdfReader(job.file.path).pages)


def roster_file():
    book = Workbook()
    book.active.append(["姓名", "性别", "职工号", "小组", "会员", "入会时间"])
    for name, group, job_number in [("王芳", "数学组", ""), ("李强", "数学组", ""), ("王芳", "数学组", "")] + [
        ("陈静", "英语组", "T0101")
    ]:
        book.active.append([name, "女", job_number, group, "是", "2015-09-01"])
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名册.xlsx", buffer.getvalue())


def test_empty_database_to_a_member_logged_in_with_the_printed_code(
    client, db, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert not User.objects.exists()
    # the first visit leads to the setup
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/setup/"
    assert "创建系统管理员" in response.content.decode()

    response = client.post("/setup/", {"username": "admin", "password": STRONG, "password_again": STRONG})
    assert response.url == "/setup/union/"
    response = client.post(
        "/setup/union/",
        {
            "name": "青山市第二中学工会委员会",
            "kind": "school",
            "upper_union": "青山市教育工会",
            "dues_rate": "0.0050",
            "hand_up_share": "0.4000",
        },
    )
    assert response.url == "/setup/chair/"
    assert UnionProfile.objects.get().upper_union == "青山市教育工会"
    assert Category.objects.filter(kind="school").count() == 17
    assert str(hand_up_share(timezone.localdate().year)) == "0.4000"

    response = client.post("/setup/chair/", {"name": "周建国", "gender": "M", "use_own_login": "on"})
    assert response.url == "/setup/org/"
    admin = User.objects.get(username="admin")
    assert admin.member.name == "周建国"
    assert admin.groups.filter(name="chair").exists()

    response = client.post("/setup/org/", {"lines": "语文组\n初中部分会/数学组"})
    assert response.url == "/setup/done/"
    maths = UnionGroup.objects.get(name="数学组")
    assert maths.branch.name == "初中部分会"

    # the roster from the clerk's own spreadsheet: a group the setup did not name is created on confirmation
    page = client.post("/members/import/", {"file": roster_file()}).content.decode()
    assert "工会小组：英语组" in page and "确认导入 4 人" in page
    client.post("/members/import/confirm/", {"create_units": "1"})
    english = UnionGroup.objects.get(name="英语组")
    assert Member.objects.get(job_number="T0101").union_group == english

    # logins for the English group by 工号, for the maths group by pinyin
    client.post(f"/accounts/members/open/?union_group={english.pk}", {"scope": "all", "source": "job_number"})
    assert User.objects.get(member__name="陈静").username == "T0101"
    response = client.post(f"/accounts/members/open/?union_group={maths.pk}", {"scope": "all", "source": "pinyin"})
    assert response.status_code == 302
    logins = sorted(User.objects.filter(member__union_group=maths).values_list("username", flat=True))
    assert logins == ["liqiang", "wangfang", "wangfang2"]  # the second 王芳 got a number
    page = client.get(response.url).content.decode()
    assert "拼音登录名 wangfang 已有人使用，改为 wangfang2" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/accounts/members/slips/?union_group={maths.pk}&login=pending", {"scope": "all"})
    job = Job.objects.get()
    assert response.url == f"/documents/{job.pk}/"
    assert job.status == Job.Status.DONE, job.error
    text = slip_text(job)
    assert "数学组" in text and text.count("激活码") >= 3
    code = re.search(r"liqiang\s*激活码：\s*([A-Z0-9]{4}-[A-Z0-9]{4})", text.replace(" ", " ")).group(1)

    # the member activates with the code from the slip, then logs in with the password chosen
    client.logout()
    response = client.post(
        "/accounts/activate/", {"login": "liqiang", "code": code, "password": STRONG, "password_again": STRONG}
    )
    assert response.url == "/"
    client.logout()
    response = client.post("/accounts/login/", {"username": "liqiang", "password": STRONG})
    assert response.status_code == 302
    assert client.get("/members/me/").context["member"].name == "李强"
    # the slip's code cannot be used twice
    client.logout()
    response = client.post(
        "/accounts/activate/", {"login": "liqiang", "code": code, "password": STRONG, "password_again": STRONG}
    )
    assert "这个验证码已经用过了" in response.content.decode()
    assert Member.objects.get(name="李强").user.check_password(STRONG)
