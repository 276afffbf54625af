from django import forms
from django.utils.translation import gettext_lazy as _

from .models import UnionProfile


class UnionProfileForm(forms.ModelForm):
    class Meta:
        model = UnionProfile
        fields = ["name", "kind", "unit_name", "upper_union", "committee_term", "address", "phone"]
        fields += ["collective_contracts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collective_contracts"].widget.choices = [
            ("unknown", _("按单位类型")),
            ("true", _("签订")),
            ("false", _("不签订")),
        ]


class ActionForm(forms.Form):
    """The form of a workflow button (unionportal.workflow.Action.form): it is given the object and the user."""

    def __init__(self, data=None, *args, obj=None, user=None, **kwargs):
        self.obj, self.user = obj, user
        super().__init__(data, *args, **kwargs)
