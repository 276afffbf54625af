from unionportal.models import UnionKind, UnionProfile


def test_a_change_through_the_portal_records_who_made_it(client_as, users):
    client_as("chair").post("/profile/", {"name": "新名称工会", "kind": UnionKind.SCHOOL})
    record = UnionProfile.history.latest()
    assert record.history_user == users["chair"]
    assert record.name == "新名称工会"
    assert record.history_type == "+"


def test_each_later_change_is_kept_with_what_changed(client_as):
    client = client_as("chair")
    client.post("/profile/", {"name": "旧名", "kind": UnionKind.SCHOOL})
    client.post("/profile/", {"name": "新名", "kind": UnionKind.SCHOOL})
    newest, older = UnionProfile.history.all()[:2]
    changes = newest.diff_against(older).changes
    assert [(c.field, c.old, c.new) for c in changes] == [("name", "旧名", "新名")]
