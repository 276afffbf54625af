"""Logins for the people on the roster: one-time codes that open them, and who held which role when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Department, Member
from unionportal.roles import Role


class AccessCode(models.Model):
    """A one-time code that lets a person set their password: the first time (激活) or after forgetting it (重设).
    Only a keyed hash is stored; the code itself exists on the printed slip, the export or the reset link."""

    class Purpose(models.TextChoices):
        ACTIVATION = "activation", _("账号激活")
        RESET = "reset", _("重设密码")

    # Wrong codes typed for one login before its code is void: a code is short enough to guess otherwise.
    MAX_FAILED_ATTEMPTS = 5

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登录账号"), on_delete=models.CASCADE, related_name="access_codes"
    )
    purpose = models.CharField(_("用途"), max_length=12, choices=Purpose)
    code_hash = models.CharField(_("校验值"), max_length=64, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发放人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("发放时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("输错次数"), default=0)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("一次性验证码")
        verbose_name_plural = _("一次性验证码")

    def __str__(self):
        return f"{self.user} · {self.get_purpose_display()}"

    @property
    def is_live(self):
        return self.used_at is None and self.voided_at is None and self.expires_at > timezone.now()


class RoleAssignment(models.Model):
    """One person holding one role for a while (任职记录): given and withdrawn with a reason, by whom.
    The role itself is the Django group; this row is its history."""

    member = models.ForeignKey(
        Member, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("承办人所负责的部门"),
    )
    started_on = models.DateField(_("开始日期"), null=True, blank=True, help_text=_("空表示系统启用前已担任"))
    start_reason = models.CharField(_("任命理由"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("任命人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    end_reason = models.CharField(_("撤销理由"), max_length=200, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "-started_on", "-pk"]
        verbose_name = _("角色任职记录")
        verbose_name_plural = _("角色任职记录")

    def __str__(self):
        return f"{self.member} · {self.get_role_display()}"

    @property
    def is_current(self):
        return self.ended_on is None
