"""0007 made every existing campaign confidential. A universal gift (节日、生日、退休慰问) reveals nothing about
anyone's hardship, so such a campaign opens again, unless someone is on its list for a hardship file."""

from django.db import migrations

UNIVERSAL_KINDS = ["festival", "birthday", "retirement"]
HARDSHIP_REASON = "困难档案"


def open_universal_gifts(apps, schema_editor):
    Campaign = apps.get_model("welfare", "Campaign")
    CampaignRecipient = apps.get_model("welfare", "CampaignRecipient")
    hardship_based = CampaignRecipient.objects.filter(reason=HARDSHIP_REASON).values("campaign")
    Campaign.objects.filter(kind__in=UNIVERSAL_KINDS, confidential=True).exclude(pk__in=hardship_based).update(
        confidential=False
    )


class Migration(migrations.Migration):
    dependencies = [("welfare", "0008_payments_wait_on_funds_chain")]

    operations = [migrations.RunPython(open_universal_gifts, migrations.RunPython.noop, elidable=True)]
