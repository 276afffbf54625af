"""Elections (换届选举, 代表选举, 增补): candidates nominated, a secret ballot, a count against the thresholds
in settings, and the elected seated as delegates or committee members.

An election moves through the states of its table in ``election_flows.py`` (the workflow kernel); the
services in ``elections.py`` make each move and leave an ``ElectionStep``. The ballot is the congress's:
``ElectionReceipt`` (who voted) and ``ElectionTally`` (a count per candidate) share nothing but the election.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import CommitteeSeat, CommitteeTerm, Member
from unionportal.workflow import Step

from .ballots import Receipt, Tally


class Election(models.Model):
    class Kind(models.TextChoices):
        DELEGATES = "delegates", _("代表选举")
        COMMITTEE = "committee", _("委员会换届选举")
        CHAIR = "chair", _("主席选举")
        BY_ELECTION = "by_election", _("增补选举")

    class Status(models.TextChoices):
        NOMINATING = "nominating", _("提名中")
        VOTING = "voting", _("投票中")
        COUNTED = "counted", _("已计票")
        SEATED = "seated", _("已就任")
        VOID = "void", _("选举无效")

    class Mode(models.TextChoices):
        ONLINE = "online", _("网上投票")
        PAPER = "paper", _("纸质选票")
        BOTH = "both", _("网上投票与纸质选票合并计票")

    class Electorate(models.TextChoices):
        GROUP = "group", _("代表组所含工会小组的会员")
        DELEGATES = "delegates", _("本届在任代表")
        MEMBERS = "members", _("全体在职会员")

    RESULTS_SHOWN = {Status.COUNTED, Status.SEATED, Status.VOID}

    title = models.CharField(_("选举名称"), max_length=200)
    kind = models.CharField(_("选举类型"), max_length=12, choices=Kind, default=Kind.DELEGATES)
    electorate = models.CharField(_("选举人"), max_length=10, choices=Electorate, default=Electorate.GROUP)
    congress_term = models.ForeignKey(
        "congress.CongressTerm",
        verbose_name=_("代表大会届次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
    )
    delegate_group = models.ForeignKey(
        "congress.DelegateGroup",
        verbose_name=_("代表组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
    )
    committee_term = models.ForeignKey(
        CommitteeTerm,
        verbose_name=_("委员会届次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
    )
    post = models.CharField(_("当选职务"), max_length=30, default="委员", blank=True)
    seats = models.PositiveSmallIntegerField(_("应选名额"))
    mode = models.CharField(
        _("投票方式"),
        max_length=10,
        choices=Mode,
        default=Mode.ONLINE,
        help_text=_("纸质选票由计票人、监票人录入清点结果，与网上投票合并计票。"),
    )
    competitive = models.BooleanField(_("差额选举"), default=False, help_text=_("候选人须多于应选名额。"))
    held_on = models.DateField(_("选举日期"))
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    previous = models.ForeignKey(
        "self", verbose_name=_("上一轮"), null=True, blank=True, on_delete=models.PROTECT, related_name="next_rounds"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.NOMINATING)
    # Fixed when voting opens: those entitled to vote (应到会有选举权人数), and ballots returned at the count.
    entitled = models.PositiveIntegerField(_("应到选举人"), null=True, blank=True)
    ballots = models.PositiveIntegerField(_("收回选票"), null=True, blank=True)
    result_note = models.TextField(_("选举结果说明"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("选举")
        verbose_name_plural = _("选举")

    def __str__(self):
        if self.round > 1:
            return _("%(title)s（第%(round)s轮）") % {"title": self.title, "round": self.round}
        return self.title

    def get_absolute_url(self):
        return reverse("congress:election", args=[self.pk])

    @property
    def results_shown(self):
        return self.status in self.RESULTS_SHOWN

    @property
    def votes_shown(self):
        """Each candidate's votes are published once the count stands; a void election's are not: with few
        ballots and the list of who voted, they would tell how each voter voted."""
        return self.status in (self.Status.COUNTED, self.Status.SEATED)

    @property
    def online(self):
        return self.mode in (self.Mode.ONLINE, self.Mode.BOTH)

    @property
    def on_paper(self):
        return self.mode in (self.Mode.PAPER, self.Mode.BOTH)


class ElectionStep(Step):
    """One dated step of an election: opened, counted (or void), seated."""

    election = models.ForeignKey(Election, verbose_name=_("选举"), on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = _("选举步骤")
        verbose_name_plural = _("选举步骤")


class Candidate(models.Model):
    """A nominee; once counted, the votes and whether elected, and the delegate or seat it became."""

    election = models.ForeignKey(Election, verbose_name=_("选举"), on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(Member, verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="candidacies")
    nominated_by = models.CharField(_("提名方式"), max_length=100, blank=True)
    votes = models.PositiveIntegerField(_("得票"), null=True, blank=True)
    paper_votes = models.PositiveIntegerField(_("纸质选票得票"), null=True, blank=True)
    elected = models.BooleanField(_("当选"), default=False)
    delegate = models.OneToOneField(
        "congress.Delegate",
        verbose_name=_("当选代表"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="elected_as",
    )
    # A ForeignKey: a 委员 later elected 主席 keeps one seat, which two elections then name.
    seat = models.ForeignKey(
        CommitteeSeat,
        verbose_name=_("当选职务"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="elected_as",
    )
    nominated_at = models.DateTimeField(_("提名时间"), auto_now_add=True)

    class Meta:
        ordering = ["election", "member__name_pinyin", "pk"]
        constraints = [models.UniqueConstraint(fields=["election", "member"], name="congress_candidate_once")]
        verbose_name = _("候选人")
        verbose_name_plural = _("候选人")

    def __str__(self):
        return self.member.name


class ElectionReceipt(Receipt):
    """WHO has voted in an election (one per voter), nothing about the choice."""

    election = models.ForeignKey(Election, verbose_name=_("选举"), on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(Member, verbose_name=_("选举人"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "member"], name="congress_one_election_ballot")]
        verbose_name = _("选举投票记录")
        verbose_name_plural = _("选举投票记录")

    def __str__(self):
        return f"{self.election} · {self.member}"


class ElectionTally(Tally):
    """WHAT the voters marked, only as a count per candidate: one row per candidate, created when voting
    opens; each ballot rewrites every row of the election (``ballots.cast_while_open``)."""

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("候选人"), on_delete=models.CASCADE, related_name="tally"
    )

    class Meta:
        verbose_name = _("选举计票")
        verbose_name_plural = _("选举计票")

    def __str__(self):
        return f"{self.candidate}: {self.count}"


class Teller(models.Model):
    """A 监票人 or 计票人 of an election, named by the meeting (never one of its candidates): they count the
    paper ballots and sign the result sheet."""

    class Role(models.TextChoices):
        SCRUTINEER = "scrutineer", _("监票人")
        COUNTER = "counter", _("计票人")

    election = models.ForeignKey(Election, verbose_name=_("选举"), on_delete=models.CASCADE, related_name="tellers")
    member = models.ForeignKey(Member, verbose_name=_("姓名"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("职责"), max_length=10, choices=Role, default=Role.SCRUTINEER)

    class Meta:
        ordering = ["election", "-role", "pk"]
        constraints = [models.UniqueConstraint(fields=["election", "member"], name="congress_teller_once")]
        verbose_name = _("监票计票人")
        verbose_name_plural = _("监票计票人")

    def __str__(self):
        return f"{self.get_role_display()} {self.member}"


class PaperCount(models.Model):
    """The tellers' count of the paper ballots (清点选票): issued and returned, spoiled (废票) and blank
    (空白票) among them; the votes per candidate are on ``Candidate.paper_votes``. Entered by one teller,
    confirmed by a 监票人 who is another; only a confirmed count is added at the close."""

    election = models.OneToOneField(
        Election, verbose_name=_("选举"), on_delete=models.CASCADE, related_name="paper_count"
    )
    issued = models.PositiveIntegerField(_("发出选票"))
    returned = models.PositiveIntegerField(_("收回选票"))
    spoiled = models.PositiveIntegerField(_("无效票"), default=0)
    blank = models.PositiveIntegerField(_("空白票"), default=0)
    entered_by = models.ForeignKey(Member, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)
    confirmed_by = models.ForeignKey(
        Member, verbose_name=_("核对监票人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("核对时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("纸质选票清点")
        verbose_name_plural = _("纸质选票清点")

    def __str__(self):
        return str(self.election)

    @property
    def valid(self):
        return self.returned - self.spoiled


class RegisteredDelegate(models.Model):
    """A serving delegate as the yearly registration (年度登记) froze them; names copied."""

    registration = models.ForeignKey(
        "members.Registration", verbose_name=_("年度登记"), on_delete=models.CASCADE, related_name="delegates"
    )
    term_number = models.PositiveSmallIntegerField(_("届次"))
    group_name = models.CharField(_("代表组"), max_length=50, blank=True)
    member = models.ForeignKey(
        Member, verbose_name=_("代表"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member_name = models.CharField(_("姓名"), max_length=30)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["registration", "sort_order"]
        verbose_name = _("登记代表")
        verbose_name_plural = _("登记代表")

    def __str__(self):
        return self.member_name
