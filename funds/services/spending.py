"""The one door through which another app's money leaves: welfare payments, 送温暖 campaigns, event budgets
and donation hand-overs become expense requests of the right account, and go through the same chain
(财务审核 → 验收 → 主席审批 → 已支付) as any other, the accountants told as for any other. The calling app
keeps its own record and names it in ``source``; the request carries no invoice of its own, since the app's record
(a signed payment list, an event's settlement) is its voucher."""

import datetime

from django.utils.translation import gettext_lazy

from ..models import Account, Expense, Fund
from .expenses import request_expense
from .income import general_fund

# What each kind of spending elsewhere is, in the chart (科目编码 of the default chart).
ACCOUNT_OF = {
    "hardship": "20204",  # 困难职工帮扶费
    "warmth": "20205",  # 送温暖费
    "event": "20102",  # 文体活动
    "donation": "20204",
    "gift": "20104",  # 其他活动: 会员节日、生日、婚丧、住院、退休慰问（办法第十条）
}
SOURCE_LABEL = {
    "hardship": gettext_lazy("帮扶发放"),
    "warmth": gettext_lazy("送温暖慰问"),
    "event": gettext_lazy("活动经费"),
    "donation": gettext_lazy("捐款移交"),
    "gift": gettext_lazy("会员慰问"),
}


def request_for(
    *,
    kind: str,
    reference: str,
    requester,
    amount,
    purpose: str,
    payee: str,
    fund: Fund | None = None,
    on: datetime.date | None = None,
    is_goods: bool = False,
) -> Expense:
    """An expense request raised by another app for its ``kind`` of spending; refused like any request (a
    closed year, no approved budget, past the line, a bad amount) with the same Chinese message."""
    expense = request_expense(
        requester=requester,
        account=Account.objects.get(code=ACCOUNT_OF[kind]),
        fund=fund or general_fund(),
        amount=amount,
        purpose=purpose,
        payee=payee,
        is_goods=is_goods,
        on=on,
        source=f"{SOURCE_LABEL[kind]} {reference}"[:60],
    )
    return expense
