import datetime
from unittest import mock

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from .. import selectors, services
from ..models import Event, Registration
from .factories import make_event, make_member

pytestmark = pytest.mark.django_db


def _listed(member, *events):
    rows = selectors.with_sign_ups(Event.objects.filter(pk__in=[event.pk for event in events]), member)
    by_pk = {row.pk: row for row in rows}
    return [by_pk[event.pk] for event in events]


def test_the_list_counts_active_sign_ups_and_her_place_among_those_waiting():
    full, open_, empty = make_event(capacity=1), make_event(capacity=5), make_event()
    her = make_member()
    services.sign_up(event=full, member=make_member())
    gone = services.sign_up(event=full, member=make_member())
    Registration.objects.filter(pk=gone.pk).update(status=Registration.Status.CANCELLED)
    services.sign_up(event=full, member=make_member())
    services.sign_up(event=full, member=her)
    services.sign_up(event=full, member=make_member())  # behind her: not counted in her number
    services.sign_up(event=open_, member=her)
    full, open_, empty = _listed(her, full, open_, empty)
    assert [(event.taken, event.waiting) for event in (full, open_, empty)] == [(1, 3), (1, 0), (0, 0)]
    assert (full.my_status, full.my_number) == ("waitlisted", 2)
    assert open_.my_status == "registered"
    assert empty.my_status is None


def test_without_a_member_record_no_place_is_hers():
    event = make_event()
    services.sign_up(event=event, member=make_member())
    (event,) = _listed(None, event)
    assert (event.taken, event.waiting, event.my_status) == (1, 0, None)


def test_her_cancelled_sign_up_is_no_place():
    event, her = make_event(), make_member()
    registration = services.sign_up(event=event, member=her)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    (event,) = _listed(her, event)
    assert (event.taken, event.my_status) == (0, None)


def test_the_list_pages_count_and_slice_as_the_paginator_asks_each_reader_her_own_place():
    soon = timezone.now() + datetime.timedelta(days=1)
    events = [
        make_event(title=f"活动{n:02}", starts_at=soon + datetime.timedelta(hours=n), capacity=1) for n in range(27)
    ]
    make_event(title="读书会", kind=Event.Kind.READING)
    over = timezone.now() - datetime.timedelta(days=3)
    make_event(title="已结束", starts_at=over, ends_at=over + datetime.timedelta(hours=2))
    her, other = make_member(), make_member()
    services.sign_up(event=events[26], member=other)
    services.sign_up(event=events[26], member=her)  # waits, first in line

    upcoming = Paginator(selectors.EventPages(member=her), 25)
    assert upcoming.count == 28 and upcoming.num_pages == 2
    first, last = upcoming.page(1).object_list, upcoming.page(2).object_list
    assert [row["title"] for row in first[:2]] == ["活动00", "活动01"] and len(last) == 3
    mine = next(row for row in last if row["pk"] == events[26].pk)
    assert (mine["taken"], mine["waiting"], mine["my_status"], mine["my_number"]) == (1, 1, "waitlisted", 1)
    with mock.patch.object(selectors, "_page_of", side_effect=AssertionError("its SQL built again")):
        theirs = next(row for row in selectors.EventPages(member=other)[25:50] if row["pk"] == events[26].pk)
    assert theirs["my_status"] == "registered"
    assert [row["title"] for row in selectors.EventPages(kind=Event.Kind.READING)[0:25]] == ["读书会"]
    assert selectors.EventPages(kind=Event.Kind.READING).count() == 1
    assert [row["title"] for row in selectors.EventPages(past=True)[0:25]] == ["已结束"]


def test_an_empty_list_is_one_empty_page():
    page = Paginator(selectors.EventPages(past=True), 25).get_page(1)
    assert page.paginator.count == 0 and list(page.object_list) == []
