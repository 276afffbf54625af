"""Workflows: every state machine is one transition table, and every move goes through ``move()``.

Declare the table in ``<app>/flows.py`` (found at start-up, as admin.py is), one ``Action`` per row::

    from unionportal.workflow import Action, Workflow
    from .models import Proposal, ProposalStep
    from .rules import heads_lead_department, runs_congress

    S = Proposal.Status
    FLOW = Workflow(
        Proposal, steps=ProposalStep, noun=_("提案"),
        url_name="congress:proposal_act",           # POST <pk>/<action>/ → workflow.act()
        view_permission="congress.view_proposal",   # notices go only to those who may open it
        actions=[
            Action("assign", {S.REGISTERED}, S.ASSIGNED, label=_("交办"), allowed=runs_congress,
                   form="congress.forms.AssignForm", service="congress.proposal_services.assign",
                   done=lambda p: _("已交办%(dept)s，%(date)s前答复。") % {...},
                   notify=lambda p: [p.lead_department.head],
                   notice=_("提案“{obj.title}”已交办贵部门，请按期答复。")),
            Action("close", {S.RATED}, S.CLOSED, label=_("办结"), allowed=runs_congress,
                   confirm=_("办结后不能再办理，确定办结？")),
        ],
    )

``done`` and ``notice`` are text, text with ``{obj.…}`` fields, or a function of the object.
``target=None`` records a step and keeps the state (附议, 答复异议). A service keeps its own domain
checks and then moves; ``move`` reads the row afresh under its lock, so every change goes in as a
field it passes, set on the object before it is saved::

    from unionportal.workflow import move

    def assign(*, proposal, actor, lead_department, deadline):
        if deadline < timezone.localdate():
            raise ValidationError(_("办理期限不能早于今天。"))
        return move(proposal, "assign", actor=actor, lead_department=lead_department, deadline=deadline)

``move`` locks the row, refuses a wrong state (``WrongState``), an actor the row's ``allowed`` predicate
refuses (``Forbidden``; ``actor=None`` is the system and is not asked), an object the row's ``blocked``
says is not ready (``NotYet``, with its reason) or a page older than the object (``Stale``, when
``seen`` is given) — each a ValidationError in Chinese — then sets the fields
and the state, saves, writes the step and leaves the notices, in one transaction.

Views: the object's page renders ``{% include "partials/actions.html" with buttons=buttons %}``
(``buttons = workflow.buttons_for(request, obj)``) and ``partials/timeline.html`` with the steps; one
POST view per object answers with ``return workflow.act(request, obj, action)``: it checks the action,
validates its form, calls its service (or ``move``) and says what happened or why not, on the page. A form
refused (by its own checks or its service's) comes back open, with what was typed in it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import rules
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.db.transaction import TransactionManagementError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .compiled import converted
from .form_pages import report_refusal
from .notices import notify
from .saved_together import save_together

Text = str | Callable[[Any], str]


class Step(models.Model):
    """One dated entry on an object's timeline. Subclass it with the object's foreign key."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(gettext_lazy("时间"), default=timezone.now)
    action = models.CharField(gettext_lazy("动作"), max_length=20, blank=True)
    from_status = models.CharField(gettext_lazy("原状态"), max_length=20, blank=True)
    to_status = models.CharField(gettext_lazy("新状态"), max_length=20)
    note = models.TextField(gettext_lazy("说明"), blank=True)
    internal = models.BooleanField(gettext_lazy("内部记录"), default=False)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.label}: {self.from_status or '—'} → {self.to_status}"

    @property
    def flow(self) -> "Workflow":
        return _by_step[type(self)]

    @property
    def label(self) -> str:
        return self.flow.step_label(self.action) if self.action else self.to_label

    @property
    def from_label(self) -> str:
        return self.flow.state_label(self.from_status)

    @property
    def to_label(self) -> str:
        return self.flow.state_label(self.to_status)

    @property
    def moved(self) -> bool:
        return self.from_status != self.to_status

    @property
    def actor_name(self) -> str:
        return person_name(self.actor)


def person_name(user) -> str:
    """A person's name as colleagues know it: the roster name, else the account's full name."""
    if user is None:
        return _("系统")
    member = getattr(user, "member", None)
    if member is not None:
        return member.name
    return user.get_full_name() or user.get_username()


