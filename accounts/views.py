"""Accounts pages: staff open logins and hand out one-time codes; people activate or reset with a code."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from members import selectors as roster_selectors
from members.models import Member
from unionportal import permission_backend
from unionportal.access import permission_required
from unionportal.documents.services import queue_document
from unionportal.form_pages import report_refusal
from unionportal.pagination import paginate
from unionportal.spreadsheets import append_row, workbook_bytes, xlsx_response

from . import logins, selectors
from .documents import ActivationSlips
from .forms import AccountFilterForm, EmailResetForm, LinkLoginForm, OpenLoginsForm, SetPasswordWithCodeForm
from .models import AccessCode


def _filtered(request):
    """The list's filter (the roster's, and the login state) and the people it keeps."""
    form = AccountFilterForm(request.GET)
    login_state = form.cleaned_data.get("login", "") if form.is_valid() else ""
    return form, selectors.with_login_state(roster_selectors.roster(**form.filters()), login_state)


@permission_required("accounts.manage_logins")
def account_list(request):
    form, members = _filtered(request)
    context = {"form": form, "page_obj": paginate(request, members), "open_form": OpenLoginsForm()}
    return render(request, "accounts/account_list.html", context)


def _chosen(request):
    """The people a button on the list acts on: every row of the list's filter, or the ticked rows."""
    if request.POST.get("scope") == "all":
        return _filtered(request)[1]
    return Member.objects.filter(pk__in=[pk for pk in request.POST.getlist("member") if pk.isdigit()])


def _back(request):
    return redirect(reverse("accounts:list") + ("?" + request.GET.urlencode() if request.GET else ""))


@permission_required("accounts.manage_logins")
@require_POST
def open_accounts(request):
    form = OpenLoginsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择登录名的生成方式。"))
        return _back(request)
    try:
        opened = logins.open_logins(members=_chosen(request), actor=request.user, source=form.cleaned_data["source"])
    except ValidationError as error:
        report_refusal(request, error)
        return _back(request)
    messages.success(
        request,
        _("已为 %(count)s 人开通账号，待激活。请打印激活通知单或导出激活码，交给本人。") % {"count": len(opened)},
    )
    fallbacks = [row for row in opened if row.by_pinyin_for_want_of_job_number]
    if fallbacks:
        messages.info(
            request,
            _("以下 %(count)s 人没有工号，登录名用了姓名拼音：%(names)s。")
            % {
                "count": len(fallbacks),
                "names": "、".join(f"{row.member.name}（{row.username}）" for row in fallbacks),
            },
        )
    for row in opened:
        if row.renamed_from:
            messages.info(
                request,
                _("%(name)s 的拼音登录名 %(base)s 已有人使用，改为 %(login)s。")
                % {"name": row.member.name, "base": row.renamed_from, "login": row.username},
            )
    filters = request.GET.copy()
    filters.pop("page", None)
    filters["login"] = "pending"  # the same list, now showing whose slips to print
    return redirect(reverse("accounts:list") + "?" + filters.urlencode())


def _pending_or_refuse(request):
    users = logins.pending_logins(_chosen(request))
    if not users.exists():
        messages.error(request, _("所选人员中没有待激活的账号。先开通账号，或选择“待激活”的人员。"))
    return users


@permission_required("accounts.manage_logins")
@require_POST
def print_slips(request):
    users = _pending_or_refuse(request)
    if not users.exists():
        return _back(request)
    members = list(users.values_list("member__pk", flat=True))
    job = queue_document(
        owner=request.user, kind=ActivationSlips.kind, params={"members": members, "issued_by": request.user.pk}
    )
    return redirect("documents:job", job_id=job.pk)


