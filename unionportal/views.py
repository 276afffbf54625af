from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .access import permission_required
from .dashboard import cards_for
from .forms import UnionProfileForm
from .models import UnionProfile
from .notices import Notice, mark_read, unread
from .pagination import paginate

HOME_NOTICES = 5


@login_required
def home(request):
    return render(
        request,
        "home.html",
        {"cards": cards_for(request), "notices": list(unread(request.user)[:HOME_NOTICES])},
    )


@login_required
def notices(request):
    """The inbox: every notice to this user, newest first, the unread ones marked."""
    return render(
        request, "notices.html", {"page_obj": paginate(request, Notice.objects.filter(recipient=request.user))}
    )


@login_required
def notice_open(request, pk):
    """A notice's link: marks it read and goes where it points (only within the portal)."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    mark_read(user=request.user, notices=[notice])
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect(notice.url)
    return redirect("notices")


@login_required
@require_POST
def notices_read(request):
    count = mark_read(user=request.user)
    messages.success(request, _("已将%(count)s条通知标为已读。") % {"count": count})
    return redirect("notices")


@permission_required("unionportal.change_profile")
def union_profile(request):
    form = UnionProfileForm(request.POST or None, instance=UnionProfile.load())
    if form.is_valid():
        form.save()
        messages.success(request, _("工会信息已保存。"))
        return redirect("union_profile")
    return render(request, "union_profile.html", {"form": form})


@never_cache
def healthz(request):
    """200 while the database answers, 503 otherwise; for load balancers and compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as error:  # any failure means "not healthy"; say which
        database = f"error: {error.__class__.__name__}"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "unavailable", "database": database}, status=status)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
