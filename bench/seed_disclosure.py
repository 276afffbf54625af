"""Seed the disclosure board: the union kind's categories and ``sizes.board_items`` items spread
over the years and categories, most of them on the board (公示中, 无异议, 整改中, 已归档) and the
rest in the making; some internal items that ask for signatures, with read receipts, and objections."""

import datetime
import random

from django.contrib.auth.models import User
from django.utils import timezone

from disclosure.models import DisclosureItem, Objection, ReadReceipt
from disclosure.services import load_categories

from .seed import BATCH

S = DisclosureItem.Status
STATES = {S.ARCHIVED: 45, S.CLOSED: 30, S.PUBLISHED: 8, S.RECTIFYING: 2, S.DRAFT: 7, S.PENDING: 5, S.RETURNED: 3}
SIGNED_ITEMS = 20
TOPICS = ["工作计划", "财务收支", "绩效分配方案", "物资采购结果", "职称评审结果", "招待费开支", "工程招标结果"]


def seed_disclosure(sizes, context):
    rng = random.Random(5)
    today = timezone.localdate()
    categories = load_categories()
    departments = context["departments"]
    members = context["members"]
    chair = context["logins"]["chair"]
    days = sizes.years * 365
    items = []
    for i in range(sizes.board_items):
        status = rng.choices(list(STATES), weights=list(STATES.values()))[0]
        published = today - datetime.timedelta(days=rng.randint(0, days)) if status in DisclosureItem.ON_BOARD else None
        audience = DisclosureItem.Audience.INTERNAL if rng.random() < 0.6 else DisclosureItem.Audience.PUBLIC
        items.append(
            DisclosureItem(
                category=categories[i % len(categories)],
                title=f"{rng.choice(TOPICS)}公示（第{i + 1}号）",
                body="根据有关规定，现将有关情况予以公示。公示期内如有异议，请向工会反映。\n" * 3,
                audience=audience,
                department=rng.choice(departments),
                responsible_id=rng.choice(members),
                period_start=published,
                period_end=published + datetime.timedelta(days=7) if published else None,
                status=status,
                published_on=published,
                created_by=chair,
            )
        )
    items = DisclosureItem.objects.bulk_create(items, batch_size=BATCH)

    on_board = [i for i in items if i.status in DisclosureItem.ON_BOARD]
    internal = [i for i in on_board if i.audience == DisclosureItem.Audience.INTERNAL][:SIGNED_ITEMS]
    DisclosureItem.objects.filter(pk__in=[i.pk for i in internal]).update(needs_signature=True)
    readers = list(User.objects.filter(member__isnull=False).values_list("pk", flat=True))
    receipts = [
        ReadReceipt(item=item, user_id=user) for item in internal for user in rng.sample(readers, len(readers) * 3 // 4)
    ]
    ReadReceipt.objects.bulk_create(receipts, batch_size=BATCH)
    objections = [
        Objection(item=item, author_id=rng.choice(members), content="对公示内容有疑问，请予说明。")
        for item in rng.sample(on_board, min(len(on_board), sizes.board_items // 50))
    ]
    Objection.objects.bulk_create(objections, batch_size=BATCH)
    return (
        f"{len(categories)} categories, {len(items):,} items ({len(on_board):,} on the board), "
        f"{len(receipts):,} read receipts, {len(objections):,} objections"
    )
