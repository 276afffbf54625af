"""The staff congress (教代会/职代会): terms, sessions, delegates, proposals and votes.

A proposal moves through the table in ``flows.py``; each move is made by one function in
``proposal_services.py`` and leaves a ``ProposalStep`` on the timeline.

Secret ballots are stored in two tables that share nothing but the motion:
``BallotReceipt`` says WHO has voted (one per delegate, unique), ``BallotTally`` holds only
the running count per choice; no ballot is stored as a row of its own, so nothing links a
voter to a choice (appraisals and elections likewise); the abstract pair is ``ballots.Receipt``/``ballots.Tally``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Department, Member
from unionportal.models import UnionProfile
from unionportal.templatetags.portal import chinese_ordinal
from unionportal.vocabulary import by_kind
from unionportal.workflow import Step

from .ballots import Receipt, Tally

PERCENT = {"null": True, "blank": True, "validators": [MaxValueValidator(100)], "help_text": _("留空按默认")}


class CongressTerm(models.Model):
    """A term (届) of the congress, e.g. 第四届 2024–2028."""

    class Mode(models.TextChoices):
        DELEGATES = "delegates", _("代表大会")
        ASSEMBLY = "assembly", _("全体大会")

    number = models.PositiveSmallIntegerField(_("届次"), unique=True)
    start_year = models.PositiveSmallIntegerField(_("起始年份"))
    end_year = models.PositiveSmallIntegerField(_("结束年份"))
    mode = models.CharField(_("形式"), max_length=12, choices=Mode.choices, default=Mode.DELEGATES)
    min_cosigners = models.PositiveSmallIntegerField(_("提案最少附议人数"), default=2)
    # Composition thresholds in percent; blank keeps the school/enterprise default (selectors.COMPOSITION_RULES).
    front_line_min = models.PositiveSmallIntegerField(_("一线代表不少于（%）"), **PERCENT)
    leaders_max = models.PositiveSmallIntegerField(_("领导干部代表不超过（%）"), **PERCENT)
    per_headcount_min = models.PositiveSmallIntegerField(_("代表不少于在职职工（%）"), **PERCENT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("届")
        verbose_name_plural = _("届")

    def __str__(self):
        return _("第%(number)s届（%(start)s—%(end)s）") % {
            "number": self.number,
            "start": self.start_year,
            "end": self.end_year,
        }

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {
                    "end_year": _("结束年份（%(end)s）不能早于起始年份（%(start)s）。")
                    % {"end": self.end_year, "start": self.start_year}
                }
            )


class Session(models.Model):
    """One sitting (次) of a term, e.g. 四届二次; proposals are collected in its window."""

    term = models.ForeignKey(CongressTerm, verbose_name=_("届"), on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("次"))
    title = models.CharField(_("名称"), max_length=100, blank=True)
    starts_on = models.DateField(_("开幕日期"))
    ends_on = models.DateField(_("闭幕日期"))
    proposals_open_at = models.DateTimeField(_("提案征集开始"), null=True, blank=True)
    proposals_close_at = models.DateTimeField(_("提案征集截止"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-term__number", "-number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="congress_session_unique_number")]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")

    def __str__(self):
        return self.title or _("第%(term)s届第%(number)s次会议") % {
            "term": chinese_ordinal(self.term.number),
            "number": chinese_ordinal(self.number),
        }

    def save(self, *args, **kwargs):
        if not self.title.strip():
            self.title = self.default_title()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("congress:session", args=[self.pk])

    def default_title(self):
        """第四届第三次教职工代表大会 (职工代表大会 for an enterprise union): the name a session without one gets."""
        return _("第%(term)s届第%(number)s次%(congress)s") % {
            "term": chinese_ordinal(self.term.number),
            "number": chinese_ordinal(self.number),
            "congress": UnionProfile.load().vocabulary["congress_full"],
        }

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("闭幕日期不能早于开幕日期。")
        opens, closes = self.proposals_open_at, self.proposals_close_at
        if opens and closes and closes <= opens:
            errors["proposals_close_at"] = _("提案征集截止时间须晚于开始时间。")
        elif closes and self.starts_on and timezone.localtime(closes).date() > self.starts_on:
            errors["proposals_close_at"] = _("提案征集须在开幕（%(day)s）前截止，截止时间不能晚于开幕当天。") % {
                "day": self.starts_on
            }
        if errors:
            raise ValidationError(errors)

    def has_met(self, today=None):
        return self.ends_on < (today or timezone.localdate())


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("顺序"), default=1)
    title = models.CharField(_("议程"), max_length=200)

    class Meta:
        ordering = ["session", "order", "pk"]
        verbose_name = _("议程")
        verbose_name_plural = _("议程")

    def __str__(self):
        return f"{self.order}. {self.title}"


class Delegate(models.Model):
    """A member elected delegate for a term by a delegate group (代表团/组)."""

    term = models.ForeignKey(CongressTerm, verbose_name=_("届"), on_delete=models.PROTECT, related_name="delegates")
    member = models.ForeignKey(Member, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="delegacies")
    group = models.ForeignKey(
        "congress.DelegateGroup",
        verbose_name=_("代表组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegates",
    )
    is_front_line = models.BooleanField(by_kind(_("一线教职工"), _("一线职工")), default=True)
    is_leader = models.BooleanField(_("领导干部"), default=False)
    active = models.BooleanField(_("在任"), default=True)
    seated_at = models.DateTimeField(_("就任时间"), default=timezone.now)
    left_at = models.DateTimeField(_("离任时间"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("补选接替者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["term", "group", "member__name"]
        constraints = [models.UniqueConstraint(fields=["term", "member"], name="congress_delegate_once_per_term")]
        verbose_name = _("代表")
        verbose_name_plural = _("代表")

    def __str__(self):
        return self.member.name


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        COLLECTING = "collecting", _("征集附议")
        SUBMITTED = "submitted", _("已提交")
        REGISTERED = "registered", _("已立案")
        REJECTED = "rejected", _("不立案")
        MERGED = "merged", _("已并案")
        ASSIGNED = "assigned", _("办理中")
        REPLIED = "replied", _("已答复")
        RATED = "rated", _("已评价")
        CLOSED = "closed", _("已办结")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        MOSTLY = "mostly", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    class Implementation(models.TextChoices):
        """落实情况, recorded after the reply: what the reply promised, carried out."""

        DONE = "done", _("已落实")
        PARTLY = "partly", _("部分落实")
        NOT_DONE = "not_done", _("未落实")

    S = Status
    # the transitions are the table in flows.py
    PRIVATE = {S.DRAFT, S.COLLECTING}  # not in the public list (公示)
    RECEIVED = {S.SUBMITTED, S.REGISTERED, S.REJECTED, S.MERGED, S.ASSIGNED, S.REPLIED, S.RATED, S.CLOSED}
    ACCEPTED = {S.REGISTERED, S.ASSIGNED, S.REPLIED, S.RATED, S.CLOSED}
    HANDLING = {S.ASSIGNED}
    DECIDED = ACCEPTED | {S.REJECTED, S.MERGED}  # the proposal committee has ruled on it
    ANSWERED = {S.REPLIED, S.RATED, S.CLOSED}

    session = models.ForeignKey(Session, verbose_name=_("会议"), on_delete=models.PROTECT, related_name="proposals")
    proposer = models.ForeignKey(Member, verbose_name=_("提案人"), on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("案由"), max_length=200)
    content = models.TextField(_("理由及建议"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("立案号"), null=True, blank=True)
    review_note = models.TextField(_("审查意见（内部）"), blank=True)
    rejection_reason = models.TextField(_("不立案理由"), blank=True)
    is_suggestion = models.BooleanField(_("转为建议"), default=False)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("并入提案"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    lead_department = models.ForeignKey(
        Department,
        verbose_name=_("主办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_proposals",
    )
    helping_departments = models.ManyToManyField(
        Department, verbose_name=_("协办部门"), blank=True, related_name="helping_proposals"
    )
    deadline = models.DateField(_("办理期限"), null=True, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    rating = models.CharField(_("满意度"), max_length=12, choices=Rating.choices, blank=True)
    returned = models.BooleanField(_("已退回重办"), default=False)
    implementation = models.CharField(_("落实情况"), max_length=10, choices=Implementation.choices, blank=True)
    implementation_note = models.TextField(_("落实情况说明"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-session__starts_on", "number", "-created_at"]
        verbose_name = _("提案")
        verbose_name_plural = _("提案")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:proposal", args=[self.pk])


class ProposalCoSigner(models.Model):
    """A delegate invited to co-sign (附议) a proposal."""

    class Status(models.TextChoices):
        INVITED = "invited", _("待附议")
        SIGNED = "signed", _("已附议")
        DECLINED = "declined", _("已谢绝")
        LAPSED = "lapsed", _("未回复，提案已提交")

    proposal = models.ForeignKey(Proposal, verbose_name=_("提案"), on_delete=models.CASCADE, related_name="cosigners")
    member = models.ForeignKey(Member, verbose_name=_("附议人"), on_delete=models.PROTECT, related_name="cosignatures")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.INVITED)
    responded_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    class Meta:
        ordering = ["proposal", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="congress_cosigner_once")]
        verbose_name = _("附议人")
        verbose_name_plural = _("附议人")

    def __str__(self):
        return self.member.name

    def get_absolute_url(self):
        return self.proposal.get_absolute_url()


class ProposalStep(Step):
    """One dated step on a proposal's timeline."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("提案"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("提案办理记录")
        verbose_name_plural = _("提案办理记录")


