"""Who may do what with collective contracts. Only where the union has enabled them (企业 by default)."""

import rules

from unionportal.roles import is_chair, is_delegate, is_logged_in, is_staff

runs_contracts = is_chair | is_staff


@rules.predicate
def union_signs_contracts(user):
    """The union's profile as the page's context read it (``context_processors.portal``), else read once
    per user object (one request), like the roles: the request's own read when one runs."""
    if not hasattr(user, "_portal_profile"):
        from unionportal.vocabulary import union_profile

        user._portal_profile = union_profile()
    return user._portal_profile.signs_contracts


rules.add_perm("contracts.view_contracts", is_logged_in & union_signs_contracts)
rules.add_perm("contracts.manage_contracts", runs_contracts & union_signs_contracts)
# 代表巡视: delegates inspect the contract's performance together with union staff.
rules.add_perm("contracts.inspect", (runs_contracts | is_delegate) & union_signs_contracts)
