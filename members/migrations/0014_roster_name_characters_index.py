"""A GIN index on each member's name cut into its characters, for the roster search (lookups.ContainsByCharacters):
a search of one or two Chinese characters (王, 丽华) has no trigram for members_member_name_trgm to look up, and a
surname is the commonest search there is. string_to_array(name, NULL) is IMMUTABLE, so it can be indexed.
PostgreSQL only, like the other search indexes (0013); SQLite has no arrays."""

from django.db import migrations

NAME = "members_member_name_chars"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON members_member USING gin (string_to_array(name, NULL))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("members", "0013_roster_search_indexes")]

    operations = [migrations.RunPython(create, drop)]
