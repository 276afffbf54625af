import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from disclosure.formatting import render_body
from unionportal import workflow
from unionportal.access import check_object_permission, member_record_required, no_member_record, permission_required
from unionportal.documents.services import queue_document
from unionportal.form_pages import apply_posted_form, form_page, report_refusal
from unionportal.pagination import paginate
from unionportal.spreadsheets import append_row, start_sheet, workbook_bytes, xlsx_response

from . import attachments, care, payouts, publication, recipient_rules, selectors, services, workbench
from .documents import PaymentRegister, VisitRegister
from .forms import (
    ApplicationForm,
    CampaignForm,
    DriveForm,
    HardshipFileForm,
    LifeEventForm,
    OccasionTermsFormSet,
    PaymentForm,
    PledgeForm,
    RecipientForm,
    RecipientListForm,
    RecipientRuleForm,
    RegisterForm,
    ReviewForm,
    SettingsForm,
    VisitForm,
)
from .models import (
    ZERO,
    Application,
    ApplicationAttachment,
    Campaign,
    CampaignRecipient,
    CareTask,
    DonationDrive,
    FundSource,
    HardshipFile,
    Payment,
    VisitOccasion,
    WelfareSettings,
)


def _refused(request, form, error):
    for message in error.messages:
        form.add_error(None, message)


def _date_param(request, name):
    try:
        return parse_date(request.GET.get(name, ""))
    except ValueError:  # well formed but no such day, e.g. 2026-02-30
        return None


def _form_page(request, form, *, save, **page):
    return form_page(request, form, save=_beside_the_field(save), template="welfare/form.html", **page)


def _beside_the_field(save):
    """A service's refusal keyed to a field (the person chosen: 申请人, 职工) lands beside that field; one keyed
    to a field the form lacks (a member applying for herself picks no 申请人) stays atop the form."""

    def run(form):
        try:
            return save(form)
        except ValidationError as error:
            if hasattr(error, "error_dict") and not error.error_dict.keys() <= form.fields.keys():
                raise ValidationError(error.messages) from None
            raise

    return run


@permission_required("welfare.view_index")
def index(request):
    user = request.user
    context = {"can_files": user.has_perm("welfare.view_files")}
    context["year"] = year = _year_param(request)
    if context["can_files"]:
        board = workbench.dashboard(year)
        context.update(
            waiting=board.waiting.lines,
            waiting_count=board.waiting.count,
            waiting_url=f"{reverse('welfare:applications')}?status=pending",
            birthdays=board.birthdays.lines,
            birthday_count=board.birthdays.count,
            in_hospital=board.in_hospital.lines,
            in_hospital_count=board.in_hospital.count,
            hospital_url=_hospital_visits_url(board.hospital),
            due_files=board.due_files,
            behind=board.behind,
            summary=board.summary,
        )
    else:
        context["summary"] = selectors.care_summary(year)
    return render(request, "welfare/index.html", context)


def _year_param(request):
    """The year asked for in ``?year=``; this year when none is given or it is no year at all."""
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def _hospital_visits_url(occasion):
    """The visit list narrowed to what the dashboard's 住院 card counts (none when it counts no visit)."""
    if occasion is None:
        return ""
    since = timezone.localdate() - datetime.timedelta(days=selectors.HOSPITAL_DAYS)
    query = urlencode({"occasion": occasion, "since": since.isoformat()})
    return f"{reverse('welfare:visits')}?{query}"


@permission_required("welfare.view_files")
def birthday_list(request):
    return render(
        request, "welfare/birthday_list.html", {"page_obj": paginate(request, selectors.birthdays_this_month())}
    )


# ---- hardship files ---------------------------------------------------------------------------


@permission_required("welfare.view_files")
def file_list(request):
    files = selectors.file_list(
        status=request.GET.get("status", ""), level=request.GET.get("level", ""), q=request.GET.get("q", "").strip()
    )
    page = paginate(request, files)
    services.log_list_access(files=page.object_list, user=request.user)
    return render(
        request,
        "welfare/file_list.html",
        {"page_obj": page, "statuses": HardshipFile.Status.choices, "levels": HardshipFile.Level.choices},
    )


@permission_required("welfare.view_file_access_log")
def file_access_log(request):
    person = request.GET.get("person", "").strip()
    since, until = _date_param(request, "since"), _date_param(request, "until")
    rows = selectors.file_access_log(person=person, since=since, until=until)
    return render(
        request,
        "welfare/file_access_log.html",
        {"page_obj": paginate(request, rows), "person": person, "since": since, "until": until},
    )


