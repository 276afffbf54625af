"""The demo union's profile and its logins; members.demo creates the people behind them."""

from .models import UnionKind, UnionProfile
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


def load(stdout):
    UnionProfile(
        name="青山市实验中学工会委员会",
        kind=UnionKind.SCHOOL,
        unit_name="青山市实验中学",
        upper_union="青山市教育工会",
        committee_term="第六届",
        address="青山市文昌路18号",
        phone="0571-8800 1234",
    ).save()
    stdout.write("工会信息已就绪")