class Attendance(models.Model):
    class Kind(models.TextChoices):
        PRESENT = "present", _("出席")
        LEAVE = "leave", _("请假")
        OBSERVER = "observer", _("列席")

    session = models.ForeignKey(Session, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("出席情况"), max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="congress_attendance_once")]
        verbose_name = _("出席记录")
        verbose_name_plural = _("出席记录")

    def __str__(self):
        return f"{self.member} · {self.get_kind_display()}"


class Motion(models.Model):
    """A question put to the vote on an agenda item: an open count or a secret ballot."""

    class Method(models.TextChoices):
        OPEN = "open", _("举手表决")
        SECRET = "secret", _("无记名投票")

    class Status(models.TextChoices):
        DRAFT = "draft", _("未开始")
        OPEN = "open", _("投票中")
        CLOSED = "closed", _("已结束")

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("议程"), on_delete=models.CASCADE, related_name="motions"
    )
    title = models.CharField(_("表决事项"), max_length=200)
    method = models.CharField(_("表决方式"), max_length=10, choices=Method.choices, default=Method.SECRET)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Fixed when the vote opens (or its count is entered), so a later 补选 or removal leaves the result alone.
    opened_at = models.DateTimeField(_("开始表决时间"), null=True, blank=True)
    delegates_total = models.PositiveIntegerField(_("应到代表"), null=True, blank=True)
    delegates_present = models.PositiveIntegerField(_("实到代表"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("赞成"), default=0)
    votes_against = models.PositiveIntegerField(_("反对"), default=0)
    abstentions = models.PositiveIntegerField(_("弃权"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "pk"]
        verbose_name = _("表决事项")
        verbose_name_plural = _("表决事项")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:motion", args=[self.pk])


class BallotReceipt(Receipt):
    """WHO has voted on a motion: one per delegate, and nothing about the choice."""

    motion = models.ForeignKey(Motion, verbose_name=_("表决事项"), on_delete=models.CASCADE, related_name="receipts")
    delegate = models.ForeignKey(Delegate, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "delegate"], name="congress_one_ballot_per_delegate")]
        verbose_name = _("投票记录")
        verbose_name_plural = _("投票记录")

    def __str__(self):
        return f"{self.motion} · {self.delegate}"