@permission_required("welfare.change_file")
def file_create(request):
    form = HardshipFileForm(
        request.POST or None,
        initial={"next_review_on": timezone.localdate().replace(year=timezone.localdate().year + 1)},
    )
    return _form_page(
        request,
        form,
        save=lambda form: services.open_file(actor=request.user, **form.cleaned_data),
        done=_("档案已建立。"),
        title=_("建立困难职工档案"),
        back="welfare:files",
    )


@permission_required("welfare.view_files")
def file_detail(request, pk):
    file = get_object_or_404(HardshipFile.objects.select_related("member", "member__department"), pk=pk)
    services.log_file_access(file=file, user=request.user)
    context = {
        "file": file,
        "reviews": file.reviews.select_related("reviewer"),
        "access_log": file.access_log.select_related("user__member")[:20],
        "payments": file.member.welfare_payments.select_related("campaign")[:20],
        "review_form": ReviewForm(
            initial={
                "level": file.level,
                "household_size": file.household_size,
                "monthly_income_per_capita": file.monthly_income_per_capita,
                "status": file.status,
            }
        ),
    }
    return render(request, "welfare/file_detail.html", context)


@permission_required("welfare.change_file")
def file_edit(request, pk):
    file = get_object_or_404(HardshipFile.objects.select_related("member"), pk=pk)
    if request.method == "GET":
        services.log_file_access(file=file, user=request.user)
    return _form_page(
        request,
        HardshipFileForm(request.POST or None, instance=file),
        save=lambda form: services.update_file(file=file, actor=request.user),
        done=_("档案已保存。"),
        title=_("修改%(file)s") % {"file": file},
        back="welfare:files",
    )


