"""The migration that dates the appraisals closed before ``closed_at`` existed, from their history."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from congress.models import Appraisal

from .factories import make_term

pytestmark = pytest.mark.django_db

migration = importlib.import_module("congress.migrations.0008_appraisal_closed_at_from_history")


def june(day):
    return timezone.make_aware(datetime.datetime(2024, 6, day, 10))


def old_appraisal(term, title, status, history=(), closed_at=None):
    """An appraisal as left by the code before the field (bulk_create: no history of its own),
    with ``history`` its records as (status, date)."""
    [appraisal] = Appraisal.objects.bulk_create([Appraisal(term=term, title=title, status=status, closed_at=closed_at)])
    Appraisal.history.model.objects.bulk_create(
        Appraisal.history.model(
            id=appraisal.pk,
            term=term,
            title=title,
            scale=appraisal.scale,
            status=record_status,
            history_date=moment,
            history_type="~",
        )
        for record_status, moment in history
    )
    return appraisal


def test_closed_appraisals_are_dated_by_their_first_closed_record_else_their_last():
    term = make_term()
    plain = old_appraisal(term, "首次公示", "closed", [("open", june(1)), ("closed", june(3)), ("closed", june(9))])
    untracked = old_appraisal(term, "无公示记录", "closed", [("draft", june(1)), ("open", june(4))])
    bare = old_appraisal(term, "无历史", "closed")
    still_open = old_appraisal(term, "评议中", "open", [("open", june(2))])
    dated = old_appraisal(term, "已有时间", "closed", [("closed", june(5))], closed_at=june(6))
    migration.closed_at_from_history(apps, None)
    closed_at = dict(Appraisal.objects.values_list("title", "closed_at"))
    assert closed_at == {
        plain.title: june(3),
        untracked.title: june(4),
        bare.title: None,
        still_open.title: None,
        dated.title: june(6),
    }
