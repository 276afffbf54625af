"""The demo school's 校务公开: its 17 categories and ~60 items in every state, with a few objections, and the
校务公开领导小组 at work: 预审 is its duty (rules.reviews), so it meets, and a reviewer names one of its meetings
when she passes or returns an item. Three days ago it returned the items now 已退回 and passed those now 公示中;
it meets again today, for the items that wait for 预审.

Runs once: when items already exist it leaves them be, so ``load_demo`` stays idempotent (the group's meetings
are held once too, even into a demo loaded before they were).
"""

import datetime
import random

from django.contrib.auth.models import User
from django.utils import timezone

from congress import bodies
from members.committees import current_body_term
from members.models import Committee, Department, Member

from . import services
from .models import DisclosureItem

# category name → (owning department, titles; "{y}" is the year, "{t}" the term)
PLAN = {
    "校长述职报告": ("校长室", ["{y}年度校长述职报告"]),
    "学校工作计划": ("校长室", ["{y}学年{t}学校工作计划", "{y}学年{t}教学工作计划"]),
    "内部改革和岗位考核方案": ("党政办公室", ["教职工岗位设置与聘用方案（征求意见稿）"]),
    "学校发展规划": ("校长室", ["学校五年发展规划（{y}—{y5}）"]),
    "重要规章制度的制定和修改": ("党政办公室", ["《教职工考勤制度》修订稿", "《校务公开实施细则》"]),
    "干部任免、职称评定、招聘和调动": ("教务处", ["{y}年职称评定推荐人选公示", "{y}年新教师招聘拟录用名单"]),
    "考核、奖惩办法及结果": ("教务处", ["{y}年度教职工年度考核结果", "{y}年度优秀教师评选结果"]),
    "住房分配、保险和福利": ("总务处", ["{y}年教职工体检安排", "教职工补充医疗保险办理情况"]),
    "财务管理和收支情况": ("总务处", ["{y}学年{t}财务收支情况", "{y}年预算执行情况"]),
    "工资调整和奖金分配": ("党政办公室", ["{y}年绩效工资分配方案", "{y}年年终奖金分配结果"]),
    "工程招投标和承包": ("总务处", ["运动场改造工程招标结果", "教学楼维修工程承包合同"]),
    "物资设备采购": ("总务处", ["多媒体教室设备采购结果", "{y}年图书采购清单"]),
    "招待费开支": ("党政办公室", ["{y}学年{t}公务接待费开支"]),
    "领导干部廉洁自律": ("党政办公室", ["{y}年领导班子廉洁自律情况报告"]),
    "教职工分流、调配和再就业方案": ("党政办公室", ["富余人员转岗安置方案"]),
    "其他教职工共同关心的事项": ("党政办公室", ["教工食堂价格调整", "校车线路调整", "暑期值班安排"]),
    "年度领导干部民主评议结果": ("党政办公室", ["{y}年度学校领导班子民主评议结果"]),
}
BODY = (
    "根据学校{disclosure}工作安排，现将“{title}”予以公开。\n\n"
    "# 说明\n"
    "- 本事项已经**党政工联席会议**预审。\n"
    "- 公示期内如有异议，请通过本平台或向工会办公室反映。\n\n"
    "| 项目 | 经办部门 | 联系人 |\n"
    "| --- | --- | --- |\n"
    "| {title} | {department} | {responsible} |"
)
OBJECTIONS = [
    ("请公布具体的支出明细。", "明细已作为附件补充公开，请查阅。"),
    ("评选程序是否经过教研组推荐？", "已经各教研组推荐后由评审小组评定。"),
    ("公示时间太短，建议延长。", ""),
    ("部分数据与上学期公布的不一致。", "已核对，上学期数据含代课人员，口径不同。"),
]
# 连续两个周期内不公开: this category's last publication is older than a year, so the staff dashboard
# shows it in red.
LAPSED = "招待费开支"
# states spread over the ~60 items, in this proportion
STATES = ["archived"] * 5 + ["closed"] * 5 + ["published"] * 3 + ["rectifying", "pending", "returned", "draft"]
# the leading group members.demo seats (chair, handler, staff); congress.body_demo gives the same kind, later
LEADING_GROUPS = ["校务公开领导小组", "厂务公开领导小组"]


