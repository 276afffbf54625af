"""Each appraisal receipt keeps its voter: the member behind the delegate who voted."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def member_from_delegate(apps, schema_editor):
    AppraisalReceipt = apps.get_model("congress", "AppraisalReceipt")
    Delegate = apps.get_model("congress", "Delegate")
    AppraisalReceipt.objects.filter(member__isnull=True).update(
        member_id=Subquery(Delegate.objects.filter(pk=OuterRef("delegate_id")).values("member_id"))
    )


def delegate_from_member(apps, schema_editor):
    """Back to the voter's delegacy in the appraisal's term; a voter who was no delegate has none,
    and the way back then stops at 0010 (``delegate`` not null)."""
    AppraisalReceipt = apps.get_model("congress", "AppraisalReceipt")
    Delegate = apps.get_model("congress", "Delegate")
    delegacy = Delegate.objects.filter(term__appraisals=OuterRef("appraisal_id"), member_id=OuterRef("member_id"))
    AppraisalReceipt.objects.filter(delegate__isnull=True).update(delegate_id=Subquery(delegacy.values("pk")))


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0010_appraisal_electorate_receipt_member"),
    ]

    operations = [
        migrations.RunPython(member_from_delegate, delegate_from_member, elidable=True),
    ]
