"""The demo union's profile and its logins; members.demo creates the people behind them."""

from django.db.models import F, OuterRef, Subquery

from .models import UnionKind, UnionProfile
from .notices import Notice
from .roles import Role

PASSWORD = "union2026"

# username → roles held. Every demo user is also a member (会员).
LOGINS = {
    "chair": [Role.CHAIR, Role.DELEGATE],
    "staff": [Role.STAFF, Role.DELEGATE],
    "welfare": [Role.WELFARE],
    "delegate": [Role.DELEGATE],
    "delegate2": [Role.DELEGATE],
    "handler": [Role.HANDLER],
    "member": [],
    "auditor": [Role.AUDITOR],
    "accountant": [Role.ACCOUNTANT],
}


PROFILES = {
    UnionKind.SCHOOL: {
        "name": "青山市实验中学工会委员会",
        "unit_name": "青山市实验中学",
        "upper_union": "青山市教育工会",
        "address": "青山市文昌路18号",
        "phone": "0571-8800 1234",
    },
    # ``load_demo --kind enterprise``: the same people as a company union (职代会, 厂务公开, 集体合同).
    UnionKind.ENTERPRISE: {
        "name": "青山精密机械有限公司工会委员会",
        "unit_name": "青山精密机械有限公司",
        "upper_union": "青山市总工会",
        "address": "青山市工业园区创业路66号",
        "phone": "0571-8800 5678",
    },
}


# The demo's rows are written once, in a school's words; an enterprise demo reads them in a company's. Longer
# phrases first, as "教职工" is inside "女教职工".
COMPANY_WORDS = [
    ("师德师风专题讲座讲课费", "安全生产专题讲座讲课费"),
    ("青山市教育学院", "青山市安全生产培训中心"),
    ("教师节表彰暨庆祝大会", "劳模表彰暨庆祝大会"),
    ("优秀教育工作者", "优秀管理者"),
    ("师德征文比赛", "安全生产征文比赛"),
    ("师德标兵", "岗位能手"),
    ("优秀班主任", "优秀班组长"),
    ("优秀教师", "优秀员工"),
    ("退休教师", "退休职工"),
    ("新教师", "新员工"),
    ("家庭教育", "家庭关系"),
    ("青山市教育工会", "青山市总工会"),
    ("区教育工会", "区总工会"),
    ("本校工会", "本会"),
    ("学校行政补助", "公司行政补助"),
    ("学校体育馆", "公司体育馆"),
    ("学术报告厅", "公司报告厅"),
    ("校门口", "公司大门"),
    ("教工之家", "职工之家"),
    ("学区", "园区"),
    ("教职工", "职工"),
    ("教代会", "职代会"),
    ("寒假", "年度"),
    ("青教工〔", "青总工〔"),
]


def in_union_words(text: str) -> str:
    """``text`` as the demo union says it: a company's words for a school's when it is an enterprise."""
    if UnionProfile.load().kind != UnionKind.ENTERPRISE:
        return text
    for school, company in COMPANY_WORDS:
        text = text.replace(school, company)
    return text


def load(stdout, kind=UnionKind.SCHOOL):
    UnionProfile(kind=kind, committee_term="第六届", **PROFILES[kind]).save()
    stdout.write("工会信息已就绪")


UNREAD_KEPT = 5


def settle_notices(stdout):
    """Each login starts with its few newest notices unread, not one per demo row loaded before it: the older
    ones are marked read as of when they were sent, as a person who has used the portal would have them."""
    newest = Notice.objects.filter(recipient=OuterRef("recipient")).order_by("-created_at", "-pk")
    kept_from = Subquery(newest.values("created_at")[UNREAD_KEPT - 1 : UNREAD_KEPT])
    settled = (
        Notice.objects.filter(read_at__isnull=True)
        .annotate(kept_from=kept_from)
        .filter(created_at__lt=F("kept_from"))
        .update(read_at=F("created_at"))
    )
    stdout.write(f"演示通知：较早的{settled}条已标为已读，每人保留最新{UNREAD_KEPT}条未读")
