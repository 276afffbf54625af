import datetime

from django.contrib.auth.models import User
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from accounts import logins
from accounts.models import AccessCode
from members import services as member_services
from members.models import Member, UnionGroup

STRONG = "Qingshan-2026!"


def roster(*names, group=None):
    return [Member.objects.create(name=name, gender="F", union_group=group) for name in names]


def test_roster_marks_who_has_no_login(users, client_as):
    roster("王芳")
    page = client_as("staff").get("/members/?search=王芳").content.decode()
    assert 'data-testid="no-login"' in page
    assert 'data-testid="no-login"' not in client_as("staff").get("/members/?search=member").content.decode()


def test_staff_open_logins_for_ticked_people(users, client_as):
    wang, li = roster("王芳", "李强")
    client_as("staff").post("/accounts/members/open/", {"scope": "selected", "member": [wang.pk], "source": "pinyin"})
    wang.refresh_from_db(), li.refresh_from_db()
    assert wang.user.username == "wangfang" and li.user is None
    assert wang.user.groups.filter(name="member").exists()


def test_a_refused_batch_says_why_and_opens_nothing(users, client_as):
    retired = roster("老张")[0]
    Member.objects.filter(pk=retired.pk).update(status=Member.Status.RETIRED)
    response = client_as("staff").post(
        "/accounts/members/open/", {"scope": "selected", "member": [retired.pk], "source": "pinyin"}, follow=True
    )
    assert "不在职" in response.content.decode()
    assert User.objects.filter(username="laozhang").count() == 0


def test_export_gives_each_pending_login_a_fresh_code_by_group(users, client_as):
    group = UnionGroup.objects.create(name="语文组")
    people = roster("王芳", "李强", group=group)
    logins.open_logins(members=people, actor=None)
    response = client_as("staff").post(f"/accounts/members/codes.xlsx?union_group={group.pk}", {"scope": "all"})
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[1], row[3]) for row in rows] == [("语文组", "李强", "liqiang"), ("语文组", "王芳", "wangfang")]
    code = rows[0][4]
    logins.set_password_with_code(username="liqiang", code=code, password=STRONG)


def test_nothing_pending_means_no_slips(users, client_as):
    response = client_as("staff").post("/accounts/members/slips/?login=none", {"scope": "all"}, follow=True)
    assert "没有待激活的账号" in response.content.decode()


def test_staff_give_a_member_a_one_time_reset_link(users, client_as, client):
    member = users["member"].member
    page = client_as("staff").post(f"/accounts/members/{member.pk}/code/")
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    link = page.context["issued"]["link"]
    assert link.startswith("http://testserver/accounts/activate/?login=member&code=")
    client.logout()
    form = client.get(link.removeprefix("http://testserver")).content.decode()
    assert 'value="member"' in form
    code = page.context["issued"]["code"]
    response = client.post(
        "/accounts/activate/", {"login": "member", "code": code, "password": STRONG, "password_again": STRONG}
    )
    assert response.url == "/"
    assert AccessCode.objects.get().purpose == AccessCode.Purpose.RESET


def test_mismatched_passwords_are_named(db, client):
    page = client.post(
        "/accounts/activate/", {"login": "x", "code": "AAAA-AAAA", "password": STRONG, "password_again": "other"}
    ).content.decode()
    assert "两次输入的新密码不一致" in page


def test_a_closed_login_is_told_why_it_cannot_log_in(users, client):
    member = users["member"].member
    member_services.retire(member=member, on=timezone.localdate())
    page = client.post("/accounts/login/", {"username": "member", "password": "union2026"}).content.decode()
    assert "该账号已停用" in page
    page = client.post("/accounts/login/", {"username": "member", "password": "wrong"}).content.decode()
    assert "该账号已停用" not in page


def test_staff_close_and_reopen_a_login(users, client_as):
    member = users["member"].member
    client = client_as("staff")
    client.post(f"/accounts/members/{member.pk}/close/")
    assert not User.objects.get(username="member").is_active
    client.post(f"/accounts/members/{member.pk}/reopen/")
    assert User.objects.get(username="member").is_active


def test_email_reset_is_offered_only_with_smtp_and_never_tells_which_accounts_exist(users, client):
    User.objects.filter(username="member").update(email="m@example.org")
    assert "未开通邮件服务" in client.get("/accounts/reset/").content.decode()
    with override_settings(EMAIL_SELF_SERVICE=True):
        known = client.post("/accounts/reset/", {"email": "m@example.org"}, follow=True).content.decode()
        unknown = client.post("/accounts/reset/", {"email": "x@example.org"}, follow=True).content.decode()
    assert "如果该邮箱属于一个有效账号" in known and "如果该邮箱属于一个有效账号" in unknown
    assert len(mail.outbox) == 1 and "/accounts/activate/?login=member&code=" in mail.outbox[0].body


def test_staff_link_a_login_without_member_record(users, client_as):
    it = User.objects.create_user("itadmin")
    person = roster("信息中心老陈")[0]
    response = client_as("staff").post("/accounts/link/", {"user": it.pk, "member": person.pk})
    assert response.url == "/"
    person.refresh_from_db()
    assert person.user == it


def test_account_list_reads_in_a_fixed_number_of_queries(users, client_as, django_assert_max_num_queries):
    group = UnionGroup.objects.create(name="语文组")
    logins.open_logins(members=roster(*[f"人{i}" for i in range(30)], group=group), actor=None)
    client = client_as("staff")
    with django_assert_max_num_queries(12):
        assert client.get("/accounts/members/").status_code == 200


def test_codes_expire_after_the_set_time(db):
    member = roster("王芳")[0]
    logins.open_logins(members=[member], actor=None)
    member.refresh_from_db()
    logins.issue_codes(users=[member.user], purpose=AccessCode.Purpose.ACTIVATION, actor=None)
    lifetime = AccessCode.objects.get().expires_at - timezone.now()
    assert datetime.timedelta(days=29) < lifetime <= datetime.timedelta(days=30)


def test_staff_mail_the_link_only_where_smtp_is_configured(users, client_as):
    User.objects.filter(username="member").update(email="m@example.org")
    member = users["member"].member
    client = client_as("staff")
    shown = client.post(f"/accounts/members/{member.pk}/code/", {"by": "email"})
    assert shown.status_code == 200 and "issued" in shown.context and not mail.outbox  # shown, not mailed
    with override_settings(EMAIL_SELF_SERVICE=True):
        response = client.post(f"/accounts/members/{member.pk}/code/", {"by": "email"}, follow=True)
    assert "链接已发往 m@example.org" in response.content.decode()
    assert len(mail.outbox) == 1 and "code=" in mail.outbox[0].body


def test_forged_ticks_are_ignored(users, client_as):
    response = client_as("staff").post(
        "/accounts/members/open/", {"scope": "selected", "member": ["abc", "1 OR 1"], "source": "pinyin"}, follow=True
    )
    assert "没有选中任何人员" in response.content.decode()


def test_a_filter_error_on_the_account_list_names_its_field_once(users, client_as):
    page = client_as("staff").get("/accounts/members/?login=bogus&gender=X").content.decode()
    start = page.index('data-testid="filter-errors"')
    alert = page[start : page.index("</div>", start)]
    assert "账号：“bogus”不在可选范围内，请重新选择。" in alert and "性别：“X”不在可选范围内，请重新选择。" in alert
    assert alert.count("账号") == 1 and alert.count("性别") == 1
