import datetime
from io import BytesIO
from urllib.parse import quote

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from members.models import Department

from .. import services
from ..models import Event, Honour, Registration
from .factories import make_event, make_group, make_member

pytestmark = pytest.mark.django_db


def test_member_signs_up_then_cancels_from_the_event_page(client_as, users):
    event = make_event(capacity=1)
    client = client_as("member")
    response = client.post(f"/activities/{event.pk}/sign-up/", follow=True)
    assert "报名成功" in response.content.decode()
    assert "您已报名" in response.content.decode()
    assert "取消后名额让给候补名单的下一位" in response.content.decode()  # asked before it is done
    registration = event.registrations.get()
    response = client.post(f"/activities/registrations/{registration.pk}/cancel/", {"state": "registered"}, follow=True)
    assert "已取消报名" in response.content.decode()
    assert event.registrations.get().status == Registration.Status.CANCELLED


def test_full_event_puts_member_on_the_waitlist_with_their_number(client_as, users):
    event = make_event(capacity=1)
    services.sign_up(event=event, member=make_member())
    response = client_as("member").post(f"/activities/{event.pk}/sign-up/", follow=True)
    content = response.content.decode()
    assert "已进入候补名单" in content
    assert "您在候补名单第 1 位" in content


def test_refusal_reason_is_shown_in_chinese(client_as, users):
    event = make_event(eligibility=Event.Eligibility.RETIREES)
    response = client_as("member").post(f"/activities/{event.pk}/sign-up/", follow=True)
    assert "本活动面向退休教职工" in response.content.decode()
    assert not event.registrations.exists()


def test_event_list_runs_a_fixed_number_of_queries(client_as, users, django_assert_max_num_queries):
    client = client_as("member")
    for i in range(30):
        event = make_event(title=f"活动{i}", capacity=1)
        services.sign_up(event=event, member=make_member())
        services.sign_up(event=event, member=users["member"].member)  # her own place on every row
    with django_assert_max_num_queries(9):  # the menu asks once for a 公开领导小组 seat
        response = client.get("/activities/")
    assert response.status_code == 200
    assert "活动0" in response.content.decode()


