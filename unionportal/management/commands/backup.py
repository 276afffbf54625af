from django.core.management.base import BaseCommand, CommandError

from unionportal import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into var/backups/<time>/ (or the directory given)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="a new directory for the backup")

    def handle(self, *args, directory=None, **options):
        try:
            written = backup.backup(directory or None)
        except (backup.BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"备份完成 Backup written: {written}")