def _text(value: Text | None, obj) -> str:
    if value is None:
        return ""
    if callable(value):
        return str(value(obj))
    return str(value).format(obj=obj)


@dataclass(frozen=True)
class Action:
    """One row of a transition table."""

    name: str
    sources: Iterable[str]
    target: str | None  # None: the step is recorded and the state stays
    label: str
    allowed: rules.Predicate = rules.always_deny
    blocked: Callable[[Any], str | None] | None = None  # the object → why not yet (公示期未满), or None
    done: Text | None = None
    confirm: Text = ""  # asked before an action that cannot be undone; says what will happen (turnout so far)
    notify: Callable[[Any], Any] | None = None  # the object → whom to tell (users or members)
    notice: Text | None = None  # what they are told; by default the done message
    form: str | type | None = None  # dotted path or class, called (data, files=, obj=, user=)
    service: str | None = None  # dotted path, called (<arg>=obj, actor=, **form data); else move()
    also: Iterable[str] = ()  # other states the service may lead to (rate: back to 办理中)
    internal: bool = False  # its step's note is for the union's staff only
    style: str = "primary"  # a Bootstrap colour for the button

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "also", frozenset(self.also))

    @property
    def targets(self) -> frozenset:
        return self.also | {self.target} if self.target else self.also

    def done_message(self, obj) -> str:
        return _text(self.done, obj) or _("已%(action)s：%(object)s。") % {"action": self.label, "object": obj}

    def make_form(self, data, obj, user, files=None):
        if self.form is None:
            return None
        form_class = import_string(self.form) if isinstance(self.form, str) else self.form
        return form_class(data, files=files, obj=obj, user=user, auto_id=f"id_{self.name}_%s")


class WrongState(ValidationError):
    pass


class Forbidden(ValidationError):
    pass


class Stale(ValidationError):
    pass


class NotYet(ValidationError):
    pass


_registry: dict[type, "Workflow"] = {}
_by_step: dict[type, "Workflow"] = {}


