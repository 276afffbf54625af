import rules

from unionportal.roles import is_chair, is_logged_in, is_staff

rules.add_perm("documents.view_index", is_logged_in)
rules.add_perm("documents.write_notice", is_chair | is_staff)
rules.add_perm("documents.print_annual_report", is_chair)
