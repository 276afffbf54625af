"""An index for the roster's filter bar (selectors.roster): status, membership, gender and birth date (the age
bands), the filters that name most of a union at once (在职, 会员, 35岁以下女职工). Without it each count and page
of a filtered roster read all of the staff; with the sort keys riding along (name_pinyin for the default order,
union_group_id for 按小组, id), the count and the page's keys are read from the index alone. Its leading
columns also serve the head count of 在职 staff and members. PostgreSQL only (INCLUDE), like the search indexes."""

from django.db import migrations

NAME = "members_member_roster_filter"
CREATE = f"""CREATE INDEX IF NOT EXISTS {NAME} ON members_member
    (status, is_union_member, gender, birth_date) INCLUDE (name_pinyin, union_group_id, id)"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("members", "0014_roster_name_characters_index")]

    operations = [migrations.RunPython(create, drop)]
