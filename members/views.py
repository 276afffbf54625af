from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal.access import check_object_permission, permission_required
from unionportal.form_pages import report_refusal
from unionportal.models import UnionProfile
from unionportal.pagination import paginate
from unionportal.spreadsheets import xlsx_response

from . import excel, pickers, selectors, services
from .documents import transfer_refusal
from .forms import MemberForm, MembershipEventForm, RosterFilterForm
from .models import Member, MembershipEvent, UnionGroup


@permission_required("members.view_roster")
def roster(request):
    form = RosterFilterForm(request.GET)
    filters = form.filters()
    page_obj = paginate(request, selectors.roster(**filters).values_list("pk", flat=True))
    page_obj.object_list = selectors.roster_rows(page_obj.object_list, filters.get("sort", ""))
    return render(request, "members/roster.html", {"page_obj": page_obj, "form": form})


@permission_required("members.add_member")
def member_create(request):
    form = MemberForm(request.POST or None, show_id_number=request.user.has_perm("members.view_id_number"))
    if form.is_valid():
        try:
            member = services.create_member(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已添加 %(name)s。") % {"name": member.name})
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/member_form.html", {"form": form, "member": None})


@permission_required("members.change_member")
def member_edit(request, pk):
    member = get_object_or_404(Member, pk=pk)
    form = MemberForm(
        request.POST or None,
        instance=Member.objects.get(pk=pk),
        show_id_number=request.user.has_perm("members.view_id_number"),
    )
    if member.union_group_id:
        form.fields["union_group"].disabled = True
        form.fields["union_group"].help_text = _("更换小组请在人员页办理“调组”。")
    if form.is_valid():
        try:
            services.update_member(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/member_form.html", {"form": form, "member": member})


@login_required
def member_detail(request, pk):
    member = get_object_or_404(Member.objects.select_related("department", "union_group"), pk=pk)
    check_object_permission(request.user, "members.view_member", member)
    context = {"member": member, "events": selectors.timeline(member)}
    if member.user_id == request.user.pk or request.user.has_perm("members.view_dues"):
        context["dues_records"] = member.dues.select_related("member")[:24]
    if request.user.has_perm("members.change_member"):
        context["event_form"] = MembershipEventForm()
        context["retirees_group"] = services.retirees_group_offer(member)
    if request.user.has_perm("members.print_transfer_letter"):
        context["transfer_letter"] = not transfer_refusal(member) and (
            member.status == Member.Status.TRANSFERRED or member.is_union_member
        )
    return render(request, "members/member_detail.html", context)


@permission_required("members.change_member")
@require_POST
def record_event(request, pk):
    member = get_object_or_404(Member, pk=pk)
    form = MembershipEventForm(request.POST)
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        try:
            services.EVENT_SERVICES[kind](member=member, actor=request.user, **form.service_arguments())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已登记：%(kind)s") % {"kind": MembershipEvent.Kind(kind).label})
            _offer_retirees_group(request, member)
    else:
        messages.error(request, " ".join(f"{form[f].label}：{' '.join(e)}" for f, e in form.errors.items()))
    return redirect("members:detail", pk=member.pk)


def _offer_retirees_group(request, member):
    member.refresh_from_db()
    group = services.retirees_group_offer(member)
    if group:
        where = _("在“%(group)s”") % {"group": member.union_group} if member.union_group_id else _("不在任何小组")
        messages.info(
            request,
            format_html(
                _('{name} 已退休，现在{where}。可<a href="#retirees-group">移入退休职工小组“{group}”</a>。'),
                name=member.name,
                where=where,
                group=group,
            ),
        )


@permission_required("members.change_member")
@require_POST
def move_to_retirees_group(request, pk):
    member = get_object_or_404(Member, pk=pk)
    try:
        event = services.move_to_retirees_group(member=member, actor=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已将 %(name)s 移入“%(group)s”。") % {"name": member.name, "group": event.to_group})
    return redirect("members:detail", pk=member.pk)


@permission_required("members.view_roster")
def roster_export(request):
    members = selectors.roster(**RosterFilterForm(request.GET).filters())
    content = excel.export_workbook(members, request.user.has_perm("members.view_id_number"))
    name = _("%(staff)s名册") % {"staff": UnionProfile.load().vocabulary["staff"]}
    return xlsx_response(content, f"{name}-{timezone.localdate():%Y%m%d}.xlsx")


@permission_required("members.import_roster")
def import_template(request):
    return xlsx_response(excel.template_workbook(), _("名册导入模板.xlsx"))


@permission_required("members.import_roster")
def import_roster(request):
    """Upload → dry-run preview of every row; only a file without errors can be confirmed."""
    context = {}
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        try:
            rows, unrecognised = excel.read_upload(upload)
            excel.check_against_database(rows, create_missing=True)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("members:import")
        upload.seek(0)
        stored = default_storage.save(f"member-imports/{request.user.pk}-{timezone.now():%Y%m%d%H%M%S}.xlsx", upload)
        request.session["members_import"] = stored
        new_departments, new_groups = excel.new_units(rows)
        retirees_group = UnionGroup.objects.for_retirees()
        context = {
            "retirees_group": retirees_group,
            "retirees_elsewhere": [
                row
                for row in rows
                if retirees_group
                and row.fields.get("status") == Member.Status.RETIRED
                and row.fields.get("union_group") != retirees_group
            ],
            "rows": rows,
            "bad_rows": [row for row in rows if row.errors],
            "warned_rows": [row for row in rows if row.warnings],
            "filename": upload.name,
            "unrecognised": unrecognised,
            "new_departments": new_departments,
            "new_groups": new_groups,
        }
    return render(request, "members/import.html", context)


@permission_required("members.import_roster")
@require_POST
def import_confirm(request):
    stored = request.session.pop("members_import", None)
    if not stored or not default_storage.exists(stored):
        messages.error(request, _("导入已过期，请重新上传文件。"))
        return redirect("members:import")
    try:
        with default_storage.open(stored) as file:
            created = services.import_roster(
                file=file,
                actor=request.user,
                create_missing=request.POST.get("create_units") == "1",
                retirees_to_group=bool(request.POST.get("retirees_to_group")),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("members:import")
    finally:
        default_storage.delete(stored)
    messages.success(request, _("已导入 %(count)s 人。") % {"count": len(created)})
    return redirect("members:roster")


@permission_required("members.view_roster")
def person_search(request):
    """The person pickers' search: people of one scope by name, pinyin initials or phone ending, as JSON."""
    return JsonResponse({"results": pickers.search(request.GET.get("q", ""), request.GET.get("scope", ""))})
