"""Who may do what with the union's money. The accountant (财务) keeps the books, the chair approves (一支笔),
union staff and welfare officers ask to spend (经办人), the 经审 auditor reads everything here and changes only
audit records; members see only what is published on the disclosure board. Who may take each step of an
expense, a budget or an adjustment is said by its row in ``flows.py``, with the predicates here."""

import rules

from unionportal.roles import Role, is_accountant, is_auditor, is_chair, is_staff, is_welfare_officer, users_with_role

reads_books = is_chair | is_accountant | is_auditor
may_request = is_chair | is_staff | is_welfare_officer | is_accountant


@rules.predicate
def is_requester(user, expense):
    return expense is not None and expense.requester_id == user.pk


@rules.predicate
def asked_by_chair(user, expense):
    """The chair's own request (主席本人经办): the 一支笔 may not sign for herself, so the union committee decides it
    collectively (集体研究) and another chair or a committee member (委员) records that decision, never she."""
    return expense is not None and is_chair.test(expense.requester)


@rules.predicate
def asked_by_only_accountant(user, expense):
    """A request of the union's only accountant: nobody else holds the 财务 seat to check or pay it, so the chair or
    a 委员 does it in her place, after the committee's decision (集体研究)."""
    if expense is None or not is_accountant.test(expense.requester):
        return False
    return not users_with_role(Role.ACCOUNTANT).exclude(pk=expense.requester_id).exists()


# committee members who take a step no one else may take on a request asked by the one who holds that seat
stands_in_for_accountant = (is_chair | is_staff) & asked_by_only_accountant
signs_for_chair = is_staff & asked_by_chair


@rules.predicate
def approved_it(user, expense):
    """The one who signed the request (审批): the payment is booked by someone else, so that no money leaves on
    one person's word even where the chair or a 委员 stands in for the only accountant."""
    return expense is not None and expense.approved_by_id is not None and expense.approved_by_id == user.pk


@rules.predicate
def drafted_adjustment(user, adjustment):
    """The one who drafted a budget adjustment (编制人)."""
    return adjustment is not None and adjustment.created_by_id is not None and adjustment.created_by_id == user.pk


@rules.predicate
def awaits_acceptance(user, expense):
    """Goods waiting for 验收: whoever may receive them opens the request."""
    return expense is not None and expense.is_goods and expense.status == "reviewed"


rules.add_perm("funds.view_index", reads_books | may_request)
rules.add_perm("funds.view_books", reads_books)
rules.add_perm("funds.request_expense", may_request)
rules.add_perm(
    "funds.view_expense",
    reads_books
    | is_requester
    | ((is_staff | is_welfare_officer) & awaits_acceptance)
    | (is_staff & (asked_by_chair | asked_by_only_accountant)),
)
rules.add_perm("funds.keep_books", is_accountant)
rules.add_perm("funds.draft_budget", is_accountant | is_chair)
rules.add_perm("funds.change_settings", is_chair | is_accountant)
rules.add_perm("funds.audit", is_auditor)
rules.add_perm("funds.publish", is_chair)
rules.add_perm("funds.print", reads_books)
rules.add_perm("funds.manage_chart", is_accountant | is_chair)
