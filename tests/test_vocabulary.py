import pytest

from unionportal.models import UnionKind, UnionProfile


@pytest.fixture
def union(db):
    def set_kind(kind):
        UnionProfile(name="测试工会", kind=kind).save()

    return set_kind


@pytest.mark.parametrize(
    ("kind", "words", "absent"),
    [
        (UnionKind.SCHOOL, ["教代会", "校务公开", "教职工名册"], ["职代会", "厂务公开"]),
        (UnionKind.ENTERPRISE, ["职代会", "厂务公开", "职工名册"], ["教代会", "校务公开", "教职工"]),
    ],
)
def test_menu_speaks_the_unions_vocabulary(kind, words, absent, union, client_as):
    union(kind)
    content = client_as("chair").get("/").content.decode()
    for word in words:
        assert word in content
    for word in absent:
        assert word not in content


def test_public_board_title_follows_the_kind(union, client):
    union(UnionKind.ENTERPRISE)
    assert "厂务公开栏" in client.get("/disclosure/").content.decode()


def test_profile_is_a_single_row(db):
    UnionProfile(name="甲", kind=UnionKind.SCHOOL).save()
    UnionProfile(name="乙", kind=UnionKind.ENTERPRISE).save()
    assert UnionProfile.objects.count() == 1
    assert UnionProfile.load().name == "乙"


def test_a_fixed_label_follows_the_kind_inside_a_request_or_job_and_is_the_school_word_outside(union):
    from activities.models import Level
    from unionportal.vocabulary import union_kind_known

    union(UnionKind.ENTERPRISE)
    assert str(Level.SCHOOL.label) == "校级"  # outside: what the migrations hold
    with union_kind_known():
        assert str(Level.SCHOOL.label) == "企业级"
        union(UnionKind.SCHOOL)  # saved within the block: read again
        assert str(Level.SCHOOL.label) == "校级"


def test_an_enterprise_is_not_offered_the_teachers_day(union, client_as):
    union(UnionKind.ENTERPRISE)
    page = client_as("chair").get("/activities/new/").content.decode()
    assert "重阳节退休职工聚餐" in page and "教师节" not in page
    assert not client_as("chair").get("/activities/new/?festival=teachers_day").context["form"].initial.get("festival")
