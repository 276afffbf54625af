"""Who may do what with the union's money. The accountant (财务) keeps the books, the chair approves (一支笔),
union staff and welfare officers ask to spend (经办人), the 经审 auditor reads everything here and changes only
audit records; members see only what is published on the disclosure board. Who may take each step of an
expense, a budget or an adjustment is said by its row in ``flows.py``, with the predicates here."""

import rules

from unionportal.roles import is_accountant, is_auditor, is_chair, is_staff, is_welfare_officer

reads_books = is_chair | is_accountant | is_auditor
may_request = is_chair | is_staff | is_welfare_officer | is_accountant


@rules.predicate
def is_requester(user, expense):
    return expense is not None and expense.requester_id == user.pk


@rules.predicate
def awaits_acceptance(user, expense):
    """Goods waiting for 验收: whoever may receive them opens the request."""
    return expense is not None and expense.is_goods and expense.status == "reviewed"


rules.add_perm("funds.view_index", reads_books | may_request)
rules.add_perm("funds.view_books", reads_books)
rules.add_perm("funds.request_expense", may_request)
rules.add_perm("funds.view_expense", reads_books | is_requester | ((is_staff | is_welfare_officer) & awaits_acceptance))
rules.add_perm("funds.keep_books", is_accountant)
rules.add_perm("funds.draft_budget", is_accountant | is_chair)
rules.add_perm("funds.change_settings", is_chair | is_accountant)
rules.add_perm("funds.audit", is_auditor)
rules.add_perm("funds.publish", is_chair)
rules.add_perm("funds.print", reads_books)
rules.add_perm("funds.manage_chart", is_accountant | is_chair)
