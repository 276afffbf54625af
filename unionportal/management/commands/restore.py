from django.core.management.base import BaseCommand, CommandError

from unionportal import backup


class Command(BaseCommand):
    help = "Restore a backup directory into the configured, empty database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by `manage.py backup`")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.restore(directory)
        except (backup.BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"恢复完成 Restored {len(manifest['tables'])} tables from {directory}")
