from django import forms

from .models import UnionProfile


class UnionProfileForm(forms.ModelForm):
    class Meta:
        model = UnionProfile
        fields = ["name", "kind", "unit_name", "upper_union", "committee_term", "address", "phone"]


class ActionForm(forms.Form):
    """The form of a workflow button (unionportal.workflow.Action.form): it is given the object and the user."""

    def __init__(self, data=None, *args, obj=None, user=None, **kwargs):
        self.obj, self.user = obj, user
        super().__init__(data, *args, **kwargs)
