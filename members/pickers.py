"""Person pickers: a search box (name, pinyin initials or phone ending) in place of a long select, each
person labelled with the department, and the phone ending where name and department still tie."""

from django import forms
from django.db.models import Count
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .models import Member

S = Member.Status
# Who each picker may offer; the form field's queryset is the same scope, so the search offers only
# people the form accepts.
SCOPES = {
    "all": {},
    "active": {"status": S.ACTIVE},
    "current": {"status__in": [S.ACTIVE, S.RETIRED]},
    "not_transferred": {"status__in": [S.ACTIVE, S.RETIRED, S.DECEASED]},
    "union_members": {"status": S.ACTIVE, "is_union_member": True},
}
LIMIT = 20


def scoped(scope):
    return Member.objects.filter(**SCOPES[scope])


def labels(members):
    """pk → "姓名（部门）", with "尾号1234" where another person of the roster has the same name and department."""
    members = list(members)
    ties = set(
        Member.objects.filter(name__in={m.name for m in members})
        .values_list("name", "department_id")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values_list("name", "department_id")
    )
    result = {}
    for member in members:
        label = f"{member.name}（{member.department}）" if member.department_id else member.name
        if (member.name, member.department_id) in ties:
            label += _(" 尾号%(tail)s") % {"tail": member.phone[-4:]} if member.phone else _(" 无手机号")
        result[member.pk] = label
    return result


def search(text, scope):
    """Up to ``LIMIT`` people of the scope found by the roster search, labelled."""
    text = text.strip()
    if not text or scope not in SCOPES:
        return []
    found = list(selectors.roster(search=text).filter(**SCOPES[scope])[:LIMIT])
    names = labels(found)
    return [{"id": member.pk, "label": names[member.pk]} for member in found]


class PersonPicker(forms.Select):
    """Renders only the people chosen; the search box (static/js/person_picker.js) adds the others."""

    template_name = "members/widgets/person_picker.html"
    search_url = reverse_lazy("members:pick")

    def __init__(self, scope="all", multiple=False, attrs=None):
        super().__init__(attrs)
        self.scope, self.allow_multiple_selected = scope, multiple

    def optgroups(self, name, value, attrs=None):
        chosen = list(scoped(self.scope).select_related("department").filter(pk__in=[v for v in value if v.isdigit()]))
        names = labels(chosen)
        return [(None, [self.create_option(name, m.pk, names[m.pk], True, i)], i) for i, m in enumerate(chosen)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "url": self.search_url,
            "scope": self.scope,
            "placeholder": _("输入姓名、拼音首字母或手机尾号"),
            "multiple": self.allow_multiple_selected,
            # crispy marks a field in error by adding is-invalid to the widget's class; Bootstrap shows the error
            # that follows only after an is-invalid element, so the picker carries the mark itself
            "invalid": "is-invalid" in str(context["widget"]["attrs"].get("class", "")).split(),
            "described_by": context["widget"]["attrs"].get("aria-describedby", ""),
        }
        if context["picker"]["invalid"]:
            context["picker"]["typed"] = self._refused_names(context["widget"]["value"])
        return context

    def _refused_names(self, value):
        """The names of the people sent but outside the scope (optgroups leaves them out): they stay in the search
        box of a refused form, so what was picked is not silently lost."""
        chosen = [pk for pk in value if str(pk).isdigit()]
        if not chosen:
            return ""
        refused = Member.objects.filter(pk__in=chosen).exclude(pk__in=scoped(self.scope).values("pk"))
        return "、".join(refused.values_list("name", flat=True))


class PersonField(forms.ModelChoiceField):
    """One person of ``scope``, picked by search; one outside it is refused by name and status, unless the form
    words the refusal itself (``error_messages["invalid_choice"]``: who else is left out, and why)."""

    def __init__(self, *, scope="all", **kwargs):
        kwargs.setdefault("error_messages", {})
        self.names_refused = "invalid_choice" not in kwargs["error_messages"]
        kwargs["error_messages"].setdefault("invalid_choice", gettext_lazy("所选人员不在可选范围内，请重新选择。"))
        super().__init__(queryset=scoped(scope), widget=PersonPicker(scope), **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice" or not self.names_refused or not str(value).isdigit():
                raise
            person = Member.objects.filter(pk=value).first()
            if person is None:
                raise
            message = _("%(label)s：%(name)s（%(status)s）不在可选范围内，请重新选择。") % {
                "label": self.label,
                "name": person.name,
                "status": person.get_status_display(),
            }
            raise forms.ValidationError(message, code="invalid_choice") from None


class PeopleField(forms.ModelMultipleChoiceField):
    """Several people of ``scope``, picked by search one after another."""

    def __init__(self, *, scope="all", **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid_choice", gettext_lazy("所选人员不在可选范围内，请重新选择。"))
        super().__init__(queryset=scoped(scope), widget=PersonPicker(scope, multiple=True), **kwargs)
