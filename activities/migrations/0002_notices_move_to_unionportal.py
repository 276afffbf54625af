from django.db import migrations


def copy_notices(apps, schema_editor):
    """Each member's notices go to the member's account; a member without one never could read them."""
    old = apps.get_model("activities", "Notice")
    new = apps.get_model("unionportal", "Notice")
    new.objects.bulk_create(
        [
            new(
                recipient_id=notice.member.user_id,
                kind="activities",
                text=notice.text,
                url=notice.url,
                created_at=notice.created_at,
                read_at=notice.read_at,
            )
            for notice in old.objects.select_related("member").filter(member__user__isnull=False).order_by("pk")
        ],
        batch_size=500,
    )


def copy_back(apps, schema_editor):
    old = apps.get_model("activities", "Notice")
    new = apps.get_model("unionportal", "Notice")
    Member = apps.get_model("members", "Member")
    members = dict(Member.objects.filter(user__isnull=False).values_list("user_id", "pk"))
    old.objects.bulk_create(
        [
            old(member_id=members[n.recipient_id], text=n.text, url=n.url, created_at=n.created_at, read_at=n.read_at)
            for n in new.objects.filter(recipient_id__in=members).order_by("pk")
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("unionportal", "0003_notice"),
    ]

    operations = [
        migrations.RunPython(copy_notices, copy_back, elidable=True),
        migrations.DeleteModel(name="Notice"),
    ]
