import pytest

# role → menu entries it must see, and entries it must not.
EXPECTED_MENU = {
    "chair": (["教职工名册", "帮扶工作台", "校务公开栏", "工会信息", "账号管理", "角色分工"], []),
    "staff": (["教职工名册", "校务公开栏", "账号管理"], ["帮扶工作台", "角色分工"]),
    "welfare": (["教职工名册", "帮扶工作台"], []),
    "auditor": (["帮扶工作台"], ["教职工名册"]),
    "member": (["我的档案", "校务公开栏", "活动"], ["教职工名册", "帮扶工作台"]),
    "delegate": (["我的档案"], ["教职工名册", "帮扶工作台"]),
    "handler": (["我的档案"], ["教职工名册", "帮扶工作台"]),
}


@pytest.mark.parametrize("role", EXPECTED_MENU)
def test_each_role_sees_only_the_menu_it_can_use(role, client_as):
    content = client_as(role).get("/").content.decode()
    shown, hidden = EXPECTED_MENU[role]
    for label in shown:
        assert label in content
    for label in hidden:
        assert label not in content


def test_visitor_menu_has_only_the_public_board(client, db):
    content = client.get("/disclosure/").content.decode()
    assert "校务公开栏" in content
    assert "教职工名册" not in content
    assert "我的档案" not in content


def test_english_is_available(client_as):
    client = client_as("member")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    content = client.get("/").content.decode()
    assert "Dashboard" in content
    assert '<html lang="en">' in content


def test_the_menus_permission_test_answers_as_has_perm(users, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    from unionportal.navigation import _drawn
    from unionportal.permission_backend import permission_test

    root = django_user_model.objects.create_superuser("root", password="union2026")
    inactive_root = django_user_model.objects.create_superuser("old-root", password="union2026", is_active=False)
    permissions = _drawn("school", "zh-hans", "unionportal.urls", "/").permissions
    for user in [*users.values(), root, inactive_root, AnonymousUser()]:
        may = permission_test(user)
        assert [may(permission) for permission in permissions] == [user.has_perm(p) for p in permissions], user


def test_the_menu_marks_the_page_it_is_on(client_as):
    client = client_as("member")
    assert 'class="dropdown-item active" href="/members/org/"' in client.get("/members/org/").content.decode()
    assert "dropdown-item active" not in client.get("/").content.decode()


def test_the_menu_asks_nothing_the_page_has_asked_through_request_user(users, django_assert_num_queries):
    from django.contrib.auth.models import User
    from django.utils.functional import SimpleLazyObject

    from unionportal.permission_backend import permission_test

    user = SimpleLazyObject(lambda: User.objects.get(pk=users["member"].pk))  # as request.user
    assert not user.has_perm("disclosure.view_work")  # the view's check: roles and the 公开领导小组 seat
    with django_assert_num_queries(0):
        assert not permission_test(user)("disclosure.view_work")


def test_permissions_granted_by_one_rule_test_it_once(users):
    import rules

    from unionportal.permission_backend import permission_test

    asked = []

    @rules.predicate
    def counted(user):
        asked.append(user)
        return True

    rules.add_perm("tests.first", counted)
    rules.add_perm("tests.second", counted)
    try:
        may = permission_test(users["member"])
        assert may("tests.first") and may("tests.second") and not may("tests.unknown")
        assert len(asked) == 1
    finally:
        rules.remove_perm("tests.first")
        rules.remove_perm("tests.second")