@dataclass
class Workflow:
    """A state machine: its model, its step model and its transition table."""

    model: type[models.Model]
    actions: list[Action]
    steps: type[Step]
    noun: str
    url_name: str = ""
    view_permission: str | None = None
    state_field: str = "status"
    arg: str = ""  # the services' keyword for the object; the model's name by default
    step_labels: dict[str, str] = field(default_factory=dict)  # steps that are not table rows (起草, 异议)
    final: Iterable[str] = ()  # states where the flow ends: no action is owed there
    # states a background task moves on (a queued or running document job): no person's button is owed there
    moved_by_system: Iterable[str] = ()
    # locks what the object's services lock first (an event before its sign-ups), so the order holds
    lock_first: Callable[[Any], Any] | None = None

    def __post_init__(self):
        self.table = {action.name: action for action in self.actions}
        self.arg = self.arg or self.model._meta.model_name
        self.final = frozenset(self.final)
        self.moved_by_system = frozenset(self.moved_by_system)
        self.step_fk = next(
            f.name for f in self.steps._meta.get_fields() if getattr(f, "related_model", None) is self.model
        )
        self._lock_sql = {}  # by database: lock()'s statement
        _registry[self.model] = self
        _by_step[self.steps] = self

    def __str__(self):
        return self.model._meta.label

    @property
    def states(self):
        return self.model._meta.get_field(self.state_field).choices

    def state_label(self, value) -> str:
        return str(dict(self.states).get(value, value or "—"))

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def step_label(self, action) -> str:
        if action in self.table:
            return str(self.table[action].label)
        return str(self.step_labels.get(action, action))

    def action(self, name) -> Action:
        try:
            return self.table[name]
        except KeyError:
            raise ValidationError(_("没有“%(action)s”这个操作。") % {"action": name}) from None

    def refusal(self, action: Action, obj, user) -> ValidationError | None:
        """Why ``user`` may not take ``action`` on ``obj`` now, or None."""
        state = self.state_of(obj)
        if state not in action.sources:
            return WrongState(
                _("%(noun)s现在是“%(state)s”，不能%(action)s。")
                % {"noun": self.noun, "state": self.state_label(state), "action": action.label}
            )
        if user is not None and not action.allowed.test(user, obj):
            return Forbidden(_("您不能%(action)s这个%(noun)s。") % {"action": action.label, "noun": self.noun})
        reason = action.blocked(obj) if action.blocked else None
        return NotYet(reason) if reason else None

    def require(self, obj, name, actor=None):
        """Refuse now, before a service's own checks, what ``move`` would refuse later."""
        refusal = self.refusal(self.action(name), obj, actor)
        if refusal is not None:
            raise refusal

    def available(self, obj, user) -> list[Action]:
        return [action for action in self.actions if self.refusal(action, obj, user) is None]

    def lock(self, obj):
        """The object's row, locked for this transaction and read afresh; the caller must be atomic. Every move
        locks, so the statement and its columns are worked out once per process and database (that was most of a
        lock's CPU) from a query of the base manager, which neither filters nor joins."""
        if self.lock_first is not None:
            self.lock_first(obj)
        db = router.db_for_write(self.model)  # where a select_for_update() reads
        database = connections[db]
        if database.features.has_select_for_update and database.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        if db not in self._lock_sql:
            self._lock_sql[db] = self._locking(db, obj.pk)
        statement, names, columns = self._lock_sql[db]
        with database.cursor() as cursor:
            cursor.execute(statement, [self.model._meta.pk.get_db_prep_value(obj.pk, database)])
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
        return self.model.from_db(db, names, converted([row], columns, database)[0])

    def _locking(self, db, pk):
        """lock()'s statement (built with ``pk``, run with any), its columns and the attribute each fills."""
        query = self.model._base_manager.select_for_update(of=("self",)).filter(pk=pk).query
        compiler = query.get_compiler(db)
        statement = compiler.as_sql()[0]
        columns = [expression for expression, _sql, _alias in compiler.select]
        return statement, [column.target.attname for column in columns], columns

    def record(self, obj, action, *, actor, note="", internal=False, from_status=None, to_status=None) -> Step:
        """A dated step; by default one that leaves the state as it is (异议, 提醒)."""
        step = self._step(obj, action, actor, note, internal, from_status, to_status)
        step.save(force_insert=True)
        return step

    def start(self, obj, action, *, actor):
        """A new object saved with its first step, from no state (提交生成), in one statement where the database
        allows (saved_together.py)."""
        step = self._step(obj, action, actor, "", False, "", None)
        save_together(obj, step)
        return obj

    def _step(self, obj, action, actor, note, internal, from_status, to_status) -> Step:
        state = self.state_of(obj)
        return self.steps(
            **{self.step_fk: obj},
            actor=actor,
            action=action,
            from_status=state if from_status is None else from_status,
            to_status=state if to_status is None else to_status,
            note=note,
            internal=internal,
        )

    def move(
        self, obj, name, *, actor, note="", internal=None, to=None, seen=None, checked=True, locked=False, **fields
    ):
        """``checked=False`` for a move that follows from one the actor was allowed (候补转正 after her
        cancellation): the actor is recorded, not asked. ``locked=True``: ``obj`` is the row as ``lock``
        returned it in the caller's transaction, so it is not read again, and a refusal undoes that
        transaction (no savepoint of its own)."""
        action = self.action(name)
        with transaction.atomic(savepoint=not locked):
            if not locked:
                obj = self.lock(obj)
            if seen is not None and seen != self.state_of(obj):
                raise self.stale(self.state_of(obj))
            self.require(obj, name, actor if checked else None)
            target = to or action.target or self.state_of(obj)
            if to is not None and to not in action.targets:
                raise ValueError(f"{self}: {name} cannot lead to {to}")
            before = self.state_of(obj)
            for key, value in fields.items():
                setattr(obj, key, value)
            setattr(obj, self.state_field, target)
            obj.full_clean()
            internal = action.internal if internal is None else internal
            save_together(obj, self._step(obj, name, actor, note, internal, before, target), self._columns(fields))
            self.tell(action, obj, actor=actor)
            return obj

    def _columns(self, fields):
        """What a move writes: the state and the fields it sets; every column when one is not a model field."""
        columns = {self.state_field, *fields}
        known = {name for field in self.model._meta.concrete_fields for name in (field.name, field.attname)}
        return columns if columns <= known else None

    def tell(self, action: Action, obj, *, actor):
        if action.notify is None:
            return []
        return notify(
            action.notify(obj),
            text=_text(action.notice, obj) or action.done_message(obj),
            url=obj.get_absolute_url(),
            kind=f"{self.model._meta.label_lower}.{action.name}",
            permission=self.view_permission,
            obj=obj,
            exclude=actor,
        )

    def stale(self, current) -> Stale:
        return Stale(
            _("这个%(noun)s已被他人处理，现在是“%(state)s”。页面已刷新，请看清后再操作。")
            % {"noun": self.noun, "state": self.state_label(current)}
        )

    def action_url(self, obj, name) -> str:
        return reverse(self.url_name, args=[obj.pk, name])


