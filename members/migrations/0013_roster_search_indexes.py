"""Indexes for the roster search on PostgreSQL (selectors.roster): trigram indexes serve the name's substring
(three characters or more), the phone's ending and the toneless pinyin pattern; an index on UPPER(initials)
serves istartswith. With every branch of the search's OR indexed, PostgreSQL combines them (BitmapOr) instead
of reading all the staff. SQLite has no trigrams: there this migration does nothing."""

from django.db import migrations

INDEXES = {
    "members_member_name_trgm": "USING gin (name gin_trgm_ops)",
    "members_member_phone_trgm": "USING gin (phone gin_trgm_ops)",
    "members_member_pinyin_trgm": "USING gin (name_pinyin gin_trgm_ops)",
    "members_member_initials_upper": "(UPPER(name_initials) varchar_pattern_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON members_member {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("members", "0012_hand_up_share_per_year")]

    operations = [migrations.RunPython(create, drop)]
