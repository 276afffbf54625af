"""Who may see and do what in welfare. Hardship files are confidential (工会主席是困难职工的第一知情人):
only the chair and welfare officers read them; the auditor reads payments but not files; a member sees
only their own applications; exports are the chair's alone. Universal gifts (节日、生日、退休慰问 for
everyone) reveal no hardship, so a campaign that is not confidential is open to the union's 委员 too."""

import rules

from unionportal.roles import is_auditor, is_chair, is_logged_in, is_staff, is_welfare_officer

runs_welfare = is_chair | is_welfare_officer


@rules.predicate
def has_member_record(user):
    return user.is_authenticated and hasattr(user, "member")


@rules.predicate
def is_applicant(user, application):
    return has_member_record(user) and application is not None and application.member_id == user.member.pk


@rules.predicate
def is_open_campaign(user, campaign):
    return campaign is not None and not campaign.confidential


organises_campaign = runs_welfare | (is_staff & is_open_campaign)

rules.add_perm("welfare.view_index", runs_welfare | is_auditor)
rules.add_perm("welfare.view_files", runs_welfare)
rules.add_perm("welfare.change_file", runs_welfare)
rules.add_perm("welfare.export", is_chair)
rules.add_perm("welfare.view_file_access_log", is_chair)
rules.add_perm("welfare.apply", has_member_record)
rules.add_perm("welfare.view_own_applications", has_member_record)
rules.add_perm("welfare.view_applications", runs_welfare)
rules.add_perm("welfare.view_application", runs_welfare | is_applicant)
rules.add_perm("welfare.review_application", is_welfare_officer | is_chair)
rules.add_perm("welfare.approve_application", is_chair)
rules.add_perm("welfare.pay_application", runs_welfare)
rules.add_perm("welfare.view_payments", runs_welfare | is_auditor)
rules.add_perm("welfare.record_payment", runs_welfare)
# the list of campaigns and creating one; each campaign's pages check the object rules below
rules.add_perm("welfare.view_campaigns", runs_welfare | is_staff)
rules.add_perm("welfare.create_campaign", runs_welfare | is_staff)
rules.add_perm("welfare.view_confidential_campaigns", runs_welfare)
rules.add_perm("welfare.view_campaign", organises_campaign)
rules.add_perm("welfare.manage_campaign", organises_campaign)
rules.add_perm("welfare.publish_recipients", organises_campaign)
rules.add_perm("welfare.view_visits", runs_welfare)
rules.add_perm("welfare.record_visit", runs_welfare)
rules.add_perm("welfare.view_drives", is_logged_in)
rules.add_perm("welfare.pledge", has_member_record)
rules.add_perm("welfare.manage_drives", runs_welfare)
rules.add_perm("welfare.view_totals", runs_welfare | is_auditor)
# printed registers name the people helped, so they follow the hardship files, not the payments
rules.add_perm("welfare.print_registers", runs_welfare)
rules.add_perm("welfare.change_settings", is_chair)
