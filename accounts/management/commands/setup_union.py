"""``manage.py setup_union``: the first-run setup from the shell, for scripted installs (the same steps as the
browser's /setup/)."""

import getpass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import setup
from members.models import Member
from unionportal.models import UnionKind
from unionportal.roles import Role


class Command(BaseCommand):
    help = "初始设置：工会名称与类型、上级工会、本年度会费比例、主席、工会小组（可重复执行，已有的不重复建）"

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="工会名称")
        parser.add_argument("--kind", required=True, choices=UnionKind.values, help="school 学校 / enterprise 企业")
        parser.add_argument("--upper-union", required=True, help="上级工会")
        parser.add_argument("--unit-name", default="", help="所在单位")
        parser.add_argument("--dues-rate", default="0.0050", help="本年度会费比例，默认 0.0050（0.5%%）")
        parser.add_argument("--hand-up-share", default="0", help="上缴比例，默认 0")
        parser.add_argument(
            "--admin", help="初始管理员登录名（数据库中还没有任何账号时创建；密码从 --admin-password 或提示输入）"
        )
        parser.add_argument("--admin-password", help="初始管理员密码")
        parser.add_argument("--chair", help="主席姓名（为其开通账号并打印激活码）")
        parser.add_argument(
            "--chair-gender", default=Member.Gender.MALE, choices=Member.Gender.values, help="M 男 / F 女"
        )
        parser.add_argument("--groups", help="工会小组文件：每行一个小组，有分会的写成“分会/小组”")

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                self._set_up(options)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None

    def _set_up(self, options):
        if options["admin"] and setup.needs_first_administrator():
            password = options["admin_password"] or getpass.getpass("管理员密码：")
            admin = setup.create_first_administrator(username=options["admin"], password=password)
            self.stdout.write(f"已创建管理员 {admin.username}")
        elif options["admin"]:
            self.stdout.write("系统中已有账号，未再创建管理员")
        actor = User.objects.filter(is_superuser=True).order_by("pk").first()
        setup.save_union(
            name=options["name"],
            kind=options["kind"],
            upper_union=options["upper_union"],
            unit_name=options["unit_name"],
            dues_rate=options["dues_rate"],
            hand_up_share=options["hand_up_share"],
        )
        self.stdout.write(f"工会信息已保存：{options['name']}（{UnionKind(options['kind']).label}），公开类别已载入")
        if options["chair"] and User.objects.filter(groups__name=Role.CHAIR).exists():
            self.stdout.write("已有主席，未再任命（更换主席请在“角色分工”页办理）")
        elif options["chair"]:
            chair = setup.appoint_first_chair(name=options["chair"], gender=options["chair_gender"], actor=actor)
            self.stdout.write(
                f"主席 {chair.member.name}：登录名 {chair.login}，激活码 {chair.code}（只显示这一次，30 天内有效）"
            )
        if options["groups"]:
            with open(options["groups"], encoding="utf-8") as file:
                created = setup.build_org_tree(text=file.read())
            self.stdout.write(f"已建立 {len(created)} 个工会小组")
        self.stdout.write(self.style.SUCCESS("初始设置完成。用管理员账号登录后，在“账号管理”为人员开通账号。"))
