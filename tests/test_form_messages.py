"""Every form of the portal, fed empty and bad input, answers in plain Chinese naming the field: never one
of Django's own messages (这个字段是必填项, 确保该变量…, 具有 … 的 … 已存在, Enter a valid …)."""

import importlib
import inspect
import re

import pytest
from django import forms
from django.utils.datastructures import MultiValueDict

from congress.models import CongressTerm, Proposal, Suggestion
from congress.tests.factories import make_member, make_session, make_term
from members.models import Member
from unionportal.form_messages import messages_for
from unionportal.forms import ActionForm

pytestmark = pytest.mark.django_db

MODULES = [
    "activities.forms", "congress.forms", "disclosure.forms", "members.forms", "members.org_forms", "welfare.forms",
    "unionportal.forms", "unionportal.documents.forms",
]  # fmt: skip
DJANGO_WORDING = re.compile(
    r"变量|该值|具有.*的|这个字段|字段是必填|Enter a|Ensure this|This field|Select a valid|is not"
)


def portal_forms():
    for module in MODULES:
        importlib.import_module(module)
    found, queue = set(), [forms.BaseForm]
    while queue:
        for form in queue.pop().__subclasses__():
            queue.append(form)
            if form.__module__ in MODULES:  # whatever else happens to be imported would make the run order-dependent
                found.add(form)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


@pytest.fixture
def arguments(users):
    from activities.tests.factories import make_event

    term = make_term()
    session = make_session(term)
    proposal = Proposal.objects.create(session=session, proposer=make_member(), title="食堂", content="理由")
    suggestion = Suggestion.objects.create(title="食堂", content="理由", submitted_on=session.starts_on)
    return {
        "sessions": congress_sessions(),
        "delegates": Member.objects.all(),
        "proposal": proposal,
        "session": session,
        "term": term,
        "user": users["staff"],
        "event": make_event(),
        "on_behalf": True,
        "groups": None,
        "frozen_years": (),
        # the object a workflow button's form acts on: by the form's name, else by its app
        "objects": {"congress": proposal, "AnswerForm": suggestion, "RaiseForm": suggestion},
    }


def congress_sessions():
    from congress.models import Session

    return Session.objects.all()


def build(form_class, arguments, data):
    needed = {
        name: arguments[name]
        for name, parameter in inspect.signature(form_class.__init__).parameters.items()
        if parameter.kind == parameter.KEYWORD_ONLY and name in arguments
    }
    if issubclass(form_class, ActionForm):  # a workflow button's form is given the object it acts on
        objects = arguments["objects"]
        obj = objects.get(form_class.__name__, objects.get(form_class.__module__.split(".")[0]))
        needed |= {"obj": obj, "user": arguments["user"]}
    return form_class(data=data, **needed)


def bad_values(field):
    if isinstance(field, forms.BooleanField | forms.FileField):
        return None
    if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField | forms.URLField):
        return ["字" * 10000]
    return ["abc"]


def error_texts(form):
    return [(name, message) for name, errors in form.errors.items() for message in errors]


def test_every_portal_form_is_found():
    assert len(portal_forms()) >= 67  # every form class of the apps' forms modules


def test_every_form_answers_empty_and_bad_input_in_chinese_naming_the_field(arguments):
    checked = 0
    for form_class in portal_forms():
        fields = build(form_class, arguments, None).fields
        bad = MultiValueDict({name: bad_values(field) for name, field in fields.items() if bad_values(field)})
        numbers = MultiValueDict(
            {
                name: ["-123456789012345.123456"]
                for name, field in fields.items()
                if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField)
            }
        )
        for data in (MultiValueDict(), bad, numbers):
            form = build(form_class, arguments, data)
            form.is_valid()
            for name, message in error_texts(form):
                assert not DJANGO_WORDING.search(message), f"{form_class.__name__}.{name}: {message}"
            checked += 1
    assert checked == 3 * len(portal_forms())


def test_messages_name_the_field_and_the_numbers():
    from congress.forms import ProposalForm

    form = ProposalForm(data={"title": "字" * 10000}, sessions=congress_sessions(), delegates=Member.objects.none())
    form.is_valid()
    assert form.errors["title"] == ["案由不能超过200字（现在10000字）。"]
    assert "请填写理由及建议。" in form.errors["content"]
    assert (
        messages_for(forms.DateField(), "出生日期")["invalid"] == "出生日期不是有效的日期，请按 2026-01-31 的格式填写。"
    )


def test_a_taken_unique_value_is_named_with_the_value():
    from congress.forms import TermForm

    make_term(number=4)
    form = TermForm(data={"number": 4, "start_year": 2024, "end_year": 2028})
    form.is_valid()
    assert form.errors["number"] == ["第4届已存在。"]
    assert CongressTerm.objects.count() == 1


def test_a_taken_session_number_is_named_as_the_congress_names_it():
    from congress.forms import SessionForm

    term = make_term(number=4)
    make_session(term, number=2)
    form = SessionForm(data={"term": term.pk, "number": 2, "starts_on": "2026-12-01", "ends_on": "2026-12-02"})
    assert not form.is_valid()
    assert form.errors["number"] == ["第四届已有第2次会议。"]


def test_a_taken_pair_names_the_object_a_foreign_key_points_to_not_its_id():
    from congress.models import Session

    term = make_term(number=4)
    error = Session(term=term, number=2).unique_error_message(Session, ("term", "number"))
    message = error.message % error.params
    assert str(term) in message and f"{term.pk}、" not in message, message


def test_a_message_a_form_sets_itself_is_kept():
    from members.forms import MemberForm

    assert MemberForm().fields["name"].error_messages["required"] == "请填写姓名。"
    assert MemberForm().fields["id_number"].error_messages["unique"] == "该身份证号已在名册中，请勿重复录入。"
