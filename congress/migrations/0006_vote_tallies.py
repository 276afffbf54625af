"""Secret votes kept as counts: the per-voter Ballot and AppraisalMark rows become one tally row per
choice (or per leader and grade), and the old tables go."""

import uuid
from collections import Counter

import django.db.models.deletion
from django.db import migrations, models

CHOICES = ["for", "against", "abstain"]
GRADES = {
    "satisfaction": ["satisfied", "mostly", "unsatisfied"],
    "competence": ["excellent", "competent", "mostly", "incompetent"],
}
BATCH = 1000


def ballots_to_tallies(apps, schema_editor):
    Motion, Ballot, BallotTally = (apps.get_model("congress", name) for name in ("Motion", "Ballot", "BallotTally"))
    Appraisee, AppraisalMark, AppraisalTally = (
        apps.get_model("congress", name) for name in ("Appraisee", "AppraisalMark", "AppraisalTally")
    )
    ballots = Counter(Ballot.objects.values_list("motion_id", "choice"))
    motions = Motion.objects.filter(method="secret").exclude(status="draft").values_list("pk", flat=True)
    BallotTally.objects.bulk_create(
        [BallotTally(motion_id=m, choice=c, count=ballots[m, c]) for m in motions for c in CHOICES], batch_size=BATCH
    )
    marks = Counter(AppraisalMark.objects.values_list("appraisee_id", "grade"))
    appraisees = Appraisee.objects.exclude(appraisal__status="draft").values_list("pk", "appraisal__scale")
    AppraisalTally.objects.bulk_create(
        [AppraisalTally(appraisee_id=a, grade=g, count=marks[a, g]) for a, scale in appraisees for g in GRADES[scale]],
        batch_size=BATCH,
    )


def tallies_to_ballots(apps, schema_editor):
    Ballot, BallotTally, AppraisalMark, AppraisalTally = (
        apps.get_model("congress", name) for name in ("Ballot", "BallotTally", "AppraisalMark", "AppraisalTally")
    )
    Ballot.objects.bulk_create(
        [
            Ballot(id=uuid.uuid4(), motion_id=t.motion_id, choice=t.choice)
            for t in BallotTally.objects.all()
            for _ in range(t.count)
        ],
        batch_size=BATCH,
    )
    AppraisalMark.objects.bulk_create(
        [
            AppraisalMark(id=uuid.uuid4(), appraisee_id=t.appraisee_id, grade=t.grade)
            for t in AppraisalTally.objects.all()
            for _ in range(t.count)
        ],
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0005_term_composition_thresholds"),
    ]

    operations = [
        migrations.CreateModel(
            name="AppraisalTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("grade", models.CharField(max_length=12, verbose_name="等次")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="票数")),
                (
                    "appraisee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tallies",
                        to="congress.appraisee",
                        verbose_name="被评议人",
                    ),
                ),
            ],
            options={
                "verbose_name": "评议计票",
                "verbose_name_plural": "评议计票",
            },
        ),
        migrations.CreateModel(
            name="BallotTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "choice",
                    models.CharField(
                        choices=[("for", "赞成"), ("against", "反对"), ("abstain", "弃权")],
                        max_length=10,
                        verbose_name="选择",
                    ),
                ),
                ("count", models.PositiveIntegerField(default=0, verbose_name="票数")),
                (
                    "motion",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tallies",
                        to="congress.motion",
                        verbose_name="表决事项",
                    ),
                ),
            ],
            options={
                "verbose_name": "计票",
                "verbose_name_plural": "计票",
            },
        ),
        migrations.AddConstraint(
            model_name="appraisaltally",
            constraint=models.UniqueConstraint(fields=("appraisee", "grade"), name="congress_one_tally_per_grade"),
        ),
        migrations.AddConstraint(
            model_name="ballottally",
            constraint=models.UniqueConstraint(fields=("motion", "choice"), name="congress_one_tally_per_choice"),
        ),
        migrations.RunPython(ballots_to_tallies, tallies_to_ballots, elidable=True),
        migrations.RemoveField(
            model_name="ballot",
            name="motion",
        ),
        migrations.DeleteModel(
            name="AppraisalMark",
        ),
        migrations.DeleteModel(
            name="Ballot",
        ),
    ]