def test_list_filters_by_kind_and_separates_past_events(client_as):
    make_event(title="羽毛球赛", kind=Event.Kind.SPORTS)
    make_event(title="读书分享会", kind=Event.Kind.READING)
    start = timezone.now() - datetime.timedelta(days=30)
    make_event(title="去年登山", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    client = client_as("member")
    content = client.get("/activities/?kind=sports").content.decode()
    assert "羽毛球赛" in content and "读书分享会" not in content and "去年登山" not in content
    assert "去年登山" in client.get("/activities/?when=past").content.decode()


def test_calendar_shows_the_event_on_its_day(client_as):
    start = timezone.make_aware(datetime.datetime(2026, 3, 8, 14, 0))
    make_event(title="三八登山", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    content = client_as("member").get("/activities/calendar/?month=2026-03").content.decode()
    assert "2026年3月活动" in content
    assert "三八登山" in content


def test_festival_template_prefills_the_new_event_form(client_as):
    content = client_as("staff").get("/activities/new/?festival=womens_day").content.decode()
    assert "庆“三八”女职工活动" in content
    assert "-03-08T14:00" in content


def test_staff_create_an_event(client_as, users):
    response = client_as("staff").post(
        "/activities/new/",
        {
            "title": "教工篮球赛",
            "kind": "sports",
            "level": "school",
            "starts_at": "2030-05-10T14:00",
            "ends_at": "2030-05-10T17:00",
            "place": "体育馆",
            "organiser": "union",
            "capacity": "20",
            "eligibility": "all",
            "budget": "1500.00",
        },
    )
    event = Event.objects.get()
    assert response.url == f"/activities/{event.pk}/"
    assert event.created_by == users["staff"]
    assert str(event.budget) == "1500.00"


def test_staff_add_on_behalf_and_tick_check_in(client_as, users):
    today = timezone.now()
    event = make_event(capacity=5, starts_at=today, ends_at=today + datetime.timedelta(hours=2))
    person = make_member(name="王老师")
    client = client_as("staff")
    client.post(f"/activities/{event.pk}/participants/", {"member": person.pk})
    registration = event.registrations.get()
    assert registration.added_by == users["staff"]
    response = client.post(
        f"/activities/{event.pk}/participants/{registration.pk}/tick/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'data-testid="tick-' in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_participant_list_exports_to_excel(client_as):
    event = make_event()
    services.sign_up(event=event, member=make_member(name="李老师"))
    response = client_as("staff").get(f"/activities/{event.pk}/participants.xlsx")
    assert quote(f"报名名单-{event.title}.xlsx") in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == event.title and sheet["A1"].font.b
    assert sheet["A3"].value == "序号" and sheet["A3"].font.b and sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["B"].width == 16 and sheet.column_dimensions["E"].width == 14
    assert sheet["B4"].value == "李老师"
    assert "李老师" in client_as("staff").get(f"/activities/{event.pk}/participants/print/").content.decode()


def test_group_leader_enters_a_team(client_as, users):
    group = make_group("英语组")
    group.leader = users["member"].member
    group.save()
    event = make_event(is_team_event=True, title="拔河比赛")
    client = client_as("member")
    response = client.post(f"/activities/{event.pk}/team/", {"union_group": group.pk, "name": "英语队"})
    assert response.status_code == 302
    assert event.teams.get().name == "英语队"


def test_recorded_prize_appears_on_the_honours_page(client_as):
    event = make_event(title="教工运动会")
    person = make_member(name="赵老师")
    services.sign_up(event=event, member=person)
    start = timezone.now() - datetime.timedelta(hours=1)  # the day has come
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    client = client_as("staff")
    client.post(f"/activities/{event.pk}/results/", {"item": "跳绳", "member": person.pk, "prize": "first"})
    assert Honour.objects.get().member == person
    content = client_as("member").get("/activities/honours/").content.decode()
    assert "教工运动会跳绳一等奖" in content


def test_results_of_an_event_not_yet_begun_are_refused_with_its_start(client_as):
    start = timezone.make_aware(datetime.datetime(2099, 5, 1, 14, 30))
    event = make_event(title="教工运动会", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    person = make_member(name="赵老师")
    services.sign_up(event=event, member=person)
    response = client_as("staff").post(
        f"/activities/{event.pk}/results/", {"item": "跳绳", "member": person.pk, "prize": "first"}
    )
    assert response.status_code == 200
    assert "活动“教工运动会”的开始时间是2099-05-01 14:30，尚未开始，不能登记成绩" in response.content.decode()
    assert not event.results.exists() and not Honour.objects.exists()


def test_the_results_page_of_an_event_not_yet_begun_offers_no_form_but_says_when(client_as):
    start = timezone.make_aware(datetime.datetime(2099, 5, 1, 14, 30))
    event = make_event(title="教工运动会", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    content = client_as("staff").get(f"/activities/{event.pk}/results/").content.decode()
    assert "活动于2099-05-01 14:30开始，开始后才能登记成绩。" in content
    assert 'method="post"' not in content.split("登记成绩", 1)[1]


def test_promoted_member_sees_the_notice_on_the_dashboard(client_as, users):
    event = make_event(capacity=1)
    first = services.sign_up(event=event, member=make_member())
    services.sign_up(event=event, member=users["member"].member)
    services.cancel(registration=first, actor=None)
    content = client_as("member").get("/").content.decode()
    assert "未读通知 1 条" in content
    assert "候补已转为正式报名" in content


def test_staff_cancel_for_someone_and_the_waitlist_moves_up(client_as):
    event = make_event(capacity=1)
    first = services.sign_up(event=event, member=make_member())
    waiting = services.sign_up(event=event, member=make_member(name="钱老师"))
    response = client_as("staff").post(f"/activities/{event.pk}/participants/{first.pk}/cancel/", follow=True)
    assert "钱老师已由候补转为正式报名" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED


def test_door_sign_shows_a_code_leading_to_self_check_in(client_as):
    event = make_event()
    content = client_as("staff").get(f"/activities/{event.pk}/door/").content.decode()
    assert "<svg" in content
    assert f"/activities/{event.pk}/check-in/{event.check_in_code}/" in content


def test_annual_report_has_a_chapter_on_the_years_events(client_as):
    held = timezone.now() - datetime.timedelta(hours=3)  # the report counts only what has happened
    event = make_event(title="教工篮球赛", level="county", starts_at=held, ends_at=held + datetime.timedelta(hours=2))
    Registration.objects.create(event=event, member=make_member(), position=1)
    year = timezone.localtime(event.starts_at).year
    content = client_as("chair").get(f"/documents/annual/{year}/preview/").content.decode()
    assert "文体活动" in content
    assert "共组织文体活动1项，参加1人次" in content
    assert "教工篮球赛" in content


def test_team_event_page_lists_the_teams(client_as, users):
    event = make_event(is_team_event=True, title="拔河比赛")
    services.sign_up_team(event=event, union_group=make_group("数学组"), actor=users["staff"], name="数学队")
    content = client_as("member").get(f"/activities/{event.pk}/").content.decode()
    assert "数学队" in content


def test_member_checks_in_by_the_door_code(client_as, users):
    start = timezone.now() - datetime.timedelta(minutes=10)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    Registration.objects.create(event=event, member=users["member"].member, position=1)
    response = client_as("member").post(f"/activities/{event.pk}/check-in/{event.check_in_code}/", follow=True)
    assert "签到成功" in response.content.decode()
    assert event.registrations.get().checked_in_at is not None


def test_the_old_notices_address_leads_to_the_inbox(client_as):
    assert client_as("member").get("/activities/notices/").url == "/notices/"


def test_lowering_places_below_those_taken_is_refused_on_the_form(client_as, users):
    event = make_event(capacity=2)
    for _ in range(2):
        services.sign_up(event=event, member=make_member())
    when = {
        name: timezone.localtime(getattr(event, name)).strftime("%Y-%m-%dT%H:%M") for name in ("starts_at", "ends_at")
    }
    data = {"title": event.title, "kind": event.kind, "level": event.level, "place": event.place, **when}
    data |= {"organiser": event.organiser, "eligibility": event.eligibility, "budget": "0"}
    data["capacity"] = 1
    page = client_as("staff").post(f"/activities/{event.pk}/edit/", data).content.decode()
    assert "名额不能少于这个数" in page
    event.refresh_from_db()
    assert event.capacity == 2


def test_team_form_offers_only_the_leaders_group_members(client_as, users):
    group, other = make_group("语文组"), make_group("数学组")
    users["member"].member.union_group = group
    users["member"].member.save()
    group.leader = users["member"].member
    group.save()
    mine, theirs = make_member(name="组内甲", union_group=group), make_member(name="组外乙", union_group=other)
    event = make_event(is_team_event=True, title="拔河")
    form = client_as("member").get(f"/activities/{event.pk}/team/").context["form"]
    assert mine in form.fields["members"].queryset and theirs not in form.fields["members"].queryset
    assert list(form.fields["union_group"].queryset) == [group]


def test_staff_enter_a_team_after_sign_up_closed_but_a_group_leader_cannot(client_as, users):
    closed = timezone.now() - datetime.timedelta(hours=1)
    event = make_event(is_team_event=True, title="拔河", signup_closes_at=closed)
    group = make_group("英语组")
    group.leader = users["member"].member
    group.save()
    page = client_as("member").post(f"/activities/{event.pk}/team/", {"union_group": group.pk}).content.decode()
    assert "报名已于" in page and not event.teams.exists()
    response = client_as("staff").post(f"/activities/{event.pk}/team/", {"union_group": group.pk})
    assert response.status_code == 302 and event.teams.get().union_group == group


def test_the_event_list_shows_the_members_own_place(client_as, users):
    event = make_event(capacity=1, title="登山")
    services.sign_up(event=event, member=make_member())
    services.sign_up(event=event, member=make_member())
    services.sign_up(event=event, member=users["member"].member)
    page = client_as("member").get("/activities/").content.decode()
    assert "候补 第2位" in page


def test_the_event_list_line_says_who_organises_and_how_many_signed_up(client_as, users):
    department = Department.objects.create(name="图书馆")
    joint = make_event(title="读书会", capacity=None, organiser=Event.Organiser.JOINT, joint_department=department)
    women = make_event(title="插花", organiser=Event.Organiser.WOMEN, kind=Event.Kind.CULTURE)
    services.sign_up(event=joint, member=users["member"].member)
    for _ in range(3):
        services.sign_up(event=women, member=make_member())
    page = " ".join(client_as("member").get("/activities/").content.decode().split())
    assert f'href="/activities/{joint.pk}/"' in page and 'data-testid="my-place">已报名<' in page
    assert "工会与图书馆联合主办 · 已报 1 </div>" in page
    assert "文艺" in page and "女工委 · 已报 2/2 · 候补 1 </div>" in page


def test_sign_up_is_offered_only_when_open_otherwise_the_page_says_when(client_as):
    opens = timezone.now() + datetime.timedelta(days=2)
    event = make_event(signup_opens_at=opens)
    page = client_as("member").get(event.get_absolute_url()).content.decode()
    assert "我要报名" not in page and "报名尚未开始" in page