@permission_required("accounts.manage_logins")
@require_POST
def export_codes(request):
    users = list(_pending_or_refuse(request).select_related("member__union_group", "member__department"))
    if not users:
        return _back(request)
    codes = logins.issue_codes(users=users, purpose=AccessCode.Purpose.ACTIVATION, actor=request.user)
    book = Workbook()
    sheet = book.active
    sheet.title = _("激活码")
    append_row(sheet, [_("工会小组"), _("姓名"), _("部门"), _("登录名"), _("激活码"), _("有效期至")])
    expires = timezone.localdate() + logins.CODE_LIFETIME[AccessCode.Purpose.ACTIVATION]
    for user in users:
        member = user.member
        append_row(
            sheet,
            [
                str(member.union_group or ""),
                member.name,
                str(member.department or ""),
                user.username,
                codes[user.pk],
                expires,
            ],
        )
    response = xlsx_response(workbook_bytes(book), f"activation-codes-{timezone.localdate():%Y%m%d}.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required("accounts.manage_logins")
def account_detail(request, pk):
    member = get_object_or_404(Member.objects.select_related("user", "union_group"), pk=pk)
    codes = member.user.access_codes.select_related("issued_by")[:10] if member.user else []
    context = {"member": member, "codes": codes, "email_configured": settings.EMAIL_SELF_SERVICE}
    return render(request, "accounts/account_detail.html", context)


def _link_with_code(request, user, code):
    return request.build_absolute_uri(
        reverse("accounts:activate") + "?" + urlencode({"login": user.username, "code": code})
    )


def _mail_link(user, link):
    send_mail(
        _("设置工会门户密码"),
        _("请在有效期内打开下面的链接设置密码（只能使用一次）：\n%(link)s\n如非本人操作，请忽略本邮件。")
        % {"link": link},
        None,
        [user.email],
    )


@never_cache
@permission_required("accounts.manage_logins")
@require_POST
def issue_reset(request, pk):
    """A one-time link to set a password, shown once on this page for the clerk to hand over (no email
    needed), or mailed to the person where the union has an SMTP server and the login an address; a login
    not yet activated gets a new activation code the same way."""
    member = get_object_or_404(Member.objects.select_related("user", "union_group"), pk=pk)
    user = member.user
    if user is None or not user.is_active:
        messages.error(request, _("%(name)s 没有可用的登录账号。") % {"name": member.name})
        return redirect("accounts:detail", pk=pk)
    purpose = AccessCode.Purpose.RESET if user.has_usable_password() else AccessCode.Purpose.ACTIVATION
    code = logins.issue_codes(users=[user], purpose=purpose, actor=request.user)[user.pk]
    link = _link_with_code(request, user, code)
    if request.POST.get("by") == "email" and settings.EMAIL_SELF_SERVICE and user.email:
        _mail_link(user, link)
        messages.success(request, _("链接已发往 %(email)s。") % {"email": user.email})
        return redirect("accounts:detail", pk=pk)
    context = {"member": member, "issued": {"code": code, "link": link, "purpose": AccessCode.Purpose(purpose).label}}
    return render(request, "accounts/account_detail.html", context)


def _close_or_reopen(service, done):
    @permission_required("accounts.manage_logins")
    @require_POST
    def view(request, pk):
        member = get_object_or_404(Member.objects.select_related("user"), pk=pk)
        try:
            service(member=member, actor=request.user)
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, done % {"name": member.name})
        return redirect("accounts:detail", pk=pk)

    return view


close_account = _close_or_reopen(logins.close_login, _("已停用 %(name)s 的账号。"))
reopen_account = _close_or_reopen(logins.reopen_login, _("已重新启用 %(name)s 的账号。"))


@permission_required("accounts.link_login")
def link_login(request):
    form = LinkLoginForm(request.POST or None, initial={"user": request.GET.get("user")})
    if form.is_valid():
        try:
            member = logins.link_login(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("账号“%(login)s”已关联 %(name)s。") % {"login": member.user.username, "name": member.name},
            )
            return redirect("home")
    return render(request, "accounts/link_login.html", {"form": form})


@never_cache
def activate(request):
    """激活账号 / 重设密码 with the one-time code from a slip, an export or a reset link."""
    form = SetPasswordWithCodeForm(request.POST or None, initial=request.GET.dict())
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = logins.set_password_with_code(username=data["login"], code=data["code"], password=data["password"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field, errors)
        else:
            login(request, user, backend=permission_backend.PATH)
            messages.success(
                request, _("密码已设置，欢迎使用。今后请用登录名 %(login)s 和新密码登录。") % {"login": user.username}
            )
            return redirect("home")
    return render(request, "accounts/activate.html", {"form": form})


@never_cache
def email_reset(request):
    """忘记密码: where the union has an SMTP server, a reset link goes to the login's email address. The answer
    is the same whether or not the address belongs to an account, so nobody learns which accounts exist."""
    form = EmailResetForm(request.POST or None)
    if settings.EMAIL_SELF_SERVICE and form.is_valid():
        for user in User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True):
            code = logins.issue_codes(users=[user], purpose=AccessCode.Purpose.RESET, actor=None)[user.pk]
            _mail_link(user, _link_with_code(request, user, code))
        messages.success(request, _("如果该邮箱属于一个有效账号，重设密码的链接已发往该邮箱，3 天内有效。"))
        return redirect("login")
    return render(request, "accounts/email_reset.html", {"form": form, "email_configured": settings.EMAIL_SELF_SERVICE})
