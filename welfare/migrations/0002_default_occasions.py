from django.db import migrations

OCCASIONS = ["住院", "直系亲属去世", "婚丧", "生日", "退休", "节日", "其他"]


def add_occasions(apps, schema_editor):
    VisitOccasion = apps.get_model("welfare", "VisitOccasion")
    for order, name in enumerate(OCCASIONS):
        VisitOccasion.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]
    operations = [migrations.RunPython(add_occasions, migrations.RunPython.noop)]
