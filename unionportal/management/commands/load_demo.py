from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from unionportal.demo import LOGINS, PASSWORD

# Each app adds its demo data here, after the apps it builds on.
DEMO_LOADERS = [
    "unionportal.demo.load",
    "members.demo.load",
    "disclosure.demo.load",
    "welfare.demo.load",
    "congress.demo.load",
    "activities.demo.load",
    "funds.demo.load",
    "unionportal.documents.demo.load",
]


class Command(BaseCommand):
    help = "载入演示工会数据（可重复执行，不会产生重复数据）"

    @transaction.atomic
    def handle(self, *args, **options):
        for path in DEMO_LOADERS:
            import_string(path)(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"演示数据已载入。演示账号（密码均为 {PASSWORD}）："))
        for username, roles in LOGINS.items():
            self.stdout.write(f"  {username:<10} {'、'.join(str(r.label) for r in roles) or '会员'}")