def flow_for(obj_or_model) -> Workflow:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    if model not in _registry:
        discover()
    return _registry[model]


def workflows() -> list[Workflow]:
    discover()
    return list(_registry.values())


def discover():
    autodiscover_modules("flows")


def move(obj, action, *, actor, note="", **fields):
    """Move ``obj`` by ``action`` of its table: see the module's docstring."""
    return flow_for(obj).move(obj, action, actor=actor, note=note, **fields)


def record(obj, action, *, actor, note="", internal=False):
    """A dated step that leaves the state as it is."""
    return flow_for(obj).record(obj, action, actor=actor, note=note, internal=internal)


# ---- views ---------------------------------------------------------------------------------


@dataclass
class Button:
    action: Action
    url: str
    state: str
    form: Any = None
    confirm: str = ""
    typed: bool = False  # its form holds what was typed in it before it was refused


# what a refused form held, until the page it came from is drawn again
_TYPED = "workflow_typed"
_NOT_KEPT = {"csrfmiddlewaretoken", "state"}


def buttons(obj, user, typed=None) -> list[Button]:
    """The actions ``user`` may take on ``obj`` now, each with its URL and blank form; ``typed`` (from
    ``buttons_for``) fills the form of the one whose URL it names."""
    flow = flow_for(obj)
    state = flow.state_of(obj)
    made = []
    for action in flow.available(obj, user):
        url = flow.action_url(obj, action.name)
        refilled = typed is not None and typed["url"] == url
        data = MultiValueDict(typed["data"]) if refilled else None
        made.append(Button(action, url, state, action.make_form(data, obj, user), _text(action.confirm, obj), refilled))
    return made


def buttons_for(request, obj) -> list[Button]:
    """``buttons(obj, request.user)``, with the form this user's last refused POST to one of them held."""
    return buttons(obj, request.user, typed=request.session.pop(_TYPED, None))


def _keep_typed(request, url):
    data = {key: request.POST.getlist(key) for key in request.POST if key not in _NOT_KEPT}
    if data:
        request.session[_TYPED] = {"url": url, "data": data}


def _report_form(request, form):
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, error if not label or str(label) in error else f"{label}：{error}")


def act(request, obj, name, *, then=None):
    """The POST of one button: the action must exist, be open to this user in this state and on the
    page she saw (``state`` posted with the form); then its form, then its service. What happened, or
    why nothing did, is told on the page ``then`` (default: the object's)."""
    flow = flow_for(obj)
    back = then or obj.get_absolute_url()
    form = None
    try:
        action = flow.action(name)
        seen = request.POST.get("state")
        if seen is not None and seen != flow.state_of(obj):
            raise flow.stale(flow.state_of(obj))
        flow.require(obj, name, request.user)
        form = action.make_form(request.POST, obj, request.user, files=request.FILES)
        if form is not None and not form.is_valid():
            _report_form(request, form)
            _keep_typed(request, flow.action_url(obj, name))
            return redirect(back)
        data = form.cleaned_data if form is not None else {}
        with transaction.atomic():
            locked = flow.lock(obj)
            if seen is not None and seen != flow.state_of(locked):
                raise flow.stale(flow.state_of(locked))
            if action.service:
                result = import_string(action.service)(**{flow.arg: locked}, actor=request.user, **data)
            else:
                result = flow.move(locked, name, actor=request.user, locked=True, **data)
    except (Stale, WrongState, Forbidden) as error:  # the page was out of date: nothing typed there still applies
        report_refusal(request, error)
    except ValidationError as error:
        report_refusal(request, error)
        if form is not None:
            _keep_typed(request, flow.action_url(obj, name))
    else:
        done = result if isinstance(result, flow.model) else flow.model._default_manager.get(pk=obj.pk)
        messages.success(request, action.done_message(done))
        if flow.view_permission and not request.user.has_perm(flow.view_permission, done):
            return redirect("home")  # her part is done and the object is no longer hers to open
    return redirect(back)
