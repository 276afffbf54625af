from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .access import permission_required
from .dashboard import cards_for
from .forms import UnionProfileForm
from .models import UnionProfile


@login_required
def home(request):
    return render(request, "home.html", {"cards": cards_for(request)})


@permission_required("unionportal.change_profile")
def union_profile(request):
    form = UnionProfileForm(request.POST or None, request.FILES or None, instance=UnionProfile.load())
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