@permission_required("welfare.change_file")
@require_POST
def file_review(request, pk):
    file = get_object_or_404(HardshipFile, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.review_file(file=file, actor=request.user, changes=data.pop("changes"), **data)
            messages.success(request, _("复核已记录。"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("请填写复核情况。"))
    return redirect(file)


@permission_required("welfare.export")
def file_export(request):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    headers = [
        _("姓名"),
        _("身份证号"),
        _("困难程度"),
        _("致困原因"),
        _("家庭人口"),
        _("人均月收入"),
        _("状态"),
        _("下次复核"),
    ]
    sheet = start_sheet(book, _("困难职工档案"), headers, widths={_("致困原因"): 24})
    for file in selectors.file_list():
        append_row(
            sheet,
            [
                file.member.name,
                file.member.masked_id_number,
                file.get_level_display(),
                "、".join(file.cause_labels()),
                file.household_size,
                file.monthly_income_per_capita,
                file.get_status_display(),
                file.next_review_on,
            ],
        )
        services.log_file_access(file=file, user=request.user, action="export")
    filename = _("困难职工档案-%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"}
    return xlsx_response(workbook_bytes(book), filename)


# ---- applications -----------------------------------------------------------------------------


@permission_required("welfare.view_applications")
def application_list(request):
    rows = selectors.applications(status=request.GET.get("status", ""))
    return render(
        request,
        "welfare/application_list.html",
        {"page_obj": paginate(request, rows), "statuses": Application.Status.choices, "title": _("帮扶申请")},
    )


@member_record_required
@permission_required("welfare.view_own_applications")
def my_applications(request):
    rows = selectors.applications().filter(member=request.user.member)
    return render(
        request,
        "welfare/application_list.html",
        {"page_obj": paginate(request, rows), "title": _("我的帮扶申请"), "mine": True},
    )


@permission_required("welfare.apply")
def application_create(request):
    on_behalf = request.user.has_perm("welfare.view_applications") and request.GET.get("for") != "me"
    if not on_behalf and not hasattr(request.user, "member"):
        return no_member_record(request)

    def apply(form):
        data = form.cleaned_data
        return services.apply_for_help(
            member=data.get("member") or request.user.member,
            actor=request.user,
            reason=data["reason"],
            amount_requested=data["amount_requested"],
            another_need=data["another_need"],
            attachments=data["attachments"],
        )

    return _form_page(
        request,
        ApplicationForm(request.POST or None, request.FILES or None, on_behalf=on_behalf),
        save=apply,
        done=_("申请已提交。"),
        title=_("申请帮扶"),
        back="welfare:my_applications",
    )


def _application(request, pk):
    application = get_object_or_404(Application.objects.select_related("member", "applied_by", "file"), pk=pk)
    check_object_permission(request.user, "welfare.view_application", application)
    return application


@permission_required("welfare.view_own_applications")
def application_detail(request, pk):
    application = _application(request, pk)
    staff = request.user.has_perm("welfare.view_applications")
    context = {
        "application": application,
        "attachments": application.attachments.all(),
        "may_change_attachments": attachments.may_change(request.user, application),
        "payment": Payment.objects.filter(application=application).first(),  # where its money stands
        "steps": application.steps.select_related("actor__member"),
        "staff": staff,
        "buttons": workflow.buttons_for(request, application),
        # what the chair needs to decide: the file and its level, this year's help against the cap
        "decision": selectors.decision_facts(application) if staff else None,
    }
    return render(request, "welfare/application_detail.html", context)


@permission_required("welfare.view_own_applications")
@require_POST
def application_action(request, pk, action):
    """Every button of the application's table (welfare/flows.py) posts here."""
    return workflow.act(request, _application(request, pk), action)


def _attachment(request, pk):
    attachment = get_object_or_404(
        ApplicationAttachment.objects.select_related("application__member", "application__applied_by"), pk=pk
    )
    check_object_permission(request.user, "welfare.view_application", attachment.application)
    return attachment


@permission_required("welfare.view_own_applications")
def application_attachment(request, pk):
    """A paper of an application, opened through the portal only (never a public media URL), not cached."""
    attachment = _attachment(request, pk)
    return FileResponse(
        attachment.file.open("rb"),
        filename=attachment.name,
        as_attachment=False,
        content_type=attachment.content_type,
    )


@permission_required("welfare.view_own_applications")
@require_POST
def application_attachment_remove(request, pk):
    attachment = _attachment(request, pk)
    apply_posted_form(
        request,
        None,
        lambda form: attachments.remove_attachment(attachment=attachment, actor=request.user),
        done=_("附件“%(name)s”已删除。") % {"name": attachment.name},
    )
    return redirect(attachment.application)


# ---- payments ---------------------------------------------------------------------------------


@permission_required("welfare.view_payments")
def payment_list(request):
    year = request.GET.get("year") or timezone.localdate().year
    rows = selectors.payments(
        year=year, fund_source=request.GET.get("fund_source", ""), campaign=request.GET.get("campaign")
    )
    return render(
        request,
        "welfare/payment_list.html",
        {
            "page_obj": paginate(request, rows),
            "year": year,
            "sources": FundSource.choices,
            "totals": selectors.totals(year)["overall"],
            "stuck": Payment.STUCK,
        },
    )


@permission_required("welfare.record_payment")
def payment_create(request):
    def record(form):
        data = form.cleaned_data
        return services.record_payment(
            actor=request.user,
            member=data["member"],
            kind=data["kind"],
            amount=data["amount"] or 0,
            goods=data["goods"],
            fund_source=data["fund_source"],
            campaign=data["campaign"],
            override_note=data["override_note"],
        )

    return _form_page(
        request,
        PaymentForm(request.POST or None),
        save=record,
        done=_payment_done,
        title=_("登记发放"),
        back="welfare:payments",
        then=lambda payment: redirect("welfare:payments"),
    )


def _payment_done(payment):
    if payment.expense_id is None:
        return _("已登记发放%(goods)s。") % {"goods": payment.goods or payment.get_kind_display()}
    return _("已向财务提交%(amount)s元的支出申请（%(name)s），财务审核、主席审批并支付后即为已发放。") % {
        "amount": payment.amount,
        "name": payment.member.name,
    }


@permission_required("welfare.record_payment")
@require_POST
def payment_action(request, pk, action):
    """A payment whose expense request was returned, refused or withdrawn: ask again, or cancel it."""
    if action not in ("request_again", "cancel"):
        raise Http404
    payment = get_object_or_404(Payment.objects.select_related("member"), pk=pk)
    try:
        if action == "request_again":
            expense = payouts.request_again(payment=payment, actor=request.user)
            messages.success(
                request, _("已重新提交支出申请（%(amount)s元），等待财务审核。") % {"amount": expense.amount}
            )
        else:
            count = payouts.cancel(payment=payment, actor=request.user)
            text = _("已取消%(name)s等%(count)s人次的发放，经费申请已撤回。")
            messages.success(request, text % {"name": payment.member.name, "count": count})
    except ValidationError as error:
        report_refusal(request, error)
    return redirect("welfare:payments")


@permission_required("welfare.record_payment")
@require_POST
def payment_sign_off(request, pk):
    payment = get_object_or_404(Payment, pk=pk)
    try:
        services.sign_off_payment(payment=payment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("welfare:payments")


@permission_required("welfare.print_registers")
def print_register(request):
    """Choose a register and a period or campaign; the PDF is made in the background."""

    def queue(form):
        document = VisitRegister if form.cleaned_data["register"] == RegisterForm.VISITS else PaymentRegister
        return queue_document(owner=request.user, kind=document.kind, params=form.params())

    return _form_page(
        request,
        RegisterForm(request.POST or None, initial={"register": request.GET.get("register", RegisterForm.VISITS)}),
        save=queue,
        done=_("登记表已排队生成。"),
        title=_("打印登记表"),
        back="welfare:index",
        then=lambda job: redirect("documents:job", job_id=job.pk),
    )


@permission_required("welfare.view_totals")
def totals(request):
    year = _year_param(request)
    return render(request, "welfare/totals.html", {"year": year, "totals": selectors.totals(year)})


# ---- campaigns --------------------------------------------------------------------------------


@permission_required("welfare.view_campaigns")
def campaign_list(request):
    campaigns = selectors.campaigns(user=request.user)
    rows = [(c, services.campaign_progress(c), services.campaign_behind_schedule(c)) for c in campaigns]
    return render(request, "welfare/campaign_list.html", {"rows": rows})


def _campaign(request, pk, permission, queryset=Campaign.objects):
    """The campaign of a page, if this user may see or organise it: confidential lists are the chair's and
    the welfare officers' alone."""
    campaign = get_object_or_404(queryset, pk=pk)
    check_object_permission(request.user, permission, campaign)
    return campaign


@permission_required("welfare.create_campaign")
def campaign_create(request):
    return _form_page(
        request,
        CampaignForm(request.POST or None, initial={"year": timezone.localdate().year}, user=request.user),
        save=lambda form: services.create_campaign(actor=request.user, **form.cleaned_data),
        done=_("慰问活动已建立，请确定慰问名单。"),
        title=_("新建慰问活动"),
        back="welfare:campaigns",
    )


@permission_required("welfare.view_campaigns")
def campaign_detail(request, pk):
    campaign = _campaign(
        request,
        pk,
        "welfare.view_campaign",
        Campaign.objects.select_related("publication").prefetch_related(selectors.recipients_with_payments()),
    )
    recipients = list(campaign.recipients.all())
    undelivered = [r for r in recipients if not r.payment_id]
    context = {
        "campaign": campaign,
        "recipients": recipients,
        "undelivered": len(undelivered),
        "undelivered_total": sum((r.amount for r in undelivered), ZERO),
        "progress": services.campaign_progress(campaign),
        "overrides": campaign.overrides.select_related("by"),
        # the proposals draw on hardship files, which only their readers may see
        "proposed": services.proposed_recipients(campaign) if request.user.has_perm("welfare.view_files") else None,
        "can_manage": request.user.has_perm("welfare.manage_campaign", campaign),
        "can_publish": request.user.has_perm("welfare.publish_recipients", campaign),
        "form": RecipientForm(),
        "rule_form": RecipientRuleForm(auto_id="rule_%s"),  # ids apart from the single-person form on the page
    }
    return render(request, "welfare/campaign_detail.html", context)


@permission_required("welfare.view_campaigns")
def campaign_edit(request, pk):
    """Change a campaign, its 名单保密 flag included: a universal gift may be opened to the union's 委员; a
    hardship-based one stays confidential."""
    campaign = _campaign(request, pk, "welfare.manage_campaign")
    initial = {"confidential": "yes" if campaign.confidential else "no"}
    form = CampaignForm(request.POST or None, instance=campaign, initial=initial, user=request.user)
    return _form_page(
        request,
        form,
        save=lambda form: services.update_campaign(campaign=campaign, actor=request.user, **form.cleaned_data),
        done=lambda saved: (
            _("“%(name)s”已保存，名单%(open)s。")
            % {"name": saved.name, "open": _("保密") if saved.confidential else _("不保密，工会委员可查看和组织")}
        ),
        title=_("修改慰问活动"),
        back="welfare:campaigns",
    )


@permission_required("welfare.view_campaigns")
@require_POST
def campaign_deliver_all(request, pk):
    """全部发放: everyone on the list not yet delivered, one expense request for their money."""
    campaign = _campaign(request, pk, "welfare.manage_campaign")
    try:
        payments = services.deliver_to_recipients(
            campaign=campaign,
            actor=request.user,
            goods=request.POST.get("goods", "").strip()[:200],
            override_note=request.POST.get("override_note", ""),
        )
    except ValidationError as error:
        report_refusal(request, error)
    else:
        total = sum((payment.amount for payment in payments), ZERO)
        if total:
            text = _("已为%(count)s人提交支出申请，合计%(total)s元；财务审核、主席审批并支付后即为已发放。")
        else:
            text = _("已登记%(count)s人的慰问品发放。")
        messages.success(request, text % {"count": len(payments), "total": total})
    return redirect(campaign)


@permission_required("welfare.view_campaigns")
@require_POST
def campaign_add(request, pk):
    campaign = _campaign(request, pk, "welfare.manage_campaign")
    form = RecipientForm(request.POST)
    if form.is_valid():
        try:
            services.add_recipient(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("请选择对象。"))
    return redirect(campaign)


@permission_required("welfare.view_campaigns")
@require_POST
def campaign_add_by_rule(request, pk):
    campaign = _campaign(request, pk, "welfare.manage_campaign")
    form = RecipientRuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect(campaign)
    try:
        added = recipient_rules.add_by_rule(campaign=campaign, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("已按规则加入%(count)s人，合计%(total)s元。") % {"count": added.count, "total": added.total}
        if added.skipped:
            text += _("另有%(skipped)s人已在名单中，未重复加入。") % {"skipped": added.skipped}
        messages.success(request, text)
    return redirect(campaign)


@permission_required("welfare.view_campaigns")
def campaign_publish(request, pk):
    """Draft the recipient list's 公示 (names masked); the disclosure flow takes it from there."""
    campaign = _campaign(request, pk, "welfare.publish_recipients")
    initial = {"category": publication.default_category(), "title": publication.default_title(campaign)}
    form = RecipientListForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            item = publication.publish_recipient_list(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(campaign)
        messages.success(request, _("名单公示草稿已生成（姓名已隐去），由工会在“起草与预审”中提交预审后公示。"))
        return redirect(item if request.user.has_perm("disclosure.view_item", item) else campaign)
    context = {"campaign": campaign, "form": form, "preview": render_body(publication.recipient_list_body(campaign))}
    return render(request, "welfare/campaign_publish.html", context)


@permission_required("welfare.view_campaigns")
@require_POST
def recipient_action(request, pk, action):
    if action not in ("deliver", "remove", "amount"):
        raise Http404
    recipient = get_object_or_404(CampaignRecipient.objects.select_related("campaign"), pk=pk)
    check_object_permission(request.user, "welfare.manage_campaign", recipient.campaign)
    try:
        if action == "deliver":
            payment = services.deliver_to_recipient(
                recipient=recipient, actor=request.user, override_note=request.POST.get("override_note", "")
            )
            messages.success(request, _payment_done(payment))
        elif action == "remove":
            services.remove_recipient(recipient=recipient, actor=request.user)
        else:
            services.change_recipient_amount(
                recipient=recipient,
                actor=request.user,
                amount=request.POST.get("amount", "0"),
                override_note=request.POST.get("override_note", ""),
            )
    except (ValidationError, ArithmeticError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [_("金额格式不正确。")])))
    return redirect(recipient.campaign)


# ---- visits and donations ---------------------------------------------------------------------


@permission_required("welfare.view_visits")
def visit_list(request):
    """All visits, or those of one occasion since a date (the dashboard's 住院 list links here)."""
    occasion = request.GET.get("occasion", "")
    since = _date_param(request, "since")
    visits = selectors.visits(occasion=occasion if occasion.isdigit() else None, since=since)
    return render(
        request, "welfare/visit_list.html", {"page_obj": paginate(request, visits.prefetch_related("visitors"))}
    )


@permission_required("welfare.view_visits")
def care_tasks(request):
    """关怀任务: life events waiting for their visit, the overdue first, and the form to record one."""
    form = LifeEventForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST":
        check_object_permission(request.user, "welfare.record_visit", None)
        if form.is_valid():
            try:
                task = care.record_life_event(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("已登记%(name)s的%(occasion)s，请于%(due)s前走访。")
                    % {"name": task.member.name, "occasion": task.occasion, "due": task.due_on},
                )
                return redirect("welfare:care_tasks")
    tasks = care.open_tasks()
    return render(request, "welfare/care_tasks.html", {"tasks": tasks, "form": form, "today": timezone.localdate()})


@require_POST
@permission_required("welfare.record_visit")
def care_task_withdraw(request, pk):
    task = get_object_or_404(CareTask, pk=pk)
    try:
        task = care.withdraw_task(task=task)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(
            request, _("已撤销%(name)s的%(occasion)s走访任务。") % {"name": task.member.name, "occasion": task.occasion}
        )
    return redirect("welfare:care_tasks")


def _visit_done(visit, task):
    text = _("走访慰问已登记；对应的关怀任务随之完成。") if task else _("走访慰问已登记。")
    if visit.payment is not None and visit.payment.expense_id:
        money = _("慰问金%(amount)s元已提交财务审核，主席审批、财务支付后即为已发放。")
        text += money % {"amount": visit.payment.amount}
    return text


@permission_required("welfare.record_visit")
def visit_create(request):
    def record(form):
        return services.record_visit(
            actor=request.user, **{**form.cleaned_data, "money": form.cleaned_data["money"] or 0}
        )

    initial = {"visited_on": timezone.localdate()}
    task_pk = request.GET.get("task", "")
    task = CareTask.objects.filter(pk=task_pk, visit=None).first() if task_pk.isdigit() else None
    if task:
        initial |= {"member": task.member_id, "occasion": task.occasion_id, "money": task.amount}
    return _form_page(
        request,
        VisitForm(request.POST or None, initial=initial),
        save=record,
        done=lambda visit: _visit_done(visit, task),
        title=_("登记走访慰问"),
        back="welfare:visits",
        then=lambda visit: redirect("welfare:visits"),
    )


@permission_required("welfare.view_drives")
def drive_list(request):
    return render(request, "welfare/drive_list.html", {"drives": DonationDrive.objects.select_related("beneficiary")})


@permission_required("welfare.manage_drives")
def drive_create(request):
    return _form_page(
        request,
        DriveForm(request.POST or None),
        save=lambda form: services.open_drive(actor=request.user, **form.cleaned_data),
        done=_("爱心捐款已发起。"),
        title=_("发起爱心捐款"),
        back="welfare:drives",
    )


@permission_required("welfare.view_drives")
def drive_detail(request, pk):
    drive = get_object_or_404(DonationDrive.objects.select_related("beneficiary", "expense"), pk=pk)
    form = PledgeForm(request.POST or None)
    if request.method == "POST" and request.user.has_perm("welfare.pledge") and form.is_valid():
        if not hasattr(request.user, "member"):
            return no_member_record(request)
        try:
            services.pledge(drive=drive, member=request.user.member, amount=form.cleaned_data["amount"])
            messages.success(request, _("感谢您的爱心捐款。"))
            return redirect(drive)
        except ValidationError as error:
            _refused(request, form, error)
    staff = request.user.has_perm("welfare.manage_drives")
    context = {
        "drive": drive,
        "form": form,
        "staff": staff,
        "total": drive.pledged_total(),
        "count": drive.pledges.count(),
        "pledges": drive.pledges.select_related("member") if staff else [],
    }
    return render(request, "welfare/drive_detail.html", context)


@permission_required("welfare.manage_drives")
@require_POST
def drive_hand_over(request, pk):
    drive = get_object_or_404(DonationDrive, pk=pk)
    try:
        services.hand_over_drive(drive=drive, actor=request.user, handed_over_to=request.POST.get("handed_over_to", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("捐款移交已提交经费审批，财务支付后即为已转交。"))
    return redirect(drive)


@permission_required("welfare.change_settings")
def settings_page(request):
    current = WelfareSettings.current()
    form = SettingsForm(request.POST or None, initial={"yearly_cap_per_person": current.yearly_cap_per_person})
    occasions = OccasionTermsFormSet(request.POST or None, queryset=VisitOccasion.objects.all(), prefix="occasions")
    if form.is_valid() and occasions.is_valid():
        try:
            with transaction.atomic():
                services.set_yearly_cap(actor=request.user, cap=form.cleaned_data["yearly_cap_per_person"])
                occasions.save()
                if form.cleaned_data["new_occasion"]:
                    services.add_occasion(actor=request.user, name=form.cleaned_data["new_occasion"])
        except ValidationError as error:
            _refused(request, form, error)
        else:
            messages.success(request, _("帮扶设置已保存：年度上限、各慰问事由的标准和走访期限。"))
            return redirect("welfare:settings")
    return render(request, "welfare/settings.html", {"form": form, "occasions": occasions})
