from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import check_object_permission, member_record_required, permission_required
from unionportal.documents.services import queue_document
from unionportal.models import UnionProfile
from unionportal.pagination import paginate

from . import forms, selectors, services
from .documents import DisclosureSheet
from .models import Attachment, Category, DisclosureItem, Objection


def _visible_item(request, pk):
    """The item, or 404 for anyone who may not see it: a guessed URL reveals nothing."""
    try:
        item = selectors.item_detail(pk)
    except DisclosureItem.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("disclosure.view_item", item):
        raise Http404
    return item


def _int(value):
    return int(value) if value and value.isdigit() else None


@permission_required("disclosure.view_index")
def index(request):
    category, year, query = _int(request.GET.get("category")), _int(request.GET.get("year")), request.GET.get("q", "")
    items = selectors.board(request.user, category=category, year=year, query=query.strip())
    page = paginate(request, items, count=items.count())
    page.object_list = selectors.board_rows(page.object_list)
    return render(
        request,
        "disclosure/index.html",
        {
            "page_obj": page,
            "categories": selectors.category_choices(),
            "years": selectors.board_years(request.user),
            "category": category,
            "year": year,
            "query": query,
        },
    )


@permission_required("disclosure.view_index")
def detail(request, pk):
    item = _visible_item(request, pk)
    user = request.user
    context = {"item": item, "signed": False}
    if user.is_authenticated:
        context["objections"] = selectors.objections(item)
        context["signed"] = item.receipts.filter(user=user).exists()
    if user.has_perm("disclosure.view_timeline", item):
        context["steps"] = selectors.timeline(item)
    if user.has_perm("disclosure.object", item):
        context["objection_form"] = forms.ObjectionForm()
    if user.has_perm("disclosure.view_unsigned", item):
        context["unsigned"] = selectors.unsigned_members(item)
        context["last_reminder"] = selectors.last_reminder(item)
    if user.has_perm("disclosure.review"):
        context["answer_form"] = forms.AnswerForm()
    context["buttons"] = workflow.buttons_for(request, item)
    context["can_edit"] = user.has_perm("disclosure.edit_item", item)
    return render(request, "disclosure/detail.html", context)


@permission_required("disclosure.view_index")
def print_sheet(request, pk):
    item = _visible_item(request, pk)
    return render(request, "disclosure/print.html", {"item": item})


@require_POST
@permission_required("disclosure.print_sheet")
def print_pdf(request, pk):
    item = _visible_item(request, pk)
    if not item.on_board:
        messages.error(request, _("事项尚未发布，不能打印公示。"))
        return redirect(item)
    job = queue_document(owner=request.user, kind=DisclosureSheet.kind, params={"item": item.pk})
    return redirect("documents:job", job_id=job.pk)


@permission_required("disclosure.view_index")
def attachment(request, pk):
    file = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if not request.user.has_perm("disclosure.view_item", file.item):
        raise Http404
    return FileResponse(file.file.open("rb"), as_attachment=file.kind not in ("pdf", "png", "jpeg"), filename=file.name)


@permission_required("disclosure.view_work")
def work(request):
    return render(request, "disclosure/work.html", {"page_obj": paginate(request, selectors.work_list(request.user))})


@permission_required("disclosure.draft_item")
def create(request):
    form = forms.ItemForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = services.draft_item(actor=request.user, **form.item_fields())
            if form.cleaned_data["attachment"]:
                services.add_attachment(item=item, actor=request.user, upload=form.cleaned_data["attachment"])
        messages.success(request, _("草稿已保存。"))
        return redirect(item)
    return render(request, "disclosure/item_form.html", {"form": form, "title": _("起草公开事项")})


@permission_required("disclosure.draft_item")
def edit(request, pk):
    item = _visible_item(request, pk)
    check_object_permission(request.user, "disclosure.edit_item", item)
    form = forms.ItemForm(request.POST or None, request.FILES or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.update_item(item=item, actor=request.user, **form.item_fields())
                if form.cleaned_data["attachment"]:
                    services.add_attachment(item=item, actor=request.user, upload=form.cleaned_data["attachment"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已保存。"))
        return redirect(item)
    return render(request, "disclosure/item_form.html", {"form": form, "title": _("修改公开事项"), "item": item})


@require_POST
@permission_required("disclosure.draft_item")
def remove_attachment(request, pk):
    file = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    check_object_permission(request.user, "disclosure.edit_item", file.item)
    services.remove_attachment(attachment=file, actor=request.user)
    return redirect("disclosure:edit", file.item.pk)


def _run(request, item, call):
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已办理。"))
    return redirect(item)


@require_POST
@permission_required("disclosure.view_index")
def transition(request, pk, action):
    """Every button of the item's table (disclosure/flows.py) posts here."""
    return workflow.act(request, _visible_item(request, pk), action)


@require_POST
@member_record_required
@permission_required("disclosure.view_index")
def object_to(request, pk):
    item = _visible_item(request, pk)
    check_object_permission(request.user, "disclosure.object", item)
    form = forms.ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写异议或意见。"))
        return redirect(item)
    author = request.user.member
    return _run(request, item, lambda: services.file_objection(item=item, author=author, **form.cleaned_data))


@require_POST
@permission_required("disclosure.manage")
def answer(request, pk):
    objection = get_object_or_404(Objection.objects.select_related("item"), pk=pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写答复。"))
        return redirect(objection.item)
    return _run(
        request,
        objection.item,
        lambda: services.answer_objection(objection=objection, actor=request.user, answer=form.cleaned_data["answer"]),
    )


@require_POST
@permission_required("disclosure.view_index")
def sign(request, pk):
    item = _visible_item(request, pk)
    if not request.user.has_perm("disclosure.sign", item):
        raise PermissionDenied
    return _run(request, item, lambda: services.sign(item=item, user=request.user))


@require_POST
@permission_required("disclosure.review")
def remind_unsigned(request, pk):
    item = _visible_item(request, pk)
    check_object_permission(request.user, "disclosure.view_unsigned", item)
    try:
        reminded = services.remind_unsigned(item=item, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已提醒 %(count)d 名未签阅人员。") % {"count": len(reminded)})
    return redirect(item)


@permission_required("disclosure.manage")
def category_list(request):
    return render(request, "disclosure/categories.html", {"categories": selectors.categories()})


@require_POST
@permission_required("disclosure.manage")
def category_load(request):
    services.load_categories(kind=UnionProfile.load().kind)
    messages.success(request, _("已载入本单位的公开类别。"))
    return redirect("disclosure:categories")


@permission_required("disclosure.manage")
def category_edit(request, pk=None):
    category = get_object_or_404(Category, pk=pk) if pk else Category(kind=UnionProfile.load().kind)
    form = forms.CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        services.save_category(category=form.instance, actor=request.user)
        return redirect("disclosure:categories")
    title = _("修改公开类别") if pk else _("新增公开类别")
    return render(request, "disclosure/form.html", {"form": form, "title": title, "back": "disclosure:categories"})
