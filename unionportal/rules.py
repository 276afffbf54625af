import rules

from .roles import is_chair, is_logged_in, is_union_staff

rules.add_perm("unionportal.view_dashboard", is_logged_in)
rules.add_perm("unionportal.change_profile", is_chair)
rules.add_perm("unionportal.view_audit_trail", is_union_staff)