def load(stdout):
    categories = services.load_categories()
    today = timezone.localdate()
    meetings = _leading_group_meetings(today)
    if DisclosureItem.objects.exists():
        return
    rng = random.Random(2026)
    chair = User.objects.filter(username="chair").first()
    staff = User.objects.filter(username="staff").first()
    handler = User.objects.filter(username="handler").first()
    members = list(Member.objects.filter(user__isnull=False, status=Member.Status.ACTIVE))
    departments = {d.name: d for d in Department.objects.all()}
    by_name = {c.name: c for c in categories}
    for name, (department, _titles) in PLAN.items():
        category = by_name.get(name)
        if category and department in departments and category.department_id is None:
            category.department = departments[department]
            category.tracked_from = today - datetime.timedelta(days=400)
            services.save_category(category=category)
    count = 0
    for round_ in range(5):
        for name, (department_name, titles) in PLAN.items():
            if name not in by_name or count >= 60 or (name == LAPSED and round_ < 3):
                continue
            title_template = titles[round_ % len(titles)]
            if round_ >= len(titles) and "{y}" not in title_template:
                continue
            days_ago = 20 + round_ * 150 + rng.randrange(0, 60)
            start = today - datetime.timedelta(days=days_ago)
            state = STATES[count % len(STATES)] if round_ else rng.choice(["published", "closed", "pending", "draft"])
            _make(
                rng,
                by_name[name],
                departments.get(department_name),
                title_template,
                start,
                state,
                (chair, staff, handler),
                members,
                today,
                meetings[0] if meetings else None,
            )
            count += 1
    stdout.write(f"  公开事项 {count} 项")


def _leading_group_meetings(today):
    """The 公开领导小组 takes up 预审 as soon as the board fills (its seats are members.demo's): its meeting of
    three days ago, which decided the items of that week, and today's, which the items waiting for 预审 are
    decided at. Without the group (or its term not in office today) there are none, and union staff review."""
    Committee.objects.filter(name__in=LEADING_GROUPS).update(kind=Committee.Kind.DISCLOSURE)
    term = current_body_term(Committee.Kind.DISCLOSURE, today)
    if term is None:
        return []
    if term.meetings.exists():
        return list(term.meetings.order_by("number"))
    seated = [seat.member for seat in term.seats.select_related("member")]
    earlier = bodies.hold_meeting(
        term=term,
        held_on=max(today - datetime.timedelta(days=3), term.starts_on),
        place="工会会议室",
        agenda="预审本周拟公开事项",
        attendees=seated,
    )
    bodies.record_minutes(meeting=earlier, minutes="会议逐项审核了拟公开事项，通过的予以公示，数据不全的退回补充。")
    now = bodies.hold_meeting(
        term=term, held_on=today, place="工会会议室", agenda="预审已提交的公开事项", attendees=seated
    )
    return [earlier, now]


def _make(rng, category, department, title_template, start, state, people, members, today, meeting):
    chair, staff, handler = people
    year = start.year if start.month >= 8 else start.year - 1
    title = title_template.format(
        y=start.year if "学年" not in title_template else year,
        y5=start.year + 4,
        t="第一学期" if start.month >= 8 or start.month == 1 else "第二学期",
    )
    actor = handler if department and department.name == "教务处" else staff
    public = rng.random() < 0.3
    item = services.draft_item(
        actor=actor,
        category=category,
        title=title,
        body=BODY.format(
            disclosure="校务公开",
            title=title,
            department=department.name if department else "工会办公室",
            responsible=department.head.name if department and department.head else "—",
        ),
        audience=DisclosureItem.Audience.PUBLIC if public else DisclosureItem.Audience.INTERNAL,
        needs_signature=rng.random() < 0.35 and not public,
        department=department,
        responsible=department.head if department else None,
    )
    if state == "draft":
        return item
    services.submit(item=item, actor=actor)
    if state == "pending":
        return item
    reviewer = chair if actor == staff else staff  # nobody passes her own draft in 预审
    if state == "returned":
        comment = "请补充数据来源和经办人签字。"
        return services.return_item(item=item, actor=reviewer, comment=comment, meeting=meeting)
    live = state == "published"
    period_start = today - datetime.timedelta(days=2) if live else start
    period_end = period_start + datetime.timedelta(days=6 if live else 4)
    item = services.approve(
        item=item,
        actor=reviewer,
        period_start=period_start,
        period_end=period_end,
        today=period_start,
        # the items of this week went through the group's meeting; the older ones before it set up on the portal
        meeting=meeting if live else None,
    )
    objection_count = rng.choice([0, 0, 0, 1, 2]) if members else 0
    for content, answer in rng.sample(OBJECTIONS, objection_count):
        objection = services.file_objection(item=item, author=rng.choice(members), content=content, today=period_start)
        if state != "published" or (answer and rng.random() < 0.5):
            answer = answer or "已收悉，将在下次公开时说明。"
            services.answer_objection(objection=objection, actor=staff, answer=answer)
    if state == "published":
        return item
    if state == "rectifying":
        return services.rectify(item=item, actor=staff, note="根据会员意见补充明细后重新公示。")
    item = services.close(item=item, actor=staff)
    if state == "archived":
        item = services.archive(item=item, actor=staff)
    return item
