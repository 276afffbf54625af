from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def migrate_to(*targets):
    """Migrate the test database to ``targets`` (the latest migrations when none) and return the
    historical apps of that state, for tests of a data migration.

    The migrations run as written, not their squashes: an installation part-way through an app runs those, and
    the squashes leave out the data migrations (a database that starts from them has no old rows to convert)."""
    executor = MigrationExecutor(connection)
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    graph = executor.loader.graph
    for squash, migration in executor.loader.replacements.items():
        graph.remove_replacement_node(squash, migration.replaces)
    targets = targets or graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
