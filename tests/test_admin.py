"""The Django admin, for superusers: every model of the portal the README names is there and opens."""

from django.contrib import admin
from django.contrib.auth.models import User

from unionportal.models import UnionProfile

SECRET_BALLOT_TABLES = {"BallotReceipt", "BallotTally", "AppraisalReceipt", "AppraisalTally"}


def test_every_portal_model_has_a_changelist_that_opens(db, client):
    client.force_login(User.objects.create_superuser("root", password="x"))
    registered = {model.__name__ for model in admin.site._registry}
    assert {"UnionProfile", "Member", "HardshipFile", "Proposal", "Event", "Job", "RoleAssignment"} <= registered
    assert not SECRET_BALLOT_TABLES & registered
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url


def test_the_union_profile_can_be_edited_in_the_admin(db, client):
    UnionProfile(name="工会", kind="school").save()
    client.force_login(User.objects.create_superuser("root", password="x"))
    assert client.get("/admin/unionportal/unionprofile/1/change/").status_code == 200
