import rules

from unionportal.roles import is_accountant, is_auditor, is_chair, is_logged_in, is_staff, is_welfare_officer


@rules.predicate
def has_member_record(user):
    return user.is_authenticated and hasattr(user, "member")


@rules.predicate
def is_self(user, member):
    return member is not None and member.user_id == user.pk


def follows_seat(kind, otherwise):
    """A duty of the body of ``kind`` (提案工作委员会, 公开领导小组 …): once the union has set that body up
    with seats, whoever holds a seat in its term in office; until then, whoever ``otherwise`` names."""

    from .committees import holds_seat_in_office_as_user, read_seats_with_page_shell

    read_seats_with_page_shell(kind)

    @rules.predicate(name=f"follows_seat({kind})")
    def predicate(user):
        # asked once per page row (a button each); the seats do not change within one request's user. An attribute,
        # which request.user's lazy proxy passes on, so the menu (asking through it) shares what the view read.
        if not hasattr(user, "_seat_duties"):
            user._seat_duties = {}
        cache = user._seat_duties
        if kind not in cache:
            held = holds_seat_in_office_as_user(kind, user, user.member if has_member_record(user) else None)
            cache[kind] = otherwise(user) if held is None else held
        return cache[kind]

    return predicate


reads_roster = is_chair | is_staff | is_welfare_officer

rules.add_perm("members.view_roster", reads_roster)
rules.add_perm("members.view_member", reads_roster | is_self)
rules.add_perm("members.change_member", is_chair | is_staff)
rules.add_perm("members.view_id_number", is_chair)
rules.add_perm("members.merge_member", is_chair | is_staff)
rules.add_perm("members.print_transfer_letter", is_chair | is_staff)
rules.add_perm("members.view_own_record", has_member_record)
rules.add_perm("members.add_member", is_chair | is_staff)
rules.add_perm("members.import_roster", is_chair | is_staff)
# the accountant (财务) books the dues collected as 会费收入 and reads the ledger for it; collecting and
# correcting them stays with the committee (manage_dues)
rules.add_perm("members.view_dues", is_chair | is_staff | is_auditor | is_accountant)
rules.add_perm("members.view_statistics", is_chair | is_staff | is_auditor)
rules.add_perm("members.manage_dues", is_chair | is_staff)
rules.add_perm("members.change_dues_settings", is_chair)
rules.add_perm("members.view_org", is_logged_in)
rules.add_perm("members.change_org", is_chair | is_staff)
rules.add_perm("members.view_committees", is_logged_in)
rules.add_perm("members.change_committees", is_chair | is_staff)
rules.add_perm("members.view_registration", reads_roster)
rules.add_perm("members.freeze_registration", is_chair | is_staff)
