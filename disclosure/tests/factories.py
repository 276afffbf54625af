import datetime

from django.utils import timezone

from disclosure import services
from disclosure.models import Category, DisclosureItem


def make_category(name="财务管理和收支情况", **fields):
    fields.setdefault("cadence", Category.Cadence.PROMPT)
    return Category.objects.create(name=name, **fields)


def make_item(status="draft", actor=None, category=None, audience=DisclosureItem.Audience.INTERNAL, **fields):
    """An item driven through the services to ``status`` (the period already over for closed/archived); its 预审 by
    ``reviewer`` (the system when none is given: nobody passes her own draft)."""
    reviewer = fields.pop("reviewer", None)
    category = category or make_category()
    item = services.draft_item(
        actor=actor,
        category=category,
        title=fields.pop("title", "2026年上半年财务收支"),
        body=fields.pop("body", "收入\n支出"),
        audience=audience,
        **fields,
    )
    today = timezone.localdate()
    if status == "draft":
        return item
    item = services.submit(item=item, actor=actor)
    if status == "pending":
        return item
    if status == "returned":
        return services.return_item(item=item, actor=reviewer, comment="数字有误")
    past = status in ("closed", "archived", "rectifying")
    start = today - datetime.timedelta(days=10) if past else today
    end = today - datetime.timedelta(days=3) if past else today + datetime.timedelta(days=6)
    item = services.approve(item=item, actor=reviewer, period_start=start, period_end=end, today=start)
    if status == "published":
        return item
    if status == "rectifying":
        return services.rectify(item=item, actor=actor, note="更正数字")
    item = services.close(item=item, actor=actor)
    if status == "closed":
        return item
    return services.archive(item=item, actor=actor)
