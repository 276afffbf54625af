import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0011_appraisal_receipt_member_from_delegate"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="appraisalreceipt",
            name="congress_one_appraisal_ballot",
        ),
        migrations.RemoveField(
            model_name="appraisalreceipt",
            name="delegate",
        ),
        migrations.AlterField(
            model_name="appraisalreceipt",
            name="member",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="members.member",
                verbose_name="参评人",
            ),
        ),
        migrations.AddConstraint(
            model_name="appraisalreceipt",
            constraint=models.UniqueConstraint(fields=("appraisal", "member"), name="congress_one_appraisal_ballot"),
        ),
    ]
