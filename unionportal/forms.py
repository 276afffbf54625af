import functools
import html

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import UnionProfile
from .uploads import check_font

FONT_FIELDS = ["font_fang", "font_title", "font_hei", "font_kai", "font_song"]


class UnionProfileForm(forms.ModelForm):
    class Meta:
        model = UnionProfile
        fields = ["name", "kind", "unit_name", "upper_union", "committee_term", "address", "phone"]
        fields += ["collective_contracts", "retirees_pay_dues", *FONT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective_contracts"].widget.choices = [
            ("unknown", _("按单位类型")),
            ("true", _("签订")),
            ("false", _("不签订")),
        ]

    def clean(self):
        cleaned = super().clean()
        for name in FONT_FIELDS:
            upload = cleaned.get(name)
            if upload and hasattr(upload, "content_type"):  # a new upload, not the file kept from before
                try:
                    check_font(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: its cleaned value is a list (empty when none was chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class ActionForm(forms.Form):
    """The form of a workflow button (unionportal.workflow.Action.form): it is given the object and the user."""

    def __init__(self, data=None, *args, obj=None, user=None, **kwargs):
        self.obj, self.user = obj, user
        super().__init__(data, *args, **kwargs)


class PlainSelect(forms.Select):
    """A <select> written out in Python, with the same elements and attributes as Django's. Django renders a
    template per option, which for a filter bar listing 200 union groups costs more than the rest of the page;
    the options are written straight from the choices, without the dict per option Django's optgroups() builds.
    Each select is written once per process for each language, choices, chosen value and attributes: a filter bar
    draws the same few on every request."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = tuple(self.format_value(value))
        choices = tuple(iter(self.choices))  # iter(): tuple() would ask a ModelChoiceIterator's COUNT(*) first
        settings = (name, chosen, _items(self.attrs), _items(attrs or {}), self.allow_multiple_selected, choices)
        try:
            return _cached_select(get_language(), *settings)
        except TypeError:  # something unhashable: grouped options in a list, an attribute's list
            return _select(*settings)


def _items(attrs):
    return tuple(sorted(attrs.items()))


@functools.lru_cache(maxsize=256)
def _cached_select(language, *settings):
    return _select(*settings)


def _select(name, chosen, widget_attrs, attrs, multiple, choices):
    attrs = dict(widget_attrs) | dict(attrs)
    if multiple:
        attrs["multiple"] = True
    chosen = set(chosen)
    parts = [f'<select name="{_escaped(name)}"{_attributes(attrs)}>']
    for option_value, label in choices:
        option_value = "" if option_value is None else option_value
        in_group = isinstance(label, list | tuple)
        if in_group:
            parts.append(format_html('\n  <optgroup label="{}">', option_value))
        for value, text in label if in_group else [(option_value, label)]:
            value = str(value)
            selected = value in chosen
            if selected and not multiple:
                chosen = set()  # as Django's optgroups(): one select marks only the first option of its value
            parts.append(f'\n  <option value="{_escaped(value)}"{" selected" * selected}>{_escaped(text)}</option>')
        if in_group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


class PlainTextInput(forms.TextInput):
    """A text <input> written out in Python as Django's input.html writes it: its attributes in their order, the
    False ones left out, the True ones bare. Drawn through the template engine, a filter bar's search box cost as
    much as two of its selects."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        parts = [f'<input type="{_escaped(self.input_type)}" name="{_escaped(name)}"']
        if value is not None:
            parts.append(f' value="{_escaped(value)}"')
        for attribute, setting in self.build_attrs(self.attrs, attrs).items():
            if setting is True:
                parts.append(f" {_escaped(attribute)}")
            elif setting is not False:
                parts.append(f' {_escaped(attribute)}="{_escaped(setting)}"')
        parts.append(">")
        return mark_safe("".join(parts))


def _escaped(text):
    """conditional_escape without its lazy-string wrappers, which cost more than the escaping itself."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


def _attributes(attrs):
    """flatatt(attrs), the valued attributes and then the boolean ones, each sorted by name, escaped as it escapes
    them but without format_html's lazy-string wrappers: they cost a filter bar's select more than its options."""
    valued = sorted((name, value) for name, value in attrs.items() if value is not None and not isinstance(value, bool))
    flags = sorted(name for name, value in attrs.items() if value is True)
    return "".join(f' {_escaped(name)}="{_escaped(value)}"' for name, value in valued) + "".join(
        f" {_escaped(name)}" for name in flags
    )
