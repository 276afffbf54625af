"""The dues hand-up share becomes a setting of each year (funds.YearSettings). The single setting's share is
what every year's dues pages showed until now, so each year on the dues ledger that has no year setting of its
own keeps that share; a year set already keeps its own."""

from django.db import migrations


def keep_each_years_share(apps, schema_editor):
    DuesSettings = apps.get_model("members", "DuesSettings")
    DuesRecord = apps.get_model("members", "DuesRecord")
    YearSettings = apps.get_model("funds", "YearSettings")
    single = DuesSettings.objects.filter(pk=1).values_list("hand_up_share", flat=True).first()
    if not single:
        return
    years = set(DuesRecord.objects.values_list("month__year", flat=True).distinct())
    for year in years - set(YearSettings.objects.values_list("year", flat=True)):
        YearSettings.objects.create(year=year, dues_hand_up_share=single)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0011_member_job_number"),
        ("funds", "0002_default_chart"),
    ]

    operations = [
        migrations.RunPython(keep_each_years_share, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="duessettings", name="hand_up_share"),
        migrations.RemoveField(model_name="historicalduessettings", name="hand_up_share"),
    ]
