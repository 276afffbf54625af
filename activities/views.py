import datetime

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import UnionGroup
from unionportal import workflow
from unionportal.access import member_record_required, permission_required
from unionportal.choices import translated_labels
from unionportal.documents.services import queue_document
from unionportal.form_pages import apply_posted_form, report_refusal
from unionportal.pagination import paginate
from unionportal.spreadsheets import xlsx_response

from . import export, funding, selectors, services
from .documents import EventParticipants
from .festivals import initial_for, templates_of_union
from .forms import EventForm, EventFundsForm, HonourForm, OnBehalfForm, ResultForm, TeamForm
from .models import Event, Level, Registration


def _member(request):
    return getattr(request.user, "member", None)


@permission_required("activities.view_index")
def index(request):
    past = request.GET.get("when") == "past"
    kind = request.GET.get("kind", "")
    kind = kind if kind in Event.Kind.values else ""
    page = paginate(request, selectors.EventPages(past=past, kind=kind, member=_member(request)))
    page.object_list = selectors.event_rows(page.object_list)
    kinds = translated_labels(Event.Kind).items()
    return render(request, "activities/index.html", {"page_obj": page, "past": past, "kind": kind, "kinds": kinds})


@permission_required("activities.view_index")
def month_calendar(request):
    today = timezone.localdate()
    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        month = today.replace(day=1)
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "activities/calendar.html",
        {
            "month": month,
            "weeks": selectors.month_grid(month.year, month.month),
            "today": today,
            "previous": previous,
            "following": following,
        },
    )


@permission_required("activities.view_event")
def detail(request, pk):
    event = get_object_or_404(selectors.with_counts(Event.objects.select_related("expense")), pk=pk)
    member = _member(request)
    mine = selectors.my_registration(event, member)
    can_manage = request.user.has_perm("activities.manage_event")
    return render(
        request,
        "activities/detail.html",
        {
            "event": event,
            "mine": mine,
            "buttons": workflow.buttons_for(request, mine) if mine else [],
            # why "我要报名" is not offered now: not eligible, or the window is not open
            "refusal": None if mine or member is None else services.sign_up_refusal(event=event, member=member),
            "waitlist_number": selectors.waitlist_number(mine) if mine and mine.status == "waitlisted" else None,
            "full": event.capacity is not None and event.taken >= event.capacity,
            "results": selectors.results(event),
            "teams": event.teams.select_related("union_group", "registration").exclude(
                registration__status="cancelled"
            ),
            "can_manage": can_manage,
            "funds_form": EventFundsForm(initial={"amount": event.budget or ""}) if can_manage else None,
        },
    )


@require_POST
@permission_required("activities.manage_event")
def request_funds(request, pk):
    event = get_object_or_404(Event, pk=pk)
    apply_posted_form(
        request,
        EventFundsForm(request.POST),
        lambda form: funding.request_event_funds(event=event, actor=request.user, **form.cleaned_data),
        done=_("活动经费申请已提交，等待财务审核；支付前经费为“审批中”。"),
    )
    return redirect(event)


@require_POST
@member_record_required
@permission_required("activities.sign_up")
def sign_up(request, pk):
    event = get_object_or_404(Event, pk=pk)
    try:
        registration = services.sign_up(event=event, member=request.user.member, actor=request.user)
    except ValidationError as error:
        report_refusal(request, error)
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("报名成功。"))
        else:
            messages.warning(request, _("名额已满，您已进入候补名单。有人取消时将按顺序递补并通知您。"))
    return redirect(event)


@require_POST
@permission_required("activities.view_event")
def registration_act(request, pk, action):
    """Every button of the sign-up's table (activities/flows.py) posts here."""
    return workflow.act(request, get_object_or_404(Registration, pk=pk), action)


@permission_required("activities.sign_up_team")
def team_sign_up(request, pk):
    event = get_object_or_404(Event, pk=pk, is_team_event=True)
    organiser = request.user.has_perm("activities.manage_event")
    groups = UnionGroup.objects.current() if organiser else UnionGroup.objects.filter(leader=request.user.member)
    form = TeamForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up_team(event=event, actor=request.user, on_behalf=organiser, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("参赛队已报名。"))
            return redirect(event)
    return render(request, "activities/team_form.html", {"event": event, "form": form})


@member_record_required
@permission_required("activities.check_in_self")
def self_check_in(request, pk, code):
    event = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        try:
            services.self_check_in(event=event, member=request.user.member, code=code)
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("签到成功。"))
        return redirect(event)
    return render(request, "activities/self_check_in.html", {"event": event, "code": code})


