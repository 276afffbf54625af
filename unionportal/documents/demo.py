"""The chair's narrative for the demo year's annual report; get_or_create keeps the chair's own edits."""

from django.utils import timezone

from .models import AnnualReport

OPENING = (
    "一年来，在学校党支部和上级工会的领导下，校工会紧紧围绕学校中心工作，"
    "履行维护、参与、建设、教育四项职能，团结带领全体教职工为学校发展建功立业。\n"
    "现将一年来的工作汇报如下。"
)
PROBLEMS = """工会经费有限，困难教职工帮扶标准仍然偏低。
部分青年教职工参与工会活动的积极性不高。
教代会提案办理的跟踪反馈还不够及时。"""
PLANS = """完善困难教职工档案动态管理，争取上级补助和行政支持，提高帮扶标准。
丰富文体活动形式，多开展青年教职工喜欢的小型多样活动。
健全提案办理督办机制，按期公开办理结果。"""


def load(stdout):
    AnnualReport.objects.get_or_create(
        year=timezone.localdate().year, defaults={"opening": OPENING, "problems": PROBLEMS, "plans": PLANS}
    )
    stdout.write("年度工作报告开篇与问题、打算已就绪")
