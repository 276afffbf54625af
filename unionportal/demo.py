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
