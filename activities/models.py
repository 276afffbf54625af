import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Department, Member, UnionGroup
from unionportal.choices import choice_label
from unionportal.history import HistoryManager
from unionportal.vocabulary import by_kind
from unionportal.workflow import Step


class Level(models.TextChoices):
    SCHOOL = "school", by_kind(_("校级"), _("企业级"))
    DISTRICT = "district", by_kind(_("学区级"), _("系统级"))
    COUNTY = "county", _("县级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("国家级")


def new_check_in_code():
    return secrets.token_urlsafe(8)


class Event(models.Model):
    """A union event (活动): a sports day, a 三八 outing, a lecture, a 疗休养 trip …"""

    class Kind(models.TextChoices):
        SPORTS = "sports", _("体育")
        CULTURE = "culture", _("文艺")
        LECTURE = "lecture", _("讲座培训")
        TRIP = "trip", _("疗休养/出游")
        HEALTH = "health", _("体检")
        COMPETITION = "competition", _("竞赛")
        READING = "reading", _("读书征文")
        GATHERING = "gathering", _("联欢聚会")

    class Organiser(models.TextChoices):
        UNION = "union", _("工会")
        WOMEN = "women", _("女工委")
        JOINT = "joint", _("联合主办")

    class Eligibility(models.TextChoices):
        ALL_STAFF = "all", by_kind(_("全体教职工"), _("全体职工"))
        MEMBERS = "members", _("仅限会员")
        MEMBERS_FIRST = "members_first", _("会员优先")
        WOMEN = "women", _("女职工")
        RETIREES = "retirees", by_kind(_("退休教职工"), _("退休职工"))

    class Festival(models.TextChoices):
        NEW_YEAR = "new_year", _("元旦")
        WOMENS_DAY = "womens_day", _("三八妇女节")
        LABOUR_DAY = "labour_day", _("五一劳动节")
        TEACHERS_DAY = "teachers_day", _("教师节")
        DOUBLE_NINTH = "double_ninth", _("重阳节")

    title = models.CharField(_("活动名称"), max_length=100)
    kind = models.CharField(_("活动类型"), max_length=20, choices=Kind)
    level = models.CharField(_("级别"), max_length=20, choices=Level, default=Level.SCHOOL)
    festival = models.CharField(_("节日"), max_length=20, choices=Festival, blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=100)
    organiser = models.CharField(_("主办"), max_length=20, choices=Organiser, default=Organiser.UNION)
    joint_department = models.ForeignKey(
        Department, verbose_name=_("联合主办部门"), null=True, blank=True, on_delete=models.PROTECT
    )
    description = models.TextField(_("活动说明"), blank=True)
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True, help_text=_("留空表示不限名额"))
    is_team_event = models.BooleanField(_("团体项目（按工会小组报名）"), default=False)
    signup_opens_at = models.DateTimeField(_("报名开始"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("报名截止"), null=True, blank=True)
    eligibility = models.CharField(_("参加对象"), max_length=20, choices=Eligibility, default=Eligibility.ALL_STAFF)
    members_first_until = models.DateTimeField(
        _("会员优先截止"),
        null=True,
        blank=True,
        help_text=by_kind(_("此前仅会员可报名；之后全体教职工可报名"), _("此前仅会员可报名；之后全体职工可报名")),
    )
    budget = models.DecimalField(_("预算（元）"), max_digits=10, decimal_places=2, default=0)
    actual_cost = models.DecimalField(
        _("实际支出（元）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("活动经费经财务支付后，按支付金额记入"),
    )
    expense = models.ForeignKey(
        "funds.Expense",
        verbose_name=_("经费申请"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("活动经费走工会经费审批：财务审核、主席审批、财务支付"),
    )
    check_in_code = models.CharField(_("签到码"), max_length=20, default=new_check_in_code, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["check_in_code"])

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("活动")
        verbose_name_plural = _("活动")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("结束时间不能早于开始时间。")
        if self.signup_opens_at and self.signup_closes_at and self.signup_closes_at < self.signup_opens_at:
            errors["signup_closes_at"] = _("报名截止不能早于报名开始。")
        if self.signup_closes_at and self.ends_at and self.signup_closes_at > self.ends_at:
            errors["signup_closes_at"] = _("报名截止不能晚于活动结束时间。")
        if self.organiser == self.Organiser.JOINT and not self.joint_department_id:
            errors["joint_department"] = _("联合主办请选择部门。")
        if self.eligibility == self.Eligibility.MEMBERS_FIRST and not self.members_first_until:
            errors["members_first_until"] = _("会员优先请填写优先截止时间。")
        if errors:
            raise ValidationError(errors)

    kind_label = choice_label("kind", Kind)

    @property
    def organiser_display(self):
        if self.organiser == self.Organiser.JOINT and self.joint_department:
            return _("工会与%(department)s联合主办") % {"department": self.joint_department}
        return self.Organiser(self.organiser).label

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def has_started(self, now=None):
        """Results (成绩/名次) exist only once the event has begun."""
        return self.starts_at <= (now or timezone.now())

    def signup_is_open(self, now=None):
        now = now or timezone.now()
        if self.signup_opens_at and now < self.signup_opens_at:
            return False
        if self.signup_closes_at and now > self.signup_closes_at:
            return False
        return now < self.starts_at


class Team(models.Model):
    """A team entered by a union group (工会小组) for a team event such as 拔河."""

    event = models.ForeignKey(Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="teams")
    union_group = models.ForeignKey(UnionGroup, verbose_name=_("工会小组"), on_delete=models.PROTECT)
    name = models.CharField(_("队名"), max_length=50)
    captain = models.ForeignKey(
        Member, verbose_name=_("领队"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(Member, verbose_name=_("队员"), blank=True, related_name="teams")

    class Meta:
        ordering = ["event", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "union_group"], name="one_team_per_group")]
        verbose_name = _("参赛队")
        verbose_name_plural = _("参赛队")

    def __str__(self):
        return self.name


class Registration(models.Model):
    """One sign-up (报名) for an event by a person or, for team events, a union group's team."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("已报名")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")

    # the transitions are the table in flows.py
    ACTIVE = (Status.REGISTERED, Status.WAITLISTED)

    event = models.ForeignKey(Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        Member, verbose_name=_("报名人"), null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    team = models.OneToOneField(
        Team, verbose_name=_("参赛队"), null=True, blank=True, on_delete=models.CASCADE, related_name="registration"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status, default=Status.REGISTERED)
    position = models.PositiveIntegerField(_("报名顺序"))
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("代报名人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)

    history = HistoricalRecords(history_manager=HistoryManager)

    class Meta:
        ordering = ["event", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, team__isnull=True) | Q(member__isnull=True, team__isnull=False),
                name="registration_person_or_team",
            ),
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=Q(status__in=["registered", "waitlisted"]),
                name="one_active_registration_per_member",
                violation_error_message=_("已报名本活动。"),
            ),
            models.UniqueConstraint(fields=["event", "position"], name="unique_registration_position"),
        ]
        verbose_name = _("报名")
        verbose_name_plural = _("报名")

    def __str__(self):
        return f"{self.event} · {self.entrant}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()

    @property
    def entrant(self):
        return self.member or self.team


class RegistrationStep(Step):
    """The dated timeline of a registration: who moved it from which state to which, and why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("报名记录")
        verbose_name_plural = _("报名记录")


class Result(models.Model):
    """A placing in an event (名次/奖项): 一等奖, or 50米第6名, for a person or a team."""

    class Prize(models.TextChoices):
        FIRST = "first", _("一等奖")
        SECOND = "second", _("二等奖")
        THIRD = "third", _("三等奖")
        MERIT = "merit", _("优胜奖")

    event = models.ForeignKey(Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="results")
    item = models.CharField(_("项目"), max_length=50, blank=True, help_text=_("如：50米、女子组"))
    member = models.ForeignKey(Member, verbose_name=_("个人"), null=True, blank=True, on_delete=models.PROTECT)
    team = models.ForeignKey(Team, verbose_name=_("参赛队"), null=True, blank=True, on_delete=models.PROTECT)
    rank = models.PositiveSmallIntegerField(_("名次"), null=True, blank=True)
    prize = models.CharField(_("奖项"), max_length=10, choices=Prize, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "item", "rank", "prize"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, team__isnull=True) | Q(member__isnull=True, team__isnull=False),
                name="result_person_or_team",
                violation_error_message=_("请选择获奖个人或参赛队（二选一）。"),
            ),
        ]
        verbose_name = _("比赛成绩")
        verbose_name_plural = _("比赛成绩")

    def __str__(self):
        return f"{self.event} {self.item} {self.entrant} {self.placing}"

    @property
    def entrant(self):
        return self.member or self.team

    @property
    def placing(self):
        parts = []
        if self.rank:
            parts.append(_("第%(rank)s名") % {"rank": self.rank})
        if self.prize:
            parts.append(str(self.get_prize_display()))
        return " ".join(str(p) for p in parts)


class Honour(models.Model):
    """An entry in the honours register (表彰): 优秀教师, 工会积极分子, 先进女职工 …"""

    title = models.CharField(_("荣誉称号"), max_length=100)
    member = models.ForeignKey(
        Member, verbose_name=_("获奖个人"), null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    union_group = models.ForeignKey(
        UnionGroup, verbose_name=_("获奖集体"), null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    level = models.CharField(_("级别"), max_length=20, choices=Level, default=Level.SCHOOL)
    awarding_body = models.CharField(_("授予单位"), max_length=100)
    result = models.OneToOneField(
        Result, verbose_name=_("来自比赛成绩"), null=True, blank=True, on_delete=models.CASCADE, related_name="honour"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, union_group__isnull=True)
                | Q(member__isnull=True, union_group__isnull=False),
                name="honour_person_or_group",
                violation_error_message=_("请选择获奖个人或获奖集体（二选一）。"),
            ),
        ]
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")

    def __str__(self):
        return f"{self.year} {self.title} {self.holder}"

    @property
    def holder(self):
        return self.member or self.union_group