class BallotTally(Tally):
    """WHAT was voted, only as a count per choice: one row per choice, created when the vote opens.
    Each vote adds 1 to its choice and 0 to every other row of the motion in ONE statement, in the
    receipt's transaction, so every row is rewritten by every vote: the live rows (and their storage
    position or PostgreSQL xmin) show the last writer of all choices alike, never which one it took."""

    class Choice(models.TextChoices):
        FOR = "for", _("赞成")
        AGAINST = "against", _("反对")
        ABSTAIN = "abstain", _("弃权")

    motion = models.ForeignKey(Motion, verbose_name=_("表决事项"), on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(_("选择"), max_length=10, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "choice"], name="congress_one_tally_per_choice")]
        verbose_name = _("计票")
        verbose_name_plural = _("计票")

    def __str__(self):
        return f"{self.get_choice_display()}: {self.count}"

    @classmethod
    def blank_rows(cls, motion):
        return [cls(motion=motion, choice=choice) for choice in cls.Choice.values]


class Appraisal(models.Model):
    """Democratic appraisal (民主评议) of leaders by its electorate (参评人员, the delegates by default),
    one secret ballot per voter."""

    class Electorate(models.TextChoices):
        DELEGATES = "delegates", _("本届在任代表")
        MEMBERS = "members", _("全体在职会员")

    class Scale(models.TextChoices):
        SATISFACTION = "satisfaction", _("满意/基本满意/不满意")
        COMPETENCE = "competence", _("优秀/称职/基本称职/不称职")

    class Status(models.TextChoices):
        DRAFT = "draft", _("未开始")
        OPEN = "open", _("评议中")
        COUNTED = "counted", _("已结束，待公示")  # voting over, the result seen by union staff only
        CLOSED = "closed", _("已公示")

    GRADES = {
        Scale.SATISFACTION: [("satisfied", _("满意")), ("mostly", _("基本满意")), ("unsatisfied", _("不满意"))],
        Scale.COMPETENCE: [
            ("excellent", _("优秀")),
            ("competent", _("称职")),
            ("mostly", _("基本称职")),
            ("incompetent", _("不称职")),
        ],
    }
    NEGATIVE = {"unsatisfied", "incompetent"}

    term = models.ForeignKey(CongressTerm, verbose_name=_("届"), on_delete=models.PROTECT, related_name="appraisals")
    session = models.ForeignKey(
        Session, verbose_name=_("会议"), null=True, blank=True, on_delete=models.SET_NULL, related_name="appraisals"
    )
    title = models.CharField(_("名称"), max_length=200)
    scale = models.CharField(_("评议等次"), max_length=12, choices=Scale.choices, default=Scale.SATISFACTION)
    electorate = models.CharField(
        _("参评人员"), max_length=10, choices=Electorate.choices, default=Electorate.DELEGATES
    )
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    closed_at = models.DateTimeField(_("公示时间"), null=True, blank=True, editable=False)
    # Compared with the negative grade's share as the result table prints it (one decimal), so the
    # flag always agrees with the printed figure; 33.3 is the usual 超过三分之一 (1 of 3 is not flagged).
    flag_share = models.DecimalField(
        _("否定票标注线（%）"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("33.3"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("不满意或不称职票占有效票的比例超过此百分比的被评议人在结果中标注；默认33.3即三分之一。"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("民主评议")
        verbose_name_plural = _("民主评议")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:appraisal", args=[self.pk])

    def clean(self):
        if self.session_id and self.term_id and self.session.term_id != self.term_id:
            raise ValidationError({"session": _("所选会议不属于%(term)s。") % {"term": self.term}})

    def grades(self):
        return self.GRADES[self.scale]


class Appraisee(models.Model):
    """A leader being appraised, with the 述职 report."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("评议"), on_delete=models.CASCADE, related_name="appraisees"
    )
    member = models.ForeignKey(Member, verbose_name=_("被评议人"), on_delete=models.PROTECT, related_name="+")
    post = models.CharField(_("职务"), max_length=50, blank=True)
    report = models.TextField(_("述职报告"), blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["appraisal", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["appraisal", "member"], name="congress_appraisee_once")]
        verbose_name = _("被评议人")
        verbose_name_plural = _("被评议人")

    def __str__(self):
        return self.member.name


class AppraisalReceipt(Receipt):
    """WHO has cast an appraisal ballot (one per voter); nothing about the marks."""

    appraisal = models.ForeignKey(Appraisal, verbose_name=_("评议"), on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(Member, verbose_name=_("参评人"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appraisal", "member"], name="congress_one_appraisal_ballot")]
        verbose_name = _("评议投票记录")
        verbose_name_plural = _("评议投票记录")

    def __str__(self):
        return f"{self.appraisal} · {self.member}"


class AppraisalTally(Tally):
    """WHAT the voters gave a leader, only as a count per grade: one row per appraisee and grade of
    the scale, created when the appraisal opens. Like ``BallotTally``, each ballot updates every row
    of the appraisal in one statement (0 where the grade was not given), so no row tells a ballot."""

    appraisee = models.ForeignKey(
        Appraisee, verbose_name=_("被评议人"), on_delete=models.CASCADE, related_name="tallies"
    )
    grade = models.CharField(_("等次"), max_length=12)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appraisee", "grade"], name="congress_one_tally_per_grade")]
        verbose_name = _("评议计票")
        verbose_name_plural = _("评议计票")

    def __str__(self):
        return f"{self.grade}: {self.count}"

    @classmethod
    def blank_rows(cls, appraisal, appraisees):
        return [cls(appraisee=a, grade=grade) for a in appraisees for grade, _label in appraisal.grades()]


class Suggestion(models.Model):
    """合理化建议/意见箱: any member, any time; when anonymous no author is stored at all."""

    class Status(models.TextChoices):
        NEW = "new", _("待答复")
        ANSWERED = "answered", _("已答复")
        RAISED = "raised", _("已转为提案")

    author = models.ForeignKey(
        Member, verbose_name=_("提出人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("内容"))
    submitted_on = models.DateField(_("提出日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("转成的提案"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handler = models.ForeignKey(
        Department, verbose_name=_("承办部门"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("建议")
        verbose_name_plural = _("建议")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:suggestion", args=[self.pk])

    @property
    def is_anonymous(self):
        return self.author_id is None


class SessionDocument(models.Model):
    """A document put before the session for review (审议文件), e.g. the 工作报告 draft, or the 经审's
    工会经费审查报告 (``audit``: the audit whose report it is)."""

    session = models.ForeignKey(Session, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("文件名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="congress/%Y/")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    audit = models.ForeignKey(
        "funds.Audit",
        verbose_name=_("经费审查"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="session_documents",
        help_text=_("这份文件是该次经费审查的《工会经费审查报告》"),
    )

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("审议文件")
        verbose_name_plural = _("审议文件")

    def __str__(self):
        return self.title


# The congress between sessions (代表组, bodies' meetings) and its elections live in their own modules.
from .body_models import BodyMeeting, DelegateGroup, MeetingDecision  # noqa: E402, F401
from .election_models import (  # noqa: E402, F401
    Candidate,
    Election,
    ElectionReceipt,
    ElectionStep,
    ElectionTally,
    PaperCount,
    RegisteredDelegate,
    Teller,
)
from .step_models import AppraisalStep, InvitationStep, MotionStep, SuggestionStep  # noqa: E402, F401
