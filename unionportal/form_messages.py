"""Every form error in plain Chinese that names the field: "请填写姓名", "标题不能超过200字（现在10000字）",
"第4届已存在". Django's own messages name no field ("这个字段是必填项", "确保该变量包含不超过 200 字符").

One home for all forms: ``install()`` (from the app's ready) makes every form, as it validates, replace the
messages still at Django's defaults with these; a message a form sets itself is kept. The model's unique
check gets the same treatment, with the value that is taken.
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

CHOSEN = (forms.ChoiceField, forms.ModelChoiceField, forms.FileField, forms.BooleanField)


def _label(field, name):
    label = str(field.label if field.label is not None else capfirst(name.replace("_", " ")))
    # a full-width ％, so that the label passes unharmed through the %-formatting of a message's params
    return label.rstrip("：:*").replace("%", "％")


def _invalid(kind, label):
    if issubclass(kind, forms.DateTimeField):
        return _("%(label)s不是有效的日期时间，请按 2026-01-31 08:30 的格式填写。") % {"label": label}
    if issubclass(kind, forms.DateField):
        return _("%(label)s不是有效的日期，请按 2026-01-31 的格式填写。") % {"label": label}
    if issubclass(kind, forms.TimeField):
        return _("%(label)s不是有效的时间，请按 08:30 的格式填写。") % {"label": label}
    if issubclass(kind, forms.IntegerField) and not issubclass(kind, forms.DecimalField | forms.FloatField):
        return _("%(label)s请填写整数。") % {"label": label}
    if issubclass(kind, forms.DecimalField | forms.FloatField):
        return _("%(label)s请填写数字。") % {"label": label}
    if issubclass(kind, forms.EmailField):
        return _("%(label)s不是有效的电子邮箱地址。") % {"label": label}
    if issubclass(kind, forms.URLField):
        return _("%(label)s不是有效的网址。") % {"label": label}
    if issubclass(kind, forms.FileField):
        return _("%(label)s：没有收到文件，请检查表单的编码方式。") % {"label": label}
    return _("%(label)s的格式不对，请检查后重新填写。") % {"label": label}


def messages_for(field, label):
    """The Chinese message of every error code the field may raise, each naming ``label``."""
    return dict(_messages(type(field), label, get_language()))


# every form validation names each of its fields, 17 translated messages a field: the same few fields over and over
@functools.lru_cache(maxsize=2048)
def _messages(kind, label, language):
    if issubclass(kind, forms.BooleanField):
        required = _("请勾选%(label)s。")
    elif issubclass(kind, CHOSEN):
        required = _("请选择%(label)s。")
    else:
        required = _("请填写%(label)s。")
    messages = {
        "required": required % {"label": label},
        "invalid": _invalid(kind, label),
        "max_length": _("%(label)s不能超过%%(limit_value)d字（现在%%(show_value)d字）。") % {"label": label},
        "min_length": _("%(label)s至少要%%(limit_value)d字（现在%%(show_value)d字）。") % {"label": label},
        "max_value": _("%(label)s不能大于%%(limit_value)s。") % {"label": label},
        "min_value": _("%(label)s不能小于%%(limit_value)s。") % {"label": label},
        "step_size": _("%(label)s须是%%(limit_value)s的整数倍。") % {"label": label},
        "max_digits": _("%(label)s最多%%(max)s位数字。") % {"label": label},
        "max_decimal_places": _("%(label)s最多%%(max)s位小数。") % {"label": label},
        "max_whole_digits": _("%(label)s的整数部分最多%%(max)s位。") % {"label": label},
        "invalid_choice": _("%(label)s：“%%(value)s”不在可选范围内，请重新选择。") % {"label": label},
        "invalid_list": _("%(label)s：请选择一项或多项。") % {"label": label},
        "invalid_pk_value": _("%(label)s：“%%(pk)s”不在可选范围内，请重新选择。") % {"label": label},
        "missing": _("%(label)s：没有收到文件，请重新选择。") % {"label": label},
        "empty": _("%(label)s：上传的文件是空的。") % {"label": label},
        "contradiction": _("%(label)s：请上传新文件或勾选清除，不要同时进行。") % {"label": label},
        "invalid_image": _("%(label)s：请上传图片文件，该文件不是图片或已损坏。") % {"label": label},
        "overflow": _("%(label)s超出了可以填写的范围。") % {"label": label},
    }
    if issubclass(kind, forms.FileField):
        messages["max_length"] = _("%(label)s的文件名不能超过%%(max)d字（现在%%(length)d字）。") % {"label": label}
    return messages


def _django_defaults(field):
    defaults = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    return defaults


def name_the_fields(form):
    """Give each field of ``form`` the Chinese messages for the codes still at Django's default."""
    for name, field in form.fields.items():
        defaults = _django_defaults(field)
        chinese = messages_for(field, _label(field, name))
        if "invalid" not in defaults and not isinstance(field, forms.EmailField | forms.URLField):
            # the code is a validator's own (a RegexValidator's "请填写11位手机号"): its message stands
            del chinese["invalid"]
        for code, message in chinese.items():
            current = field.error_messages.get(code)
            if code in defaults and current is defaults[code]:
                field.error_messages[code] = message
            elif current is None and code != "invalid":  # a validator's own "invalid" (the phone's) says more
                field.error_messages[code] = message


def unique_error_message(self, model_class, unique_check):
    """A unique value already taken, in Chinese with the value: 姓名“王芳”已存在。"""
    opts = model_class._meta
    fields = [opts.get_field(name) for name in unique_check]
    labels = "、".join(str(capfirst(field.verbose_name)) for field in fields)
    # a foreign key is named by what it points to (第四届), not by its id
    values = "、".join(str(getattr(self, field.name if field.is_relation else field.attname)) for field in fields)
    if len(fields) == 1 and fields[0].error_messages["unique"] is not models.Field.default_error_messages["unique"]:
        message = fields[0].error_messages["unique"]  # a model's own wording stays
    elif len(fields) == 1:
        message = _("%(field_label)s“%(value)s”已存在，不能重复。")
    else:
        message = _("已有一条%(field_labels)s相同（%(value)s）的%(model_name)s，不能重复。")
    params = {
        "model": self,
        "model_class": model_class,
        "model_name": capfirst(opts.verbose_name),
        "unique_check": unique_check,
        "field_label": labels,
        "field_labels": labels,
        "value": values,
    }
    return ValidationError(message=message, code="unique" if len(fields) == 1 else "unique_together", params=params)


def install():
    full_clean = forms.BaseForm.full_clean

    # at validation, not construction: a form that sets a label in its own __init__ after the base class
    # (AuthenticationForm names its username field so) is named by that label
    def named_full_clean(form):
        name_the_fields(form)
        full_clean(form)

    forms.BaseForm.full_clean = named_full_clean
    models.Model.unique_error_message = unique_error_message
