from django.utils import translation

from members.forms import MemberForm


def test_empty_choice_of_a_select_is_chinese_and_translated(db):
    with translation.override("zh-hans"):
        assert '<option value="" selected>请选择</option>' in str(MemberForm()["union_group"])
    with translation.override("en"):
        assert "请选择" not in str(MemberForm()["union_group"])
