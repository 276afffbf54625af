"""Forms of the org tree, the committees and the yearly registration."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import DATE_WIDGET
from .models import Branch, Committee, CommitteeSeat, CommitteeTerm, Member, UnionGroup
from .registration import years_open_to_freeze


class BranchForm(forms.ModelForm):
    class Meta:
        model = Branch
        fields = ["name", "leader"]
        error_messages = {
            "name": {"required": _("请填写分会名称。"), "unique": _("已有同名分会。")},
            "leader": {"invalid_choice": _("分会主席须是本分会所属小组的会员。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = (
            Member.objects.filter(union_group__branch=self.instance) if self.instance.pk else Member.objects.none()
        )
        self.fields["leader"].queryset = members.filter(is_union_member=True).order_by("name_pinyin")
        self.fields["leader"].help_text = _("从本分会各小组的会员中选择；新建分会请先建好分会、把小组归入后再设。")


class UnionGroupForm(forms.ModelForm):
    class Meta:
        model = UnionGroup
        fields = ["name", "branch", "leader", "for_retirees", "sort_order"]
        error_messages = {
            "name": {"required": _("请填写小组名称。"), "unique": _("已有同名小组。")},
            "leader": {"invalid_choice": _("组长须是本小组的会员。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].empty_label = _("（直属工会，无分会）")
        members = Member.objects.filter(union_group_id=self.instance.pk, is_union_member=True)
        self.fields["leader"].queryset = members.order_by("name_pinyin") if self.instance.pk else members.none()
        self.fields["leader"].help_text = _("从本小组的会员中选择；新建小组请先调入成员后再设组长。")


class DissolveGroupForm(forms.Form):
    on = forms.DateField(
        label=_("撤销日期"),
        widget=DATE_WIDGET,
        error_messages={"required": _("请填写撤销日期。"), "invalid": _("撤销日期格式不对。")},
    )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("撤销日期不能晚于今天。"))
        return on


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "quorum", "sort_order"]
        error_messages = {"name": {"required": _("请填写委员会名称。"), "unique": _("已有同名委员会。")}}


class CommitteeTermForm(forms.ModelForm):
    class Meta:
        model = CommitteeTerm
        fields = ["number", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}
        error_messages = {
            "number": {"required": _("请填写届次。")},
            "starts_on": {"required": _("请填写任期开始日期。")},
        }
        help_texts = {"ends_on": _("任期届满日期；尚未确定可留空。")}


class CommitteeSeatForm(forms.ModelForm):
    class Meta:
        model = CommitteeSeat
        fields = ["post", "member", "sort_order"]
        error_messages = {"post": {"required": _("请填写职务。")}, "member": {"required": _("请选择成员。")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(status=Member.Status.ACTIVE).order_by("name_pinyin")
        self.fields["post"].widget.attrs["list"] = "common-posts"
        self.fields["post"].help_text = _("如 主席、副主席、主任、委员；主席、主任、组长每届只有一人。")


class FreezeForm(forms.Form):
    year = forms.TypedChoiceField(label=_("登记年度"), coerce=int)
    confirm = forms.BooleanField(
        label=_("我已核对各小组的组长和成员，登记后该年度不可更改。"),
        error_messages={"required": _("请先勾选确认。")},
    )

    def __init__(self, *args, frozen_years=(), **kwargs):
        super().__init__(*args, **kwargs)
        years = [year for year in years_open_to_freeze() if year not in frozen_years]
        self.fields["year"].choices = [(year, _("%(year)s年") % {"year": year}) for year in years]
        self.fields["year"].initial = timezone.localdate().year
