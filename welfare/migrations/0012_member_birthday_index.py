"""An index of the members by birthday (month, day, name), for the welfare dashboard's 本月生日 and the birthday
list (selectors.birthdays_this_month), which otherwise read every member's row to pick one month's. Only the
members the list can show (not 去世 or 调出) are in it; birth_date and status ride along so the list's length is
counted from the index alone. It sits on the members' table but serves welfare's reads, hence here.
PostgreSQL only, like members' search indexes: SQLite's month is a Python function it cannot index."""

from django.db import migrations

NAME = "welfare_member_birthday_idx"
CREATE = f"""CREATE INDEX IF NOT EXISTS {NAME} ON members_member
    ((EXTRACT(MONTH FROM birth_date)), (EXTRACT(DAY FROM birth_date)), name, id) INCLUDE (birth_date, status)
    WHERE NOT (status IN ('deceased', 'transferred'))"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("members", "0013_roster_search_indexes"), ("welfare", "0011_donation_drive_expense")]

    operations = [migrations.RunPython(create, drop)]
