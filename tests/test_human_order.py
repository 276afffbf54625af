"""Every list that shows people is in an order people read: pinyin syllable by syllable on the roster,
姓氏笔画 on the congress lists, 第N groups by N."""

import pytest
from pypinyin import Style, lazy_pinyin

from congress import appraisal_selectors, appraisal_services, proposal_services, session_services
from congress.models import Attendance, ProposalCoSigner
from congress.tests.factories import make_delegate, make_member, make_session, make_term
from members import selectors
from members.models import Department, Member, pinyin_key, pinyin_key_and_initials
from unionportal.human_order import chinese_number, numbered_key

pytestmark = pytest.mark.django_db

# created in code-point order, which is none of the orders wanted
IN_CODE_POINTS = ["任一", "何二", "冯三", "张四", "朱五", "李六", "杜七", "陈八", "黄志", "胡红"]
IN_STROKES = ["冯三", "朱五", "任一", "杜七", "李六", "何二", "张四", "陈八", "胡红", "黄志"]


def test_pinyin_compares_syllable_by_syllable_then_tone():
    assert pinyin_key("胡红") < pinyin_key("黄志")  # hu before huang, though "huh" > "hua"
    assert pinyin_key("李明") < pinyin_key("李明华") < pinyin_key("李明珠")
    assert pinyin_key("黎") < pinyin_key("李") < pinyin_key("力")  # li2 li3 li4


@pytest.mark.parametrize(
    "name", ["张三", "单田芳", "曾国藩", "买买提·艾力", "Tom李", "李a1", "王 五", "\ufa6e张", "欧阳Ⅱ"]
)
def test_one_pinyin_pass_gives_the_key_and_the_initials_two_passes_gave(name):
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
    assert pinyin_key_and_initials(name) == (pinyin_key(name), initials)


def test_roster_sorts_by_pinyin_syllables_and_still_finds_typed_pinyin():
    for name in ["黄志", "胡红", "胡海"]:
        Member.objects.create(name=name, gender="F")
    assert [m.name for m in selectors.roster()] == ["胡海", "胡红", "黄志"]
    assert [m.name for m in selectors.roster(search="huhong")] == ["胡红"]
    assert [m.name for m in selectors.roster(search="HUANG")] == ["黄志"]
    assert [m.name for m in selectors.roster(search="hh")] == ["胡海", "胡红"]


def test_numbered_groups_sort_by_their_number():
    groups = ["第三代表组", "第十一代表组", "第二代表组", "第四代表组", "第一代表组", "第十代表组"]
    assert sorted(groups, key=numbered_key) == [
        "第一代表组", "第二代表组", "第三代表组", "第四代表组", "第十代表组", "第十一代表组",
    ]  # fmt: skip
    assert [chinese_number(text) for text in ("十", "十二", "二十", "一百零五", "12")] == [10, 12, 20, 105, 12]


@pytest.fixture
def term():
    from congress.models import DelegateGroup

    term = make_term()
    names = ["第三代表组", "第一代表组", "第二代表组", "第四代表组"]  # made in this order: sorted by number, not pk
    groups = [DelegateGroup.objects.create(term=term, name=name) for name in names]
    for i, name in enumerate(IN_CODE_POINTS):
        make_delegate(term, make_member(name), group=groups[i % 4])
    return term


def test_delegate_list_by_group_number_then_strokes(client_as, term):
    page = client_as("chair").get(f"/congress/terms/{term.pk}/delegates/").text
    # 第一: 李 1234521 < 何 3212512 < 胡 (9); 第二: 冯 (5) < 杜 (7);
    # 第三: 朱 311234 < 任 323121 < 黄 (11); 第四: 张 5153154 < 陈 5215234
    expected = ["李六", "何二", "胡红", "冯三", "杜七", "朱五", "任一", "黄志", "张四", "陈八"]
    positions = [page.index(name) for name in expected]
    assert positions == sorted(positions)


def test_attendance_sheet_and_observers_in_stroke_order(client_as, term):
    session = make_session(term)
    for name in ("黄志远", "王列席"):
        session_services.record_attendance(session=session, member=make_member(name), kind=Attendance.Kind.OBSERVER)
    page = client_as("staff").get(f"/congress/sessions/{session.pk}/attendance/").text
    positions = [page.index(name) for name in IN_STROKES]
    assert positions == sorted(positions)
    assert page.index("王列席") < page.index("黄志远")


def test_cosigners_in_stroke_order(client_as, users, term):
    session = make_session(term)
    proposer = make_delegate(term, users["delegate"].member).member
    proposal = proposal_services.draft_proposal(session=session, proposer=proposer, title="改善食堂", content="理由")
    cosigners = list(Member.objects.filter(name__in=IN_CODE_POINTS).order_by("name"))
    proposal_services.invite_cosigners(proposal=proposal, cosigners=cosigners, actor=None)
    assert ProposalCoSigner.objects.filter(proposal=proposal).count() == len(IN_CODE_POINTS)
    text = client_as("delegate").get(proposal.get_absolute_url()).text
    listed = text[text.index('data-testid="cosigners"') :]
    positions = [listed.index(name) for name in IN_STROKES]
    assert positions == sorted(positions)


def test_appraisal_voters_by_department_then_strokes(term):
    from congress.models import Appraisal, Appraisee, Delegate

    Delegate.objects.update(group=None)  # voters in a 代表组 come by group first; here, departments alone
    office = Department.objects.create(name="校长室", sort_order=1)
    teachers = Department.objects.create(name="教务处", sort_order=2)
    for member in Member.objects.filter(name__in=IN_CODE_POINTS):
        member.department = teachers if member.name in ("任一", "黄志") else office
        member.save()
    appraisal = Appraisal.objects.create(term=term, title="干部民主评议")
    Appraisee.objects.create(appraisal=appraisal, member=make_member("王校长"))
    not_voted, _voted = appraisal_selectors.appraisal_voters(appraisal_services.open_appraisal(appraisal=appraisal))
    office_names = [name for name in IN_STROKES if name not in ("任一", "黄志")]
    assert [m.name for m in not_voted] == [*office_names, "任一", "黄志"]
