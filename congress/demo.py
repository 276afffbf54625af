"""The current congress term (第四届) with ~35 delegates, a session (四届二次) with its agenda,
attendance and a closed vote, ~30 proposals spread over every state, and this year's appraisal
of middle managers, closed, so the annual report has results to show.

Runs once: when the term (or this year's closed appraisal) already exists it leaves it be, so
``load_demo`` stays idempotent.
"""

import datetime
import random

from django.contrib.auth.models import User
from django.utils import timezone

from members.models import Department, Member
from unionportal.models import UnionProfile

from . import appraisal_services, motion_services, proposal_services, session_services, suggestion_services
from .models import (
    AgendaItem,
    Appraisal,
    Appraisee,
    Attendance,
    CongressTerm,
    Delegate,
    DelegateGroup,
    Motion,
    Proposal,
    Session,
)

GROUPS = ["第一代表组", "第二代表组", "第三代表组", "第四代表组"]
# What the demo congress talks about, by the union's kind (a school's 教代会, a company's 职代会).
WORDS = {
    "school": {
        "agenda": [
            "听取和审议校长工作报告",
            "听取和审议学校财务工作报告",
            "审议《教职工绩效工资分配方案》",
            "听取上次教代会提案落实情况的报告",
            "听取工会工作报告",
        ],
        "titles": [
            "关于增设教职工休息室的建议",
            "关于改善教工食堂饭菜质量的建议",
            "关于完善绩效工资分配方案的建议",
            "关于增加青年教师培训机会的建议",
            "关于改善校园停车秩序的建议",
            "关于加强教学楼饮水设施维护的建议",
            "关于减轻班主任非教学负担的建议",
            "关于设立教职工子女托管班的建议",
            "关于增加体育锻炼场地开放时间的建议",
            "关于规范各类检查评比活动的建议",
            "关于改善办公室网络条件的建议",
            "关于完善教职工健康体检项目的建议",
            "关于增设校内快递收发点的建议",
            "关于加强校园安全巡查的建议",
            "关于提高退休教师慰问标准的建议",
            "关于建立新教师导师制的建议",
            "关于优化课表编排的建议",
            "关于增加图书馆开放时间的建议",
            "关于改造教师卫生间的建议",
            "关于完善职称评审程序公开的建议",
            "关于设立心理健康辅导室的建议",
            "关于改善实验室通风条件的建议",
            "关于规范校外培训兼职管理的建议",
            "关于增加教研经费的建议",
            "关于改善冬季供暖的建议",
            "关于推进无纸化办公的建议",
            "关于建立教职工意见反馈渠道的建议",
            "关于丰富教职工文体活动的建议",
            "关于加强食品安全监督的建议",
            "关于优化家校沟通平台的建议",
        ],
        "leaders": [
            ("校长", "主持学校全面工作，推进课程改革……"),
            ("副校长", "分管教学工作……"),
            ("副校长", "分管后勤与安全……"),
        ],
        "leaders_appraisal": "学校领导干部民主评议",
        "suggestions": [
            ("建议教工食堂提供晚餐", False),
            ("建议开放体育馆供教职工晚间锻炼", True),
            ("建议优化期末监考安排", False),
            ("建议为办公室添置空气净化器", True),
        ],
    },
    "enterprise": {
        "agenda": [
            "听取和审议总经理工作报告",
            "听取和审议公司财务工作报告",
            "审议《职工薪酬分配方案》",
            "听取上次职代会提案落实情况的报告",
            "听取工会工作报告",
        ],
        "titles": [
            "关于增设职工休息室的建议",
            "关于改善职工食堂饭菜质量的建议",
            "关于完善绩效工资分配办法的建议",
            "关于增加青年职工培训机会的建议",
            "关于改善厂区停车秩序的建议",
            "关于加强车间饮水设施维护的建议",
            "关于减轻班组长非生产事务负担的建议",
            "关于设立职工子女暑期托管班的建议",
            "关于延长职工活动中心开放时间的建议",
            "关于规范各类检查评比活动的建议",
            "关于改善办公区网络条件的建议",
            "关于完善职工健康体检项目的建议",
            "关于增设厂区快递收发点的建议",
            "关于加强厂区安全巡查的建议",
            "关于提高退休职工慰问标准的建议",
            "关于建立新员工师带徒制度的建议",
            "关于优化倒班排班的建议",
            "关于延长职工书屋开放时间的建议",
            "关于改造车间卫生间的建议",
            "关于完善技能等级评定公开的建议",
            "关于设立职工心理健康辅导室的建议",
            "关于改善喷涂车间通风条件的建议",
            "关于规范劳务派遣用工管理的建议",
            "关于增加技术革新奖励经费的建议",
            "关于改善冬季车间供暖的建议",
            "关于推进无纸化办公的建议",
            "关于建立职工意见反馈渠道的建议",
            "关于丰富职工文体活动的建议",
            "关于加强食品安全监督的建议",
            "关于优化夜班班车线路的建议",
        ],
        "leaders": [
            ("总经理", "主持公司全面工作，推进生产经营……"),
            ("副总经理", "分管生产工作……"),
            ("副总经理", "分管后勤与安全……"),
        ],
        "leaders_appraisal": "公司领导人员民主评议",
        "suggestions": [
            ("建议职工食堂提供夜班餐", False),
            ("建议开放篮球场供职工晚间锻炼", True),
            ("建议优化年休假安排", False),
            ("建议为办公区添置空气净化器", True),
        ],
    },
}
# How far each proposal goes: index into this path (the last few stop elsewhere).
PATH = ["draft", "collecting", "submitted", "registered", "assigned", "replied", "rated", "closed"]
PLAN = (
    ["draft"] * 2
    + ["collecting"] * 3
    + ["submitted"] * 4
    + ["rejected"] * 2
    + ["merged"] * 1
    + ["registered"] * 2
    + ["assigned"] * 4
    + ["overdue"] * 2
    + ["returned"] * 1
    + ["replied"] * 3
    + ["rated"] * 2
    + ["closed"] * 4
)


