"""The congress between its sessions: delegate groups (代表组) and the meetings of its bodies.

A body is a ``members.Committee`` of a congress kind (主席团, 提案工作委员会 …); its terms (届) and
seats (主任, 委员, 秘书) are the members app's. What a body decides is recorded here, as numbered
decisions of a dated meeting whose attendance is checked against the body's quorum.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import CommitteeTerm, Member, UnionGroup


class DelegateGroup(models.Model):
    """A delegate group (代表组/代表团) of a term, with its leader (组长), the union groups that elect
    its delegates and its quota of seats (名额)."""

    term = models.ForeignKey(
        "congress.CongressTerm", verbose_name=_("届"), on_delete=models.CASCADE, related_name="delegate_groups"
    )
    name = models.CharField(_("代表组名称"), max_length=50)
    leader = models.ForeignKey(
        Member, verbose_name=_("组长"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    union_groups = models.ManyToManyField(
        UnionGroup, verbose_name=_("所含工会小组"), blank=True, related_name="delegate_groups"
    )
    seats = models.PositiveSmallIntegerField(_("代表名额"), default=0)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["term", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="congress_delegate_group_unique_name")]
        verbose_name = _("代表组")
        verbose_name_plural = _("代表组")

    def __str__(self):
        return self.name


class BodyMeeting(models.Model):
    """One meeting (第N次会议) of a body's term: who came, the agenda, the minutes (纪要) and its decisions."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("全体会议")
        CHAIRS = "chairs", _("主任会议")
        JOINT = "joint", _("联席会议")
        SPECIAL = "special", _("专题会议")

    term = models.ForeignKey(CommitteeTerm, verbose_name=_("届次"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("会议序号"))
    kind = models.CharField(_("会议类型"), max_length=10, choices=Kind, default=Kind.PLENARY)
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    agenda = models.TextField(_("议程"), blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    attendees = models.ManyToManyField(Member, verbose_name=_("出席人员"), blank=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="congress_meeting_unique_number")]
        verbose_name = _("机构会议")
        verbose_name_plural = _("机构会议")

    def __str__(self):
        return _("%(term)s第%(number)s次%(kind)s") % {
            "term": self.term,
            "number": self.number,
            "kind": self.get_kind_display(),
        }

    def get_absolute_url(self):
        return reverse("congress:meeting", args=[self.pk])


class MeetingDecision(models.Model):
    """A numbered decision (决定) of a meeting; a 立案/不立案/并案 names the proposal it decided, a 预审
    (of the 公开领导小组) the disclosure item in its text."""

    class Subject(models.TextChoices):
        GENERAL = "general", _("一般事项")
        REGISTER = "register", _("立案")
        REJECT = "reject", _("不立案")
        MERGE = "merge", _("并案")
        APPROVE = "approve", _("预审通过")
        RETURN = "return", _("预审退回")

    meeting = models.ForeignKey(BodyMeeting, verbose_name=_("会议"), on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("决定序号"))
    subject = models.CharField(_("事项类别"), max_length=10, choices=Subject, default=Subject.GENERAL)
    text = models.TextField(_("决定内容"))
    proposal = models.ForeignKey(
        "congress.Proposal",
        verbose_name=_("提案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="congress_decision_unique_number")]
        verbose_name = _("会议决定")
        verbose_name_plural = _("会议决定")

    def __str__(self):
        return _("决定第%(number)s号") % {"number": self.number}
