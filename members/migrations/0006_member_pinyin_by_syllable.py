from django.db import migrations
from pypinyin import Style, lazy_pinyin


def recompute(apps, schema_editor):
    """name_pinyin now closes each syllable with its tone digit, so names sort syllable by syllable."""
    Member = apps.get_model("members", "Member")
    members = list(Member.objects.only("pk", "name"))
    for member in members:
        member.name_pinyin = "".join(lazy_pinyin(member.name, style=Style.TONE3, neutral_tone_with_five=True))
    Member.objects.bulk_update(members, ["name_pinyin"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("members", "0005_union_group_dissolved_on")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
