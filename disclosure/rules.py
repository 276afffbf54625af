"""Who may do what on the 公开 board.

Union staff (chair, staff) are the leading group: they review, publish, close and
answer. A handler drafts for his own department. Members read internal items,
object and sign; visitors read public items only.
"""

import rules

from members.models import Committee
from members.rules import follows_seat
from unionportal.roles import everyone, is_handler, is_logged_in, is_member, is_union_staff


@rules.predicate
def on_board(user, item):
    return item is not None and item.on_board


@rules.predicate
def is_public_item(user, item):
    return item is not None and item.is_public


@rules.predicate
def of_own_department(user, item):
    member = getattr(user, "member", None) if user.is_authenticated else None
    return bool(item is not None and member and member.department_id and member.department_id == item.department_id)


@rules.predicate
def editable(user, item):
    return item is not None and item.status in item.EDITABLE


@rules.predicate
def is_published(user, item):
    return item is not None and item.status == item.Status.PUBLISHED


@rules.predicate
def asks_signature(user, item):
    return item is not None and item.asks_signature


@rules.predicate
def under_review(user, item):
    return item is not None and item.status == item.Status.PENDING


@rules.predicate
def drafted_it(user, item):
    return item is not None and user.is_authenticated and item.created_by_id == user.pk


# 预审 by the 公开领导小组 where the union has set one up (members.Committee of that kind), else union staff.
reviews = follows_seat(Committee.Kind.DISCLOSURE, is_union_staff)
# nobody passes or returns in 预审 an item she drafted herself
reviews_others = reviews & ~drafted_it
rules.add_perm("disclosure.view_index", everyone)
rules.add_perm(
    "disclosure.view_item",
    is_union_staff
    | (on_board & (is_public_item | is_logged_in))
    | (is_handler & of_own_department)
    | (under_review & reviews),
)
rules.add_perm("disclosure.view_timeline", is_union_staff | (is_handler & of_own_department))
rules.add_perm("disclosure.draft_item", is_union_staff | is_handler)
rules.add_perm("disclosure.edit_item", editable & (is_union_staff | (is_handler & of_own_department)))
rules.add_perm("disclosure.review", reviews)
rules.add_perm("disclosure.view_work", is_union_staff | is_handler | (is_member & reviews))
rules.add_perm("disclosure.manage", is_union_staff)
rules.add_perm("disclosure.object", is_member & is_published)
rules.add_perm("disclosure.sign", is_member & asks_signature)
rules.add_perm("disclosure.view_unsigned", is_union_staff & asks_signature)
rules.add_perm("disclosure.print_sheet", is_union_staff)
