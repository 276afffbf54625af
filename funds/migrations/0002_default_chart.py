"""The default chart (科目) of 全总《基层工会经费收支管理办法》(2017) and the union's funds; each union edits its own."""

from django.db import migrations

INCOME = ["会费收入", "拨缴经费收入", "上级补助收入", "行政补助收入", "事业收入", "投资收益", "其他收入"]
EXPENSE = [
    ("职工活动支出", ["职工教育活动", "文体活动", "宣传活动", "其他活动"]),
    ("维权支出", ["劳动关系协调费", "劳动保护费", "法律援助费", "困难职工帮扶费", "送温暖费", "其他维权支出"]),
    ("业务支出", ["培训费", "会议费", "专项业务费", "其他业务支出"]),
    ("资本性支出", []),
    ("事业支出", []),
    ("其他支出", []),
]
FUNDS = [("工会经费", False), ("困难职工救助基金", True), ("金秋助学基金", True)]


def load_chart(apps, schema_editor):
    Account = apps.get_model("funds", "Account")
    Fund = apps.get_model("funds", "Fund")
    for i, name in enumerate(INCOME, start=1):
        Account.objects.get_or_create(code=f"1{i:02}", defaults={"name": name, "kind": "income"})
    for i, (name, children) in enumerate(EXPENSE, start=1):
        parent, _ = Account.objects.get_or_create(code=f"2{i:02}", defaults={"name": name, "kind": "expense"})
        for j, child in enumerate(children, start=1):
            Account.objects.get_or_create(
                code=f"2{i:02}{j:02}", defaults={"name": child, "kind": "expense", "parent": parent}
            )
    for order, (name, dedicated) in enumerate(FUNDS):
        Fund.objects.get_or_create(name=name, defaults={"is_dedicated": dedicated, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]

    operations = [migrations.RunPython(load_chart, migrations.RunPython.noop)]
