"""Who votes in an appraisal (参评人员), and receipts keyed on the voting member: first a nullable
``member`` beside ``delegate`` (made nullable too, so the way back can refill it), then 0011 copies
the voter across and 0012 drops ``delegate``. Three migrations, so PostgreSQL never alters a table
in the transaction that updated its rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0009_appraisal_flag_share"),
    ]

    operations = [
        migrations.AddField(
            model_name="appraisal",
            name="electorate",
            field=models.CharField(
                choices=[("delegates", "本届在任代表"), ("members", "全体在职会员")],
                default="delegates",
                max_length=10,
                verbose_name="参评人员",
            ),
        ),
        migrations.AddField(
            model_name="historicalappraisal",
            name="electorate",
            field=models.CharField(
                choices=[("delegates", "本届在任代表"), ("members", "全体在职会员")],
                default="delegates",
                max_length=10,
                verbose_name="参评人员",
            ),
        ),
        migrations.AddField(
            model_name="appraisalreceipt",
            name="member",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="members.member",
                verbose_name="参评人",
            ),
        ),
        migrations.AlterField(
            model_name="appraisalreceipt",
            name="delegate",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="congress.delegate",
                verbose_name="代表",
            ),
        ),
    ]
