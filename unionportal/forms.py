from django import forms
from django.core.exceptions import ValidationError
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
