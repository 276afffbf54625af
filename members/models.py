import datetime
import functools
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionportal.one_row import OneRow
from unionportal.roles import is_only_chair

from .validators import JOB_NUMBER_VALIDATOR, contradictions, mask_id_number, validate_id_number


class Department(models.Model):
    """A department of the school or company (科室/处室/车间); its head answers proposals."""

    name = models.CharField(_("部门名称"), max_length=50, unique=True)
    head = models.ForeignKey(
        "Member", verbose_name=_("负责人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self):
        return self.name


class Branch(models.Model):
    """A branch union (分会/车间工会); optional level between the union and its groups."""

    name = models.CharField(_("分会名称"), max_length=50, unique=True)
    leader = models.ForeignKey(
        "Member", verbose_name=_("分会主席"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("分会")
        verbose_name_plural = _("分会")

    def __str__(self):
        return self.name

    def clean(self):
        leader = self.leader
        if leader is None:
            return
        if self.pk is None or leader.union_group is None or leader.union_group.branch_id != self.pk:
            raise ValidationError(
                {"leader": _("分会主席须是本分会所属小组的成员，%(name)s 不在本分会。") % {"name": leader.name}}
            )
        if not leader.is_union_member:
            raise ValidationError({"leader": _("分会主席须是工会会员，%(name)s 不是会员。") % {"name": leader.name}})


class UnionGroupQuerySet(models.QuerySet):
    def current(self):
        """Groups not dissolved: the ones people can be put in."""
        return self.filter(dissolved_on__isnull=True)

    def for_retirees(self):
        """The group retirees are moved into: the current one marked 退休职工小组, or else one named so
        (离退休组, 退休职工小组); None when the union has none."""
        current = self.current().order_by("sort_order", "pk")
        return current.filter(for_retirees=True).first() or current.filter(name__contains="退休").first()


class UnionGroup(models.Model):
    """A union group (工会小组), usually one per teaching-research group or work team. A group in a frozen year
    or in someone's history is dissolved (撤销), not deleted: it leaves the choice lists and stays readable."""

    name = models.CharField(_("小组名称"), max_length=50, unique=True)
    branch = models.ForeignKey(Branch, verbose_name=_("所属分会"), null=True, blank=True, on_delete=models.PROTECT)
    leader = models.ForeignKey(
        "Member", verbose_name=_("组长"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    for_retirees = models.BooleanField(
        _("退休职工小组"),
        default=False,
        db_default=False,
        help_text=_("退休的人员可一键移入本组。未标记时，名称含“退休”的小组即是。"),
    )

    history = HistoricalRecords()
    objects = UnionGroupQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("工会小组")
        verbose_name_plural = _("工会小组")

    def __str__(self):
        return self.name

    def clean(self):
        leader = self.leader
        if leader is None:
            return
        if self.pk is None or leader.union_group_id != self.pk:
            raise ValidationError({"leader": _("组长须是本小组的成员，%(name)s 不在本小组。") % {"name": leader.name}})
        if not leader.is_union_member:
            raise ValidationError({"leader": _("组长须是工会会员，%(name)s 不是会员。") % {"name": leader.name}})


def pinyin_key(name):
    """The name's pinyin, each syllable closed by its tone (hu2hong2 huang2zhi4), so that names sort
    syllable by syllable (胡红 before 黄志) and then by tone, as a dictionary does, in any collation."""
    from pypinyin import Style, lazy_pinyin  # 53 MB of dictionaries, loaded only where a name is spelled

    return "".join(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True))


def pinyin_key_and_initials(name):
    """pinyin_key(name) and the initials Style.FIRST_LETTER gives (zs for 张三), the same values. pypinyin cuts a
    name into words of Chinese characters, each spelled on its own, and runs of anything else, given back as
    written; a roster repeats its words (王, 丽, 国华), so each is spelled once, not once a person."""
    from pypinyin.constants import RE_HANS  # see pinyin_key
    from pypinyin.seg.simpleseg import seg

    spelled = [_spell_word(word) if RE_HANS.match(word) else (word, word) for word in seg(name)]
    return "".join(key for key, _initials in spelled), "".join(initials for _key, initials in spelled)


@functools.lru_cache(maxsize=20_000)
def _spell_word(word):
    """One word of Chinese characters: its pinyin key and initials, one syllable a character."""
    from pypinyin import Style, lazy_pinyin  # see pinyin_key

    syllables = lazy_pinyin([word], style=Style.TONE3, neutral_tone_with_five=True)
    return "".join(syllables), "".join(syllable[0] for syllable in syllables)


class Member(models.Model):
    """A person on the staff roster. Non-members are kept too (应录尽录)."""

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class EmploymentType(models.TextChoices):
        ESTABLISHED = "established", _("在编")
        CONTRACT = "contract", _("聘用")
        DISPATCHED = "dispatched", _("劳务派遣")
        TEMPORARY = "temporary", _("临时")
        MIGRANT = "migrant", _("农民工")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ACTIVE = "active", _("在职")
        RETIRED = "retired", _("退休")
        TRANSFERRED = "transferred", _("调出")
        DECEASED = "deceased", _("去世")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    name = models.CharField(_("姓名"), max_length=30)
    # the employer's staff number (工号/职工号): optional, one person's within the union; a login name may be it
    job_number = models.CharField(
        _("工号"), max_length=20, blank=True, null=True, unique=True, validators=[JOB_NUMBER_VALIDATOR]
    )
    # the roster is ordered by the pinyin (an index in Meta, without db_index's second one for LIKE, which the
    # trigram index serves); the initials are searched through UPPER(name_initials) (migration 0013)
    name_pinyin = models.CharField(_("姓名拼音"), max_length=120, editable=False)
    name_initials = models.CharField(_("拼音首字母"), max_length=30, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    id_number = models.CharField(
        _("身份证号"), max_length=18, blank=True, validators=[validate_id_number], unique=True, null=True
    )
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    department = models.ForeignKey(Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT)
    union_group = models.ForeignKey(
        UnionGroup, verbose_name=_("工会小组"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    employment_type = models.CharField(
        _("用工性质"), max_length=20, choices=EmploymentType, default=EmploymentType.ESTABLISHED
    )
    status = models.CharField(_("人员状态"), max_length=20, choices=Status, default=Status.ACTIVE)
    title = models.CharField(_("职称"), max_length=30, blank=True)
    post = models.CharField(_("职务"), max_length=30, blank=True)
    hire_date = models.DateField(_("参加工作日期"), null=True, blank=True)
    is_union_member = models.BooleanField(_("工会会员"), default=False)
    joined_on = models.DateField(_("入会日期"), null=True, blank=True)
    card_number = models.CharField(_("会员证号"), max_length=30, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    # on every Chinese roster; free text, as clerks write them (汉族, 中共党员, 大学本科). db_default: rows
    # written by code that predates them (older migrations' models) still get a value
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True, default="", db_default="")
    political_status = models.CharField(_("政治面貌"), max_length=20, blank=True, default="", db_default="")
    education = models.CharField(_("学历"), max_length=20, blank=True, default="", db_default="")

    # a person's history is read by person and by date, never by these: their indexes would only slow an import
    history = HistoricalRecords(
        excluded_fields=["name_pinyin", "name_initials"],
        no_db_index=["id_number", "job_number", "department", "union_group", "user"],
    )

    class Meta:
        ordering = ["name_pinyin"]
        indexes = [models.Index(fields=["name_pinyin"], name="members_member_pinyin_order")]
        verbose_name = _("教职工")
        verbose_name_plural = _("教职工")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def clean(self):
        found = contradictions(
            id_number=self.id_number, gender=self.gender, birth_date=self.birth_date,
            hire_date=self.hire_date, joined_on=self.joined_on,
        )  # fmt: skip
        if found:
            raise ValidationError(found)
        if self.status != self.Status.ACTIVE and self.user_id:  # an edit that bypasses the services (the admin)
            self.check_keeps_a_chair(self.get_status_display())

    def check_keeps_a_chair(self, action):
        """The union is never left without a chair: its only one retires, dies or leaves on the roster only
        after the roles page has named a successor. ``action`` is what would take them away (退休 …)."""
        if is_only_chair(self.user):
            raise ValidationError(
                _("%(name)s是工会唯一的主席，请先在角色页指定新的主席，再办理%(action)s。")
                % {"name": self.name, "action": action}
            )

    def fill_derived_fields(self):
        """Pinyin for sorting and search; also needed before bulk_create, which skips save()."""
        self.name_pinyin, self.name_initials = pinyin_key_and_initials(self.name)
        if self.id_number == "":
            self.id_number = None  # blank IDs must not collide on the unique index
        self.job_number = (self.job_number or "").strip() or None

    def unique_error_message(self, model_class, unique_check):
        if tuple(unique_check) == ("job_number",):
            holder = Member.objects.filter(job_number=self.job_number).exclude(pk=self.pk).first()
            return ValidationError(
                _("工号“%(number)s”已是%(name)s的工号，本会内工号不能重复。")
                % {"number": self.job_number, "name": holder.name if holder else _("他人")},
                code="unique",
            )
        return super().unique_error_message(model_class, unique_check)

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    def age(self, on=None):
        if not self.birth_date:
            return None
        on = on or timezone.localdate()
        return on.year - self.birth_date.year - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))

    def is_under_35(self, on=None):
        age = self.age(on)
        return age is not None and age < 35

    def years_of_service(self, on=None):
        if not self.hire_date:
            return None
        on = on or timezone.localdate()
        return (on - self.hire_date) // datetime.timedelta(days=365)


class Committee(models.Model):
    """A standing body of the union (工会委员会, 经审委员会, 女职工委员会 …) or of its congress (主席团,
    提案工作委员会 and the other 专门委员会, 联席会议, 公开领导小组): its kind says which duties follow its seats."""

    class Kind(models.TextChoices):
        UNION = "union", _("工会委员会")
        AUDIT = "audit", _("经费审查委员会")
        WOMEN = "women", _("女职工委员会")
        PRESIDIUM = "presidium", _("主席团")
        PROPOSALS = "proposals", _("提案工作委员会")
        SPECIAL = "special", _("其他专门委员会")
        JOINT = "joint", _("联席会议")
        DISCLOSURE = "disclosure", _("公开领导小组")
        OTHER = "other", _("其他")

    class Quorum(models.TextChoices):
        NONE = "", _("不设")
        HALF = "half", _("过半数成员到会")
        TWO_THIRDS = "two_thirds", _("三分之二以上成员到会")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind, default=Kind.OTHER)
    quorum = models.CharField(
        _("开会法定人数"),
        max_length=12,
        choices=Quorum,
        blank=True,
        default=Quorum.NONE,
        help_text=_("设定后，到会成员不足时会议不能作出决定。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("委员会")
        verbose_name_plural = _("委员会")

    def __str__(self):
        return self.name

    def quorum_reached(self, present, seats):
        """Seat holders at a meeting against the term's seats: 过半数 is more than half, 三分之二以上
        includes the bound, as the congress's own quorum does."""
        if self.quorum == self.Quorum.HALF:
            return 2 * present > seats
        if self.quorum == self.Quorum.TWO_THIRDS:
            return 3 * present >= 2 * seats
        return present > 0


class CommitteeTerm(models.Model):
    """One term (届) of a committee."""

    committee = models.ForeignKey(Committee, verbose_name=_("委员会"), on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("届次"))
    starts_on = models.DateField(_("任期开始"))
    ends_on = models.DateField(_("任期结束"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-number"]
        constraints = [models.UniqueConstraint(fields=["committee", "number"], name="unique_committee_term")]
        verbose_name = _("委员会届次")
        verbose_name_plural = _("委员会届次")

    def __str__(self):
        return _("%(committee)s第%(number)s届") % {"committee": self.committee, "number": self.number}

    def is_current(self, on):
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("任期结束日期须晚于开始日期。")})
        if self.committee_id is None or self.starts_on is None:
            return
        others = CommitteeTerm.objects.filter(committee_id=self.committee_id).exclude(pk=self.pk)
        if self.number is not None and others.filter(number=self.number).exists():
            raise ValidationError({"number": _("第%(number)s届已存在。") % {"number": self.number}})
        overlapping = others.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on))
        if self.ends_on is not None:
            overlapping = overlapping.filter(starts_on__lte=self.ends_on)
        clash = overlapping.first()
        if clash:
            raise ValidationError(
                _("任期与第%(number)s届（%(start)s 至 %(end)s）重叠。")
                % {"number": clash.number, "start": clash.starts_on, "end": clash.ends_on or _("今")}
            )


class CommitteeSeat(models.Model):
    """A member holding a post (主席, 副主席, 委员 …) in one committee term."""

    term = models.ForeignKey(CommitteeTerm, verbose_name=_("届次"), on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(Member, verbose_name=_("成员"), on_delete=models.PROTECT, related_name="committee_seats")
    post = models.CharField(_("职务"), max_length=30)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    history = HistoricalRecords()

    # Posts a term has at most one holder of; the rest (副主席, 委员 …) may be held by several.
    SINGLE_POSTS = ("主席", "主任", "组长")
    COMMON_POSTS = ("主席", "副主席", "主任", "副主任", "组长", "副组长", "委员", "秘书", "成员")

    class Meta:
        ordering = ["term", "sort_order"]
        verbose_name = _("委员会成员")
        verbose_name_plural = _("委员会成员")

    def __str__(self):
        return f"{self.term} {self.post} {self.member}"

    def clean(self):
        self.post = (self.post or "").strip()
        if self.term_id is None:
            return
        others = CommitteeSeat.objects.filter(term_id=self.term_id).exclude(pk=self.pk).select_related("member")
        if self.member_id is not None:
            same_person = others.filter(member_id=self.member_id).first()
            if same_person:
                raise ValidationError(
                    {
                        "member": _("%(name)s 已在本届任%(post)s，同一人每届只能任一职。")
                        % {"name": same_person.member.name, "post": same_person.post}
                    }
                )
        if self.post in self.SINGLE_POSTS:
            holder = others.filter(post=self.post).first()
            if holder:
                raise ValidationError(
                    {"post": _("本届已有%(post)s：%(name)s。") % {"post": self.post, "name": holder.member.name}}
                )


class MembershipEvent(models.Model):
    """A dated life event of a person on the roster (入会, 转入, 转出 …); written only by members.services."""

    class Kind(models.TextChoices):
        JOIN = "join", _("入会")
        TRANSFER_IN = "transfer_in", _("转入")
        TRANSFER_OUT = "transfer_out", _("转出")
        RETIRE = "retire", _("退休")
        DECEASE = "decease", _("去世")
        REJOIN = "rejoin", _("重新入会")
        GROUP_MOVE = "group_move", _("调组")
        MERGE = "merge", _("合并重复记录")

    # Which staff status each event may start from (the state machine as data).
    ALLOWED_FROM = {
        Kind.JOIN: {Member.Status.ACTIVE},
        Kind.TRANSFER_IN: {Member.Status.ACTIVE, Member.Status.TRANSFERRED},
        Kind.TRANSFER_OUT: {Member.Status.ACTIVE},
        Kind.RETIRE: {Member.Status.ACTIVE},
        Kind.DECEASE: {Member.Status.ACTIVE, Member.Status.RETIRED},
        Kind.REJOIN: {Member.Status.ACTIVE, Member.Status.RETIRED},
        Kind.GROUP_MOVE: {Member.Status.ACTIVE, Member.Status.RETIRED},
    }

    member = models.ForeignKey(Member, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind)
    occurred_on = models.DateField(_("日期"))
    from_status = models.CharField(_("原状态"), max_length=20, choices=Member.Status, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Member.Status, blank=True)
    from_group = models.ForeignKey(
        UnionGroup, verbose_name=_("原小组"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_group = models.ForeignKey(
        UnionGroup, verbose_name=_("新小组"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    other_union = models.CharField(_("转入来源/转出去向工会"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("会籍事项")
        verbose_name_plural = _("会籍事项")

    def __str__(self):
        return f"{self.occurred_on} {self.member} {self.get_kind_display()}"


class DuesSettings(OneRow):
    """The union's dues rate (会费): one row, edited by the chair. The hand-up share (上缴) is a setting of each
    year, kept by the funds app (``funds.YearSettings``)."""

    rate = models.DecimalField(
        _("会费比例"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0.0050"),
        help_text=_("按月工资基数计，0.0050 即 0.5%"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会费设置")
        verbose_name_plural = _("会费设置")


class DuesRecord(models.Model):
    """One member's dues for one month (会费台账): the wage base, what is due, what was paid and when."""

    member = models.ForeignKey(Member, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="dues")
    month = models.DateField(_("月份"), help_text=_("该月1日"))
    wage_base = models.DecimalField(_("工资基数"), max_digits=10, decimal_places=2)
    due = models.DecimalField(_("应缴"), max_digits=10, decimal_places=2)
    paid = models.DecimalField(_("实缴"), max_digits=10, decimal_places=2, default=Decimal("0"))
    paid_on = models.DateField(_("缴纳日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "member__name_pinyin"]
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="unique_dues_member_month")]
        verbose_name = _("会费记录")
        verbose_name_plural = _("会费记录")

    def __str__(self):
        return f"{self.member} {self.month:%Y-%m}"

    @property
    def arrears(self):
        return max(self.due - self.paid, Decimal("0"))


class Registration(models.Model):
    """年度登记: each year the groups, their leaders and members, and the committees are frozen as they stood."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    frozen_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度登记")
        verbose_name_plural = _("年度登记")

    def __str__(self):
        return _("%(year)s年度登记") % {"year": self.year}


class RegisteredGroup(models.Model):
    """A union group as registered in one year; names are copied so later renames leave the year unchanged."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("年度登记"), on_delete=models.CASCADE, related_name="groups"
    )
    group = models.ForeignKey(
        UnionGroup, verbose_name=_("工会小组"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("小组名称"), max_length=50)
    branch_name = models.CharField(_("所属分会"), max_length=50, blank=True)
    leader = models.ForeignKey(
        Member, verbose_name=_("组长"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    leader_name = models.CharField(_("组长姓名"), max_length=30, blank=True)
    headcount = models.PositiveIntegerField(_("人数"))
    member_count = models.PositiveIntegerField(_("会员数"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["registration", "sort_order"]
        verbose_name = _("登记小组")
        verbose_name_plural = _("登记小组")

    def __str__(self):
        return f"{self.registration} {self.name}"


class RegisteredPerson(models.Model):
    """One person in a registered group, as they stood that year."""

    group = models.ForeignKey(
        RegisteredGroup, verbose_name=_("登记小组"), on_delete=models.CASCADE, related_name="people"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("人员"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=30)
    status = models.CharField(_("人员状态"), max_length=20, choices=Member.Status)
    is_union_member = models.BooleanField(_("工会会员"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["group", "sort_order"]
        verbose_name = _("登记人员")
        verbose_name_plural = _("登记人员")

    def __str__(self):
        return self.name


class RegisteredSeat(models.Model):
    """A committee seat as it stood when the year was registered."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("年度登记"), on_delete=models.CASCADE, related_name="seats"
    )
    committee_name = models.CharField(_("委员会"), max_length=50)
    term_number = models.PositiveSmallIntegerField(_("届次"))
    post = models.CharField(_("职务"), max_length=30)
    member = models.ForeignKey(
        Member, verbose_name=_("成员"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member_name = models.CharField(_("姓名"), max_length=30)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["registration", "sort_order"]
        verbose_name = _("登记委员会成员")
        verbose_name_plural = _("登记委员会成员")

    def __str__(self):
        return f"{self.committee_name} {self.post} {self.member_name}"
