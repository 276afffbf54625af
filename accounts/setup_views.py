"""The first-run wizard: 管理员 → 工会信息与会费 → 主席 → 组织架构 → 完成."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.dues import hand_up_share
from members.models import DuesSettings
from unionportal import permission_backend
from unionportal.login import LoginView
from unionportal.models import UnionProfile

from . import setup
from .login_form import PortalAuthenticationForm
from .setup_forms import AdministratorForm, ChairForm, OrgForm, UnionForm

STEPS = [
    ("accounts:setup", _("管理员")),
    ("accounts:setup_union", _("工会信息")),
    ("accounts:setup_chair", _("主席")),
    ("accounts:setup_org", _("组织架构")),
]


def login_or_first_run(request, *args, **kwargs):
    """The login page; on an empty database, where nobody could log in, the first visit goes to the setup."""
    if setup.needs_first_administrator():
        return redirect("accounts:setup")
    view = LoginView.as_view(authentication_form=PortalAuthenticationForm)
    return view(request, *args, **kwargs)


def _page(request, step, form, template="accounts/setup/step.html", **context):
    return render(request, template, {"form": form, "steps": STEPS, "step": step, **context})


def _administrator_only(view):
    def guarded(request, *args, **kwargs):
        if setup.needs_first_administrator():
            return redirect("accounts:setup")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@never_cache
def administrator(request):
    if not setup.needs_first_administrator():
        return redirect("accounts:setup_union")
    form = AdministratorForm(request.POST or None)
    if form.is_valid():
        try:
            user = setup.create_first_administrator(
                username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            login(request, user, backend=permission_backend.PATH)
            messages.success(request, _("管理员账号已创建。"))
            return redirect("accounts:setup_union")
    return _page(request, 0, form, intro=_("欢迎使用基层工会门户。先创建系统管理员账号，再用几步填好工会的基本情况。"))


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@_administrator_only
def union(request):
    profile, dues = UnionProfile.load(), DuesSettings.current()
    initial = {
        "name": profile.name if setup.is_set_up() else "",
        "kind": profile.kind,
        "unit_name": profile.unit_name,
        "upper_union": profile.upper_union,
        "dues_rate": dues.rate,
        "hand_up_share": hand_up_share(timezone.localdate().year),
    }
    form = UnionForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            setup.save_union(**form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("工会信息已保存，公开类别已按单位类型载入。"))
            return redirect("accounts:setup_chair")
    return _page(request, 1, form)


@never_cache
@_administrator_only
def chair(request):
    form = ChairForm(request.POST or None)
    if form.is_valid():
        try:
            appointed = setup.appoint_first_chair(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已任命 %(name)s 为主席。") % {"name": appointed.member.name})
            if not appointed.code:
                return redirect("accounts:setup_org")
            # shown once, here: only its hash is kept
            return _page(request, 2, None, appointed=appointed)
    return _page(request, 2, form, skip="accounts:setup_org")


@_administrator_only
def org(request):
    form = OrgForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            with transaction.atomic():  # the typed lines and the file: both or neither
                created = setup.build_org_tree(text=form.cleaned_data["lines"])
                departments = []
                if form.cleaned_data["roster"]:
                    groups, departments = setup.org_from_roster(file=form.cleaned_data["roster"])
                    created += groups
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("已建立 %(groups)s 个工会小组、%(departments)s 个部门。")
                % {"groups": len(created), "departments": len(departments)},
            )
            return redirect("accounts:setup_done")
    return _page(request, 3, form)


@_administrator_only
def done(request):
    return render(request, "accounts/setup/done.html", {"steps": STEPS, "step": len(STEPS)})