def load(stdout):
    term = CongressTerm.objects.filter(number=4).first()
    if term is None:
        term = _load_term(UnionProfile.load(), stdout)
    else:
        stdout.write("职工代表大会演示数据已存在，跳过")
    _load_closed_appraisal(term, stdout)


def _load_term(profile, stdout):
    words, congress = WORDS[profile.kind], profile.vocabulary["congress_full"]
    rng = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()
    term = CongressTerm.objects.create(number=4, start_year=today.year - 2, end_year=today.year + 2)
    first = Session.objects.create(
        term=term,
        number=1,
        title=f"第四届第一次{congress}",
        starts_on=today - datetime.timedelta(days=365),
        ends_on=today - datetime.timedelta(days=364),
    )
    session = Session.objects.create(
        term=term,
        number=2,
        title=f"第四届第二次{congress}",
        starts_on=today + datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=15),
        proposals_open_at=now - datetime.timedelta(days=30),
        proposals_close_at=now + datetime.timedelta(days=10),
    )
    for order, title in enumerate(words["agenda"], start=1):
        AgendaItem.objects.create(session=session, order=order, title=title)
    AgendaItem.objects.create(session=first, order=1, title=f"审议通过《{congress}实施细则》")

    logins = {
        u.username: u for u in User.objects.filter(username__in=["chair", "staff", "delegate", "delegate2", "member"])
    }
    people = [logins[name].member for name in ("chair", "staff", "delegate", "delegate2") if name in logins]
    handler_ids = set(Department.objects.exclude(head=None).values_list("head", flat=True))
    others = Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True).exclude(pk__in=handler_ids)
    people += list(others.exclude(pk__in=[p.pk for p in people]).order_by("pk")[: 35 - len(people)])
    groups = [
        DelegateGroup.objects.create(term=term, name=name, sort_order=order, seats=-(-len(people) // len(GROUPS)))
        for order, name in enumerate(GROUPS)
    ]
    delegates = []
    for i, member in enumerate(people):
        delegates.append(
            Delegate.objects.create(
                term=term,
                member=member,
                group=groups[i % len(groups)],
                is_leader=i == 0 or i % 9 == 4,
                is_front_line=not (i == 0 or i % 9 == 4),
            )
        )
    # 补选: one delegate retired and was replaced; the old record stays.
    if len(delegates) > 30:
        spare = others.exclude(pk__in=[d.member_id for d in delegates]).first()
        if spare:
            delegates[-1] = session_services.replace_delegate(delegate=delegates[-1], member=spare)

    for i, delegate in enumerate(delegates):
        kind = Attendance.Kind.LEAVE if i % 12 == 5 else Attendance.Kind.PRESENT
        Attendance.objects.create(session=first, member=delegate.member, kind=kind)
    motion = Motion.objects.create(
        agenda_item=first.agenda.first(), title=f"表决通过《{congress}实施细则》", method=Motion.Method.OPEN
    )
    motion_services.record_open_count(motion=motion, votes_for=29, votes_against=1, abstentions=1)

    _load_proposals(session, delegates, rng, logins, words["titles"])
    _load_appraisal_and_suggestions(term, session, logins, words)
    stdout.write(f"{len(delegates)} 名代表、{session.proposals.count()} 件提案已就绪")
    return term


def _load_proposals(session, delegates, rng, logins, titles):
    staff = logins.get("staff")
    departments = list(Department.objects.all())
    members = [d.member for d in delegates]
    by_member = {m.pk: m for m in members}
    delegate_member = logins["delegate"].member if "delegate" in logins else members[0]
    target = None
    for i, (title, goal) in enumerate(zip(titles, PLAN, strict=False)):
        proposer = delegate_member if i % 5 == 0 else members[(i * 7) % len(members)]
        proposal = proposal_services.draft_proposal(
            session=session, proposer=proposer, title=title, content=f"{title}。具体理由与建议见正文。", actor=None
        )
        if goal == "draft":
            continue
        pool = [m for m in members if m.pk != proposer.pk]
        invited = rng.sample(pool, 3)
        if goal == "collecting" and "delegate2" in logins and proposer.pk != logins["delegate2"].member.pk:
            invited[0] = by_member.get(logins["delegate2"].member.pk, invited[0])
        proposer_user = proposer.user
        proposal_services.invite_cosigners(proposal=proposal, cosigners=invited, actor=proposer_user)
        signers = invited[:1] if goal == "collecting" else invited[:2]
        for member in signers:
            proposal_services.cosign(proposal=proposal, member=member, actor=member.user)
        if goal == "collecting":
            continue
        proposal = proposal_services.submit(proposal=proposal, actor=proposer_user)
        target = target or proposal
        if goal == "submitted":
            continue
        if goal == "rejected":
            proposal_services.reject(proposal=proposal, actor=staff, reason="属个人诉求，转为建议由相关部门研究。")
            continue
        if goal == "merged":
            proposal_services.merge(proposal=proposal, into=target, actor=staff)
            continue
        proposal_services.register(proposal=proposal, actor=staff, note="符合立案条件。")
        if goal == "registered":
            continue
        lead = rng.choice(departments)
        if i % 3 == 0:
            lead = Department.objects.exclude(head=None).first() or lead
        proposal_services.assign(
            proposal=proposal,
            actor=staff,
            lead_department=lead,
            deadline=timezone.localdate() + datetime.timedelta(days=30),
        )
        if goal == "overdue":
            Proposal.objects.filter(pk=proposal.pk).update(
                deadline=timezone.localdate() - datetime.timedelta(days=rng.randint(3, 20))
            )
            continue
        if goal == "assigned":
            continue
        handler = lead.head.user if lead.head else None
        proposal_services.reply(proposal=proposal, actor=handler, text="已研究并落实，具体措施如下：……")
        if goal == "replied":
            continue
        proposal.refresh_from_db()
        rating = "unsatisfied" if goal == "returned" else rng.choice(["satisfied", "satisfied", "mostly"])
        _rate(proposal, rating, staff)
        if goal in ("returned", "rated"):
            continue
        proposal_services.close(proposal=proposal, actor=staff)


def _rate(proposal, rating, staff):
    """The proposer rates; for demo proposers without a login staff enter the paper form."""
    user = proposal.proposer.user
    if user is not None:
        return proposal_services.rate(proposal=proposal, actor=user, rating=rating)
    return proposal_services.rate(proposal=proposal, actor=staff, rating=rating, on_behalf=True)


def _load_appraisal_and_suggestions(term, session, logins, words):
    # appraised by the term's delegates over these weeks, not at the session (which opens in a fortnight, so
    # nobody has signed in there yet)
    appraisal = Appraisal.objects.create(term=term, title=f"{session.starts_on.year}年度{words['leaders_appraisal']}")
    leaders = Member.objects.filter(status=Member.Status.ACTIVE, user__isnull=True).exclude(
        pk__in=term.delegates.values("member")
    )[: len(words["leaders"])]
    for order, (leader, (post, report)) in enumerate(zip(leaders, words["leaders"], strict=False)):
        Appraisee.objects.create(appraisal=appraisal, member=leader, post=post, report=report, order=order)
    appraisal_services.open_appraisal(appraisal=appraisal)
    voters = [
        d.member
        for d in term.delegates.filter(active=True).exclude(member__user__username__in=["delegate", "delegate2"])
    ]
    for i, member in enumerate(voters[:20]):
        grades = {
            a.pk: ("satisfied", "mostly", "satisfied", "unsatisfied")[(i + a.order) % 4]
            for a in appraisal.appraisees.all()
        }
        appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=member, grades=grades)
    author = logins["member"].member if "member" in logins else None
    for i, (title, anonymous) in enumerate(words["suggestions"]):
        suggestion = suggestion_services.submit_suggestion(
            author=author, title=title, content=title + "。", anonymous=anonymous
        )
        if i == 0 and "staff" in logins:
            suggestion_services.answer_suggestion(
                suggestion=suggestion, actor=logins["staff"], answer="已与食堂协商，下月起试行。"
            )


MANAGER_GRADES = ["excellent", "competent", "mostly", "incompetent"]
MANAGER_WEIGHTS = [(10, 14, 3, 1), (15, 11, 2, 0), (6, 14, 6, 2), (9, 16, 3, 0)]  # how each manager tends to fare


def _load_closed_appraisal(term, stdout):
    """This year's 中层干部民主评议 of the department heads, voted and closed some weeks ago."""
    today = timezone.localdate()
    title = f"{today.year}年度中层干部民主评议"
    if Appraisal.objects.filter(title=title).exists():
        return
    managers = []  # (member, post): each office's head, or else its first member
    for department in Department.objects.exclude(name__endswith="教研组").order_by("sort_order", "pk")[1:5]:
        head = (
            department.head
            or Member.objects.filter(department=department, status=Member.Status.ACTIVE).order_by("pk").first()
        )
        if head and head not in [member for member, _post in managers]:
            managers.append((head, f"{department.name}主任"))
    if not managers:
        return
    heads = [member for member, _post in managers]
    appraisal = Appraisal.objects.create(term=term, title=title, scale=Appraisal.Scale.COMPETENCE)
    for order, (member, post) in enumerate(managers):
        Appraisee.objects.create(appraisal=appraisal, member=member, post=post, report="述职报告（略）", order=order)
    appraisal_services.open_appraisal(appraisal=appraisal)
    voters = list(term.delegates.filter(active=True).exclude(member__in=heads).order_by("pk")[:28])
    rng = random.Random(2026)
    for delegate in voters:
        grades = {
            a.pk: rng.choices(MANAGER_GRADES, weights=MANAGER_WEIGHTS[a.order % len(MANAGER_WEIGHTS)])[0]
            for a in appraisal.appraisees.all()
        }
        appraisal_services.cast_appraisal_ballot(appraisal=appraisal, member=delegate.member, grades=grades)
    appraisal_services.publish_appraisal(appraisal=appraisal_services.close_appraisal(appraisal=appraisal))
    # Published some weeks back, within this year.
    closed_at = timezone.now() - datetime.timedelta(days=min(45, today.timetuple().tm_yday - 1))
    Appraisal.objects.filter(pk=appraisal.pk).update(closed_at=closed_at)
    stdout.write(f"{title}：{len(voters)} 名代表已评议，结果已公示")
