import datetime

import pytest
from django.core.exceptions import ValidationError

from members import committees
from members.models import Committee, CommitteeSeat, CommitteeTerm, Member
from members.org_forms import CommitteeSeatForm, CommitteeTermForm

D = datetime.date


@pytest.fixture
def committee(db):
    return Committee.objects.create(name="工会委员会")


@pytest.fixture
def term(committee):
    return committees.save_term(
        CommitteeTerm(committee=committee, number=6, starts_on=D(2024, 9, 1), ends_on=D(2027, 8, 31))
    )


def person(name):
    return Member.objects.create(name=name, gender="M", is_union_member=True)


def test_a_term_must_end_after_it_starts(committee):
    with pytest.raises(ValidationError, match="任期结束日期须晚于开始日期"):
        committees.save_term(
            CommitteeTerm(committee=committee, number=1, starts_on=D(2024, 9, 1), ends_on=D(2024, 9, 1))
        )


def test_terms_of_one_committee_do_not_overlap(term):
    with pytest.raises(ValidationError, match="与第6届"):
        committees.save_term(CommitteeTerm(committee=term.committee, number=7, starts_on=D(2027, 8, 1)))
    committees.save_term(CommitteeTerm(committee=term.committee, number=7, starts_on=D(2027, 9, 1)))


def test_an_open_ended_term_overlaps_any_later_one(committee):
    committees.save_term(CommitteeTerm(committee=committee, number=1, starts_on=D(2020, 1, 1)))
    with pytest.raises(ValidationError, match="重叠"):
        committees.save_term(
            CommitteeTerm(committee=committee, number=2, starts_on=D(2030, 1, 1), ends_on=D(2033, 1, 1))
        )


def test_terms_of_different_committees_may_overlap(term):
    other = Committee.objects.create(name="经审委员会")
    committees.save_term(CommitteeTerm(committee=other, number=6, starts_on=D(2024, 9, 1)))


def test_term_number_is_unique_per_committee_with_a_chinese_error(term):
    form = CommitteeTermForm(
        {"number": 6, "starts_on": "2030-01-01", "ends_on": "2032-12-31"},
        instance=CommitteeTerm(committee=term.committee),
    )
    assert not form.is_valid()
    assert form.errors["number"] == ["第6届已存在。"]
    assert form["starts_on"].value() == "2030-01-01"


