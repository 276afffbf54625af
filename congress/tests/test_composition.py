"""The delegates' make-up against the rules of the union's kind: warnings, never refusals."""

import datetime

import pytest

from congress.selectors import delegate_composition
from members.models import Member

from .factories import make_delegate, make_member, make_term

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


def warnings(term, kind):
    return delegate_composition(term, kind, today=TODAY).warnings


def seat(term, count, **fields):
    return [make_delegate(term, **fields) for _ in range(count)]


def test_a_school_needs_teachers_to_be_sixty_percent_and_leaders_at_most_twenty():
    term = make_term()
    seat(term, 5, is_front_line=True)
    seat(term, 2, is_front_line=False)
    seat(term, 3, is_front_line=False, is_leader=True)
    assert warnings(term, "school") == ["教师代表占50%，低于60%。", "领导干部代表占30%，超过20%。"]


def test_an_enterprise_counts_front_line_workers_and_at_least_thirty_delegates():
    term = make_term()
    seat(term, 10, is_front_line=True)
    assert warnings(term, "enterprise") == ["代表10人，少于应有的30人（在职职工10人的5%，且不少于30人）。"]
    assert warnings(term, "school") == []


def test_delegates_are_at_least_five_percent_of_staff():
    term = make_term()
    seat(term, 10)
    for _ in range(300):
        make_member(status=Member.Status.ACTIVE)
    assert warnings(term, "school") == ["代表10人，少于应有的16人（在职教职工310人的5%，且不少于0人）。"]


def test_an_all_staff_assembly_has_no_headcount_rule():
    term = make_term(mode="assembly")
    seat(term, 10)
    for _ in range(300):
        make_member(status=Member.Status.ACTIVE)
    assert warnings(term, "enterprise") == []


def test_women_and_young_staff_in_proportion_to_the_staff():
    term = make_term()
    young = datetime.date(1995, 1, 1)
    seat(term, 8, member=None)  # women, age unknown
    for _ in range(2):
        make_delegate(term, member=make_member(gender=Member.Gender.MALE))
    for _ in range(10):
        make_member(gender=Member.Gender.FEMALE, birth_date=young)
    # staff: 18 women of 20, 10 young; delegates: 8 women of 10, none young
    assert warnings(term, "school") == [
        "女代表占80%，低于其在在职教职工中的比例90%。",
        "青年代表（35岁以下）占0%，低于其在在职教职工中的比例50%。",
    ]


def test_a_term_s_own_thresholds_replace_the_defaults():
    term = make_term()
    seat(term, 5, is_front_line=True)
    seat(term, 3, is_front_line=False)
    seat(term, 2, is_front_line=False, is_leader=True)  # 50% teachers, 20% leaders
    assert "教师代表占50%，低于60%。" in warnings(term, "school")
    term.front_line_min, term.leaders_max = 50, 10
    assert warnings(term, "school") == ["领导干部代表占20%，超过10%。"]


def test_the_figures_the_page_and_the_roster_print(client_as, users):
    term = make_term()
    seat(term, 3, is_front_line=True)
    make_delegate(term, member=make_member(gender=Member.Gender.MALE), is_leader=True, is_front_line=False)
    composition = delegate_composition(term, "school", today=TODAY)
    assert (composition.count, composition.women, composition.front_line, composition.leaders) == (4, 3, 3, 1)
    page = client_as("member").get(f"/congress/terms/{term.pk}/delegates/").content.decode()
    assert "代表4人，其中女代表3人，教师代表3人，领导干部代表1人，青年代表（35岁以下）0人" in page
