"""Date the appraisals closed before ``closed_at`` existed from their history: the first record in
which the appraisal is closed, or else (closed without a record) its last record."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def closed_at_from_history(apps, schema_editor):
    Appraisal = apps.get_model("congress", "Appraisal")
    records = apps.get_model("congress", "HistoricalAppraisal").objects.filter(id=OuterRef("pk"))
    first_closed = records.filter(status="closed").order_by("history_date").values("history_date")[:1]
    last = records.order_by("-history_date").values("history_date")[:1]
    Appraisal.objects.filter(status="closed", closed_at__isnull=True).update(
        closed_at=Coalesce(Subquery(first_closed), Subquery(last))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0007_appraisal_closed_at"),
    ]

    operations = [
        migrations.RunPython(closed_at_from_history, migrations.RunPython.noop, elidable=True),
    ]