def test_term_form_end_before_start_is_refused_in_chinese(committee):
    form = CommitteeTermForm(
        {"number": 1, "starts_on": "2025-09-01", "ends_on": "2025-01-01"}, instance=CommitteeTerm(committee=committee)
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["任期结束日期须晚于开始日期。"]


def test_one_chair_per_term(term):
    committees.save_seat(CommitteeSeat(term=term, member=person("张卫东"), post="主席"))
    with pytest.raises(ValidationError, match="本届已有主席：张卫东"):
        committees.save_seat(CommitteeSeat(term=term, member=person("李秀兰"), post="主席"))
    committees.save_seat(CommitteeSeat(term=term, member=person("王丽娟"), post="副主席"))
    committees.save_seat(CommitteeSeat(term=term, member=person("陈志强"), post="副主席"))
    assert term.seats.count() == 3


def test_a_person_holds_one_post_per_term(term):
    chair = person("张卫东")
    committees.save_seat(CommitteeSeat(term=term, member=chair, post="主席"))
    form = CommitteeSeatForm({"post": "委员", "member": chair.pk, "sort_order": 1}, instance=CommitteeSeat(term=term))
    assert not form.is_valid()
    assert form.errors["member"] == ["张卫东 已在本届任主席，同一人每届只能任一职。"]


def test_the_same_person_may_sit_in_the_next_term(term):
    chair = person("张卫东")
    committees.save_seat(CommitteeSeat(term=term, member=chair, post="主席"))
    next_term = committees.save_term(CommitteeTerm(committee=term.committee, number=7, starts_on=D(2027, 9, 1)))
    committees.save_seat(CommitteeSeat(term=next_term, member=chair, post="主席"))


def test_current_past_and_upcoming_terms(term):
    committees.save_term(
        CommitteeTerm(committee=term.committee, number=5, starts_on=D(2021, 9, 1), ends_on=D(2024, 8, 31))
    )
    committees.save_term(CommitteeTerm(committee=term.committee, number=7, starts_on=D(2027, 9, 1)))
    (committee,) = committees.committees_with_terms(today=D(2025, 3, 1))
    assert committee.current_term.number == 6
    assert [t.number for t in committee.past_terms] == [5]
    assert [t.number for t in committee.upcoming_terms] == [7]


def test_every_member_reads_the_current_line_up(client_as, users, term):
    committees.save_seat(CommitteeSeat(term=term, member=users["chair"].member, post="主席"))
    term.ends_on = None
    term.save()
    content = client_as("member").get("/members/committees/").content.decode()
    assert "工会委员会" in content and "主席" in content and "chair" in content
    assert "增补成员" not in client_as("member").get(f"/members/committees/{term.committee.pk}/").content.decode()


def test_staff_adds_a_seat_and_a_second_chair_is_refused_on_the_page(client_as, users, term):
    client = client_as("staff")
    url = f"/members/committees/terms/{term.pk}/seats/new/"
    assert client.post(url, {"post": "主席", "member": users["chair"].member.pk, "sort_order": 0}).status_code == 302
    response = client.post(url, {"post": "主席", "member": users["delegate"].member.pk, "sort_order": 1})
    assert response.status_code == 200
    assert "本届已有主席：chair。" in response.content.decode()


def test_staff_removes_a_seat(client_as, users, term):
    seat = committees.save_seat(CommitteeSeat(term=term, member=users["chair"].member, post="主席"))
    assert client_as("staff").post(f"/members/committees/seats/{seat.pk}/delete/").status_code == 302
    assert not CommitteeSeat.objects.exists()


@pytest.mark.parametrize("size", [1, 12])
def test_committee_list_runs_a_fixed_number_of_queries(size, client_as, django_assert_max_num_queries):
    client = client_as("member")
    for c in range(size):
        committee = Committee.objects.create(name=f"委员会{c}")
        for n in range(3):
            term = CommitteeTerm.objects.create(
                committee=committee, number=n + 1, starts_on=D(2015 + 4 * n, 1, 1), ends_on=D(2018 + 4 * n, 12, 31)
            )
            CommitteeSeat.objects.bulk_create(
                CommitteeSeat(term=term, member=person(f"人{c}{n}{s}"), post="委员") for s in range(4)
            )
    with django_assert_max_num_queries(10):  # the menu asks once for a 公开领导小组 seat
        response = client.get("/members/committees/")
    assert response.content.decode().count('data-testid="committee"') == size


def test_a_committee_without_terms_is_deleted(committee):
    committees.delete_committee(committee)
    assert not Committee.objects.exists()


def test_a_committee_with_a_term_is_not_deleted_terms_are_history(term):
    with pytest.raises(ValidationError, match="「工会委员会」已有 1 届任期记录，届次是历史，不能删除。"):
        committees.delete_committee(term.committee)
    assert CommitteeTerm.objects.filter(pk=term.pk).exists()


def test_staff_deletes_a_committee_by_post_only_and_a_refusal_stays_on_its_page(client_as, committee, term):
    client = client_as("staff")
    url = f"/members/committees/{committee.pk}/delete/"
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(f"/members/committees/{committee.pk}/", 302)]
    assert "届次是历史，不能删除" in response.content.decode()
    empty = Committee.objects.create(name="女职工委员会")
    response = client.post(f"/members/committees/{empty.pk}/delete/", follow=True)
    assert response.redirect_chain == [("/members/committees/", 302)]
    assert "已删除：女职工委员会" in response.content.decode()
    assert list(Committee.objects.all()) == [committee]
