from django import forms

from .models import UnionProfile


class UnionProfileForm(forms.ModelForm):
    class Meta:
        model = UnionProfile
        fields = ["name", "kind", "unit_name", "upper_union", "committee_term", "address", "phone"]