@permission_required("activities.manage_event")
def participants(request, pk):
    event = get_object_or_404(selectors.with_counts(Event.objects.all()), pk=pk)
    form = OnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(event=event, member=form.cleaned_data["member"], actor=request.user, on_behalf=True)
        except ValidationError as error:
            form.add_error("member", error)
        else:
            messages.success(request, _("已代为报名。"))
            return redirect("activities:participants", pk=event.pk)
    return render(
        request,
        "activities/participants.html",
        {
            "event": event,
            "registrations": selectors.participants(event),
            "form": form,
            "cancel": workflow.flow_for(Registration).table["cancel"],  # its confirmation, asked on each row
        },
    )


@require_POST
@permission_required("activities.manage_event")
def cancel_on_behalf(request, pk, registration_pk):
    registration = get_object_or_404(Registration, pk=registration_pk, event=pk)
    try:
        promoted = services.cancel(registration=registration, actor=request.user, note=_("工作人员代为取消"))[1]
    except ValidationError as error:
        report_refusal(request, error)
    else:
        messages.success(request, _("已取消该报名。"))
        if promoted:
            messages.info(request, _("%(name)s已由候补转为正式报名，并已收到通知。") % {"name": promoted.entrant})
    return redirect("activities:participants", pk=pk)


@permission_required("activities.manage_event")
def door_sign(request, pk):
    """The sign shown at the door: members scan the code to check in (扫码签到)."""
    event = get_object_or_404(Event, pk=pk)
    url = request.build_absolute_uri(reverse("activities:self_check_in", args=[event.pk, event.check_in_code]))
    qr_code = mark_safe(
        segno.make(url, error="m").svg_inline(scale=8, title=event.title)
    )  # segno writes the SVG itself
    return render(request, "activities/door_sign.html", {"event": event, "url": url, "qr_code": qr_code})


@require_POST
@permission_required("activities.manage_event")
def tick(request, pk, registration_pk):
    registration = get_object_or_404(
        Registration.objects.select_related("member", "team"), pk=registration_pk, event=pk
    )
    try:
        if registration.checked_in_at:
            services.undo_check_in(registration=registration, actor=request.user)
        else:
            services.check_in(registration=registration, actor=request.user)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    if request.htmx:
        return render(request, "activities/participants.html#tick", {"registration": registration, "event_pk": pk})
    return redirect("activities:participants", pk=pk)


@permission_required("activities.manage_event")
def participants_xlsx(request, pk):
    event = get_object_or_404(Event, pk=pk)
    filename = _("报名名单-%(title)s.xlsx") % {"title": event.title}
    return xlsx_response(export.participants_workbook(event, selectors.participants(event)), filename)


@permission_required("activities.manage_event")
def participants_print(request, pk):
    event = get_object_or_404(Event.objects.select_related("joint_department"), pk=pk)
    return render(
        request, "activities/participants_print.html", {"event": event, "registrations": selectors.participants(event)}
    )


@require_POST
@permission_required("activities.manage_event")
def participants_pdf(request, pk):
    event = get_object_or_404(Event, pk=pk)
    job = queue_document(owner=request.user, kind=EventParticipants.kind, params={"event": event.pk})
    return redirect("documents:job", job_id=job.pk)


@permission_required("activities.manage_event")
def create(request):
    festival = request.GET.get("festival", "")
    form = EventForm(request.POST or None, initial=initial_for(festival))
    if request.method == "POST" and form.is_valid():
        event = services.create_event(actor=request.user, **form.cleaned_data)
        messages.success(request, _("活动已创建。"))
        return redirect(event)
    return render(
        request, "activities/event_form.html", {"form": form, "festivals": templates_of_union(), "festival": festival}
    )


@permission_required("activities.manage_event")
def edit(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("活动已保存。"))
            return redirect(event)
    return render(request, "activities/event_form.html", {"form": form, "event": event})


@permission_required("activities.manage_event")
def results(request, pk):
    event = get_object_or_404(Event, pk=pk)
    form = ResultForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_result(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("成绩已登记。"))
            return redirect("activities:results", pk=event.pk)
    return render(
        request, "activities/results.html", {"event": event, "form": form, "results": selectors.results(event)}
    )


@permission_required("activities.view_honours")
def honours(request):
    year = request.GET.get("year", "")
    level = request.GET.get("level", "")
    items = selectors.honours(year=int(year) if year.isdigit() else None, level=level if level in Level.values else "")
    return render(
        request,
        "activities/honours.html",
        {"page_obj": paginate(request, items), "year": year, "level": level, "levels": Level.choices},
    )


@permission_required("activities.manage_honours")
def honour_create(request):
    form = HonourForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_honour(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("表彰已登记。"))
            return redirect("activities:honours")
    return render(request, "activities/honour_form.html", {"form": form})
