import rules

from unionportal.roles import is_chair, is_logged_in, is_staff

rules.add_perm("documents.view_index", is_logged_in)
rules.add_perm("documents.write_notice", is_chair | is_staff)
rules.add_perm("documents.print_annual_report", is_chair)
# Who writes notices reads the roster too (members.view_roster), so may address anyone on it by name.
rules.add_perm("documents.write_addressed_notice", is_chair | is_staff)
