from django.db import migrations


def create_accountant_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="accountant")


class Migration(migrations.Migration):
    dependencies = [("unionportal", "0003_notice")]

    operations = [migrations.RunPython(create_accountant_group, migrations.RunPython.noop)]
