from unionportal.models import UnionKind, UnionProfile


def test_chair_switches_the_union_to_enterprise_and_the_words_follow(client_as):
    client = client_as("chair")
    response = client.post(
        "/profile/", {"name": "红旗机械厂工会委员会", "kind": UnionKind.ENTERPRISE, "upper_union": "市总工会"}
    )
    assert response.status_code == 302
    assert UnionProfile.load().kind == UnionKind.ENTERPRISE
    content = client.get("/").content.decode()
    assert "职代会" in content
    assert "教代会" not in content


def test_switching_the_kind_loads_its_disclosure_categories_and_back(client_as):
    from disclosure.models import Category
    from disclosure.selectors import categories

    client = client_as("chair")
    client.post("/profile/", {"name": "红旗机械厂工会委员会", "kind": UnionKind.ENTERPRISE})
    assert categories().count() == 7
    enterprise = client.get("/disclosure/").content.decode()
    assert "福利费用" in enterprise and "招待费开支" not in enterprise
    client.post("/profile/", {"name": "红旗机械厂工会委员会", "kind": UnionKind.SCHOOL})
    assert categories().count() == 17
    assert Category.objects.filter(kind=UnionKind.ENTERPRISE).count() == 7  # kept for a switch back


def test_profile_without_a_name_is_refused_and_keeps_what_was_typed(client_as):
    response = client_as("chair").post("/profile/", {"name": "", "kind": UnionKind.SCHOOL, "upper_union": "区教育工会"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "请填写工会名称。" in content
    assert 'value="区教育工会"' in content


def test_unknown_kind_is_refused(client_as):
    response = client_as("chair").post("/profile/", {"name": "某工会", "kind": "farm"})
    assert "单位类型：“farm”不在可选范围内，请重新选择。" in response.content.decode()


def test_load_reads_the_saved_profile_with_each_fields_type_or_a_default_before_the_first(db):
    UnionProfile.objects.all().delete()
    assert UnionProfile.load().name == "基层工会" and UnionProfile.load()._state.adding
    UnionProfile.objects.create(name="某厂工会", kind="enterprise", collective_contracts=False, retirees_pay_dues=True)
    profile = UnionProfile.load()
    assert (profile.pk, profile.name, profile.kind) == (1, "某厂工会", "enterprise")
    assert profile.collective_contracts is False and profile.retirees_pay_dues is True and not profile._state.adding
