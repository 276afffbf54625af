from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(*targets):
    """Migrate the test database to ``targets`` (the latest migrations when none) and return the
    historical apps of that state, for tests of a data migration."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
