from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from unionportal.demo import LOGINS, PASSWORD
from unionportal.models import UnionKind

# Each app adds its demo data here, after the apps it builds on.
DEMO_LOADERS = [
    "unionportal.demo.load",
    "members.demo.load",
    "accounts.demo.load",
    "disclosure.demo.load",
    "funds.demo.load",  # the year's books are open before any app's money asks to leave
    "welfare.demo.load",
    "congress.demo.load",
    "congress.body_demo.load",
    "activities.demo.load",
    "activities.demo.load_money",  # after the funds demo: event budgets are paid through the funds chain
    "welfare.demo.load_hand_over",
    "unionportal.documents.demo.load",
    "contracts.demo.load",
    "unionportal.demo.settle_notices",  # last: what the loaders above sent, older than a few, reads as read
]
PROFILE_LOADER = "unionportal.demo.load"  # the one loader told the union's kind; the others read the profile


class Command(BaseCommand):
    help = "载入演示工会数据（可重复执行，不会产生重复数据）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            choices=UnionKind.values,
            default=UnionKind.SCHOOL,
            help="school（学校，默认）或 enterprise（企业）",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        for path in DEMO_LOADERS:
            extra = {"kind": options["kind"]} if path == PROFILE_LOADER else {}
            import_string(path)(self.stdout, **extra)
        self.stdout.write(self.style.SUCCESS(f"演示数据已载入。演示账号（密码均为 {PASSWORD}）："))
        for username, roles in LOGINS.items():
            self.stdout.write(f"  {username:<10} {'、'.join(str(r.label) for r in roles) or '会员'}")
