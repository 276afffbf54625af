import rules

from unionportal.roles import is_chair, is_union_staff

rules.add_perm("accounts.manage_logins", is_union_staff)
rules.add_perm("accounts.link_login", is_union_staff)
rules.add_perm("accounts.manage_roles", is_chair)
