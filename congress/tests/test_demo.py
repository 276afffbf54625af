import io

import pytest
from django.utils import timezone

from congress.models import CongressTerm, Delegate, Proposal


@pytest.mark.django_db
def test_demo_loads_a_term_delegates_and_proposals_in_every_state():
    from django.utils.module_loading import import_string

    from unionportal.management.commands.load_demo import DEMO_LOADERS

    out = io.StringIO()
    for path in DEMO_LOADERS[: DEMO_LOADERS.index("congress.demo.load") + 1]:
        import_string(path)(out)
    term = CongressTerm.objects.get(number=4)
    assert 33 <= Delegate.objects.filter(term=term, active=True).count() <= 36
    assert {"chair", "staff", "delegate", "delegate2"} <= set(
        Delegate.objects.filter(term=term).values_list("member__user__username", flat=True)
    )
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert statuses == set(Proposal.Status.values)
    assert 28 <= Proposal.objects.count() <= 32
    import_string("congress.demo.load")(out)  # idempotent
    assert CongressTerm.objects.count() == 1


@pytest.mark.django_db
def test_demo_has_an_open_appraisal_and_suggestions():
    from django.utils.module_loading import import_string

    from congress.models import Appraisal, Suggestion
    from unionportal.management.commands.load_demo import DEMO_LOADERS

    out = io.StringIO()
    for path in DEMO_LOADERS[: DEMO_LOADERS.index("congress.demo.load") + 1]:
        import_string(path)(out)
    appraisal = Appraisal.objects.get(status=Appraisal.Status.OPEN)
    assert appraisal.receipts.count() == 20
    closed = Appraisal.objects.get(status=Appraisal.Status.CLOSED)  # this year's result for the annual report
    assert closed.receipts.count() == 28 and closed.appraisees.count() == 4
    assert timezone.localtime(closed.closed_at).year == timezone.localdate().year  # published weeks ago
    assert closed.closed_at <= timezone.now()
    import_string("congress.demo.load")(out)  # idempotent
    assert Appraisal.objects.count() == 2
    assert Appraisal.objects.get(status=Appraisal.Status.CLOSED).closed_at == closed.closed_at
    assert Suggestion.objects.filter(author=None).count() == 2
