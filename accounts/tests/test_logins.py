import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import logins
from accounts.models import AccessCode
from members import services as member_services
from members.models import Member

STRONG = "Qingshan-2026!"


def person(name, **fields):
    fields.setdefault("gender", Member.Gender.FEMALE)
    return Member.objects.create(name=name, **fields)


def opened_with_code(name="李强", **fields):
    member = person(name, **fields)
    logins.open_logins(members=[member], actor=None)
    member.refresh_from_db()
    code = logins.issue_codes(users=[member.user], purpose=AccessCode.Purpose.ACTIVATION, actor=None)[member.user.pk]
    return member, code


def test_logins_from_pinyin_get_a_number_when_the_name_is_taken(db):
    User.objects.create_user("zhangwei")
    first, second = person("张伟"), person("张伟")
    opened = logins.open_logins(members=[first, second], actor=None)
    assert sorted(row.username for row in opened) == ["zhangwei2", "zhangwei3"]
    assert all(row.renamed_from == "zhangwei" for row in opened)
    assert not User.objects.get(username="zhangwei2").has_usable_password()


def test_a_batch_with_someone_not_in_service_opens_no_login_at_all(db):
    retired = person("退休者", status=Member.Status.RETIRED)
    with pytest.raises(ValidationError, match="以下人员不在职.*退休者"):
        logins.open_logins(members=[person("在职者"), retired], actor=None)
    assert not User.objects.exists()


def test_phone_logins_refuse_the_batch_when_a_phone_is_missing_or_shared(db):
    with pytest.raises(ValidationError, match="没有手机号.*无号"):
        logins.open_logins(members=[person("有号", phone="13800000001"), person("无号")], actor=None, source="phone")
    with pytest.raises(ValidationError, match="彼此重复.*甲"):
        logins.open_logins(
            members=[person("甲", phone="13800000002"), person("乙", phone="13800000002")], actor=None, source="phone"
        )
    assert not User.objects.exists()


def test_only_a_hash_of_the_code_is_stored(db):
    member, code = opened_with_code()
    stored = AccessCode.objects.get()
    assert code not in stored.code_hash and code.replace("-", "") not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_a_code_sets_the_password_once(db):
    member, code = opened_with_code()
    logins.set_password_with_code(username=member.user.username, code=code.lower(), password=STRONG)
    member.user.refresh_from_db()
    assert member.user.check_password(STRONG)
    with pytest.raises(ValidationError, match="已经用过了"):
        logins.set_password_with_code(username=member.user.username, code=code, password=STRONG + "x")


def test_an_expired_code_says_when_it_expired(db):
    member, code = opened_with_code()
    AccessCode.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="过期"):
        logins.set_password_with_code(username=member.user.username, code=code, password=STRONG)
    assert not User.objects.get(pk=member.user.pk).has_usable_password()


def test_a_newer_code_voids_the_older_slip(db):
    member, old = opened_with_code()
    logins.issue_codes(users=[member.user], purpose=AccessCode.Purpose.ACTIVATION, actor=None)
    with pytest.raises(ValidationError, match="已作废"):
        logins.set_password_with_code(username=member.user.username, code=old, password=STRONG)


def test_five_wrong_codes_void_the_live_one(db):
    member, code = opened_with_code()
    for _ in range(AccessCode.MAX_FAILED_ATTEMPTS):
        with pytest.raises(ValidationError, match="登录名或验证码不正确"):
            logins.set_password_with_code(username=member.user.username, code="AAAA-AAAA", password=STRONG)
    with pytest.raises(ValidationError, match="已作废"):
        logins.set_password_with_code(username=member.user.username, code=code, password=STRONG)


def test_a_weak_password_is_refused_in_chinese_and_the_code_stays_usable(db):
    member, code = opened_with_code()
    for weak in ("12345678", "abc", member.user.username):
        with pytest.raises(ValidationError) as refused:
            logins.set_password_with_code(username=member.user.username, code=code, password=weak)
        assert "password" in refused.value.message_dict
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in refused.value.message_dict["password"])
    logins.set_password_with_code(username=member.user.username, code=code, password=STRONG)


def test_an_unknown_login_says_the_same_as_a_wrong_code(db):
    with pytest.raises(ValidationError, match="登录名或验证码不正确"):
        logins.set_password_with_code(username="nobody", code="AAAA-AAAA", password=STRONG)


def test_leaving_closes_the_login_and_rejoining_service_can_reopen_it(db):
    member, code = opened_with_code()
    member_services.transfer_out(member=member, on=timezone.localdate(), to_union="外单位工会")
    member.refresh_from_db()
    assert not member.user.is_active
    with pytest.raises(ValidationError, match="已停用"):
        logins.set_password_with_code(username=member.user.username, code=code, password=STRONG)
    with pytest.raises(ValidationError, match="调出.*不能启用账号"):
        logins.reopen_login(member=member, actor=None)
    member_services.transfer_in(member=member, on=timezone.localdate(), from_union="外单位工会")
    member.refresh_from_db()
    logins.reopen_login(member=member, actor=None)
    assert User.objects.get(pk=member.user_id).is_active
    assert member.history.count() > 1  # the record and its history stay


@pytest.mark.parametrize("event", ["retire", "record_death"])
def test_retiring_or_dying_closes_the_login(db, event):
    member, _code = opened_with_code()
    getattr(member_services, event)(member=member, on=timezone.localdate())
    assert not User.objects.get(pk=member.user_id).is_active


def test_the_last_chair_login_cannot_be_closed(db):
    from django.contrib.auth.models import Group

    member, _code = opened_with_code()
    member.user.groups.add(Group.objects.get(name="chair"))
    with pytest.raises(ValidationError, match="唯一的主席"):
        logins.close_login(member=member, actor=None)


def test_a_login_already_linked_is_not_linked_twice(db):
    member, _code = opened_with_code()
    with pytest.raises(ValidationError, match="已有登录账号"):
        logins.link_login(user=User.objects.create_user("it"), member=member, actor=None)
    with pytest.raises(ValidationError, match="已关联"):
        logins.link_login(user=member.user, member=person("别人"), actor=None)
