"""First run (初始设置): from an empty database to a union that can open logins for its members.

The browser wizard (setup_views) and ``manage.py setup_union`` call the same steps: the first administrator,
the union's profile (its kind loads the matching disclosure categories and words), this year's dues rates,
the chair, and the org tree."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funds.services.income import update_year_settings
from members import services as member_services
from members.excel import read_rows
from members.models import Branch, Department, DuesSettings, Member, UnionGroup
from unionportal.models import UnionProfile
from unionportal.roles import Role
from unionportal.signals import union_kind_changed

from . import assignments, logins
from .models import AccessCode

MAX_NAME = 50


def needs_first_administrator():
    """An empty database: nobody can log in yet, so the first visit leads to the setup."""
    return not User.objects.exists()


@transaction.atomic
def create_first_administrator(*, username, password):
    """The first login (系统管理员, a superuser); refused once any login exists, so the page cannot be used to
    make a second one."""
    if User.objects.select_for_update().exists():
        raise ValidationError(_("系统中已有账号，不能再创建初始管理员。请用已有的管理员账号登录。"))
    user = User(username=username.strip(), is_staff=True, is_superuser=True)
    user.full_clean(exclude=["password"])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save()
    return user


def is_set_up():
    return UnionProfile.objects.exists()


@transaction.atomic
def save_union(*, name, kind, upper_union="", unit_name="", dues_rate=None, hand_up_share=None):
    """工会信息 and this year's dues: the kind (学校/企业) decides the words and loads its disclosure categories."""
    profile = UnionProfile.objects.filter(pk=1).first() or UnionProfile()
    profile.name, profile.kind, profile.upper_union, profile.unit_name = (
        name.strip(),
        kind,
        upper_union.strip(),
        unit_name.strip(),
    )
    profile.full_clean()
    profile.save()
    dues = DuesSettings.current()
    if dues_rate is not None:
        dues.rate = Decimal(dues_rate)
    dues.full_clean()
    dues.save()
    if hand_up_share is not None:  # this year's share; each year keeps its own (funds year settings)
        update_year_settings(year=timezone.localdate().year, actor=None, dues_hand_up_share=Decimal(hand_up_share))
    union_kind_changed.send(sender=UnionProfile, kind=kind)
    return profile


@dataclass(frozen=True)
class FirstChair:
    member: Member
    login: str
    code: str  # the activation code when the chair got a login of their own; empty when it is the admin's


@transaction.atomic
def appoint_first_chair(*, name, gender, actor, phone="", use_own_login=False):
    """主席: a person on the roster who holds the chair role. Either the administrator is the chair (their login is
    linked to the new record) or the chair gets a login of their own with an activation code."""
    if User.objects.filter(groups__name=Role.CHAIR).exists():
        raise ValidationError(_("已有主席。更换主席请在“角色分工”页办理。"))
    member = member_services.create_member(actor=actor, name=name.strip(), gender=gender, phone=phone.strip())
    member_services.join(member=member, on=timezone.localdate(), actor=actor, note=_("初始设置"))
    member.refresh_from_db()
    code = ""
    if use_own_login:
        logins.link_login(user=actor, member=member, actor=actor)
    else:
        logins.open_logins(members=[member], actor=actor)
        member.refresh_from_db()
        code = logins.issue_codes(users=[member.user], purpose=AccessCode.Purpose.ACTIVATION, actor=actor)[
            member.user.pk
        ]
    assignments.assign_role(member=member, role=Role.CHAIR, reason=_("初始设置"), actor=actor)
    member.refresh_from_db()
    return FirstChair(member, member.user.username, code)


def parse_org_lines(text):
    """One line per union group: ``分会/小组`` or just ``小组``; blank lines are skipped."""
    rows, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.replace("／", "/").split("/")]
        if len(parts) > 2 or not all(parts):
            errors.append(_("第%(n)s行“%(line)s”：请写成“分会/小组”或“小组”。") % {"n": number, "line": line})
        elif any(len(part) > MAX_NAME for part in parts):
            errors.append(_("第%(n)s行：名称不能超过%(max)s个字。") % {"n": number, "max": MAX_NAME})
        else:
            rows.append((parts[0] if len(parts) == 2 else "", parts[-1]))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def build_org_tree(*, text):
    """组织架构: branches (分会, optional) and union groups (工会小组); existing names are kept, so running it again
    adds only what is new. Returns the groups created."""
    created = []
    for order, (branch_name, group_name) in enumerate(parse_org_lines(text), start=1):
        branch = Branch.objects.get_or_create(name=branch_name)[0] if branch_name else None
        group, made = UnionGroup.objects.get_or_create(
            name=group_name, defaults={"branch": branch, "sort_order": order * 10}
        )
        if not made and group.branch != branch:
            raise ValidationError(
                _("小组“%(group)s”已属于%(branch)s，不能再归入%(other)s。")
                % {"group": group_name, "branch": group.branch or _("工会直属"), "other": branch or _("工会直属")}
            )
        if made:
            created.append(group)
    return created


@transaction.atomic
def org_from_roster(*, file):
    """The union groups and departments named in a roster file (the import's own template), made ahead of the
    import, which takes only groups and departments that exist. Returns (groups, departments) created."""
    rows = read_rows(file)
    group_names = dict.fromkeys(row.fields["group_name"] for row in rows if row.fields["group_name"])
    department_names = dict.fromkeys(row.fields["department_name"] for row in rows if row.fields["department_name"])
    too_long = [name for name in [*group_names, *department_names] if len(name) > MAX_NAME]
    if too_long:
        raise ValidationError(
            _("名称不能超过%(max)s个字：%(names)s。") % {"max": MAX_NAME, "names": "、".join(too_long)}
        )
    departments = [name for name in department_names if Department.objects.get_or_create(name=name)[1]]
    return build_org_tree(text="\n".join(group_names)), departments
