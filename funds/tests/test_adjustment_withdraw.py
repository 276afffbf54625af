"""撤回: the author of a budget adjustment takes it back while it is a draft, after being asked; once the committee
has adopted it, it is no longer hers to withdraw."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from funds.flows import ADJUSTMENT_FLOW
from funds.models import Adjustment, AdjustmentStep
from funds.services import budget as budget_services

from .factories import account, executing_budget

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def draft(users):
    budget = executing_budget(actor=users["accountant"])
    adjustment = budget_services.create_adjustment(budget=budget, reason="慰问对象增加", actor=users["accountant"])
    budget_services.set_adjustment_line(
        adjustment=adjustment, account=account("202"), change="5000", actor=users["accountant"]
    )
    return adjustment


def test_the_author_withdraws_a_draft_and_it_changes_no_more(users, draft):
    assert draft.created_by == users["accountant"]
    adjustment = budget_services.withdraw_adjustment(adjustment=draft, actor=users["accountant"], note="并入下次调整")
    assert adjustment.status == Adjustment.Status.WITHDRAWN
    step = AdjustmentStep.objects.get(adjustment=adjustment, action="withdraw")
    assert (step.actor, step.note) == (users["accountant"], "并入下次调整")
    with pytest.raises(ValidationError, match="预算调整已撤回，不能再改"):
        budget_services.set_adjustment_line(
            adjustment=adjustment, account=account("201"), change="100", actor=users["accountant"]
        )
    with pytest.raises(ValidationError, match="现在是“已撤回”，不能委员会通过"):
        budget_services.adopt_adjustment(adjustment=adjustment, actor=users["chair"], adopted_on=TODAY)


def test_only_its_author_withdraws_an_adjustment(users, draft):
    with pytest.raises(ValidationError, match="您不能撤回这个预算调整"):
        budget_services.withdraw_adjustment(adjustment=draft, actor=users["chair"])
    assert Adjustment.objects.get(pk=draft.pk).status == Adjustment.Status.DRAFT


def test_an_adopted_adjustment_is_no_longer_withdrawn(users, draft):
    adopted = budget_services.adopt_adjustment(adjustment=draft, actor=users["chair"], adopted_on=TODAY)
    with pytest.raises(ValidationError, match="现在是“委员会通过”，不能撤回"):
        budget_services.withdraw_adjustment(adjustment=adopted, actor=users["accountant"])


@pytest.mark.parametrize(
    ("status", "action"),
    [(s, a.name) for a in ADJUSTMENT_FLOW.actions for s in Adjustment.Status if s not in a.sources],
)
def test_every_illegal_adjustment_step_is_refused(users, draft, status, action):
    Adjustment.objects.filter(pk=draft.pk).update(status=status)
    call = {
        "adopt": lambda: budget_services.adopt_adjustment(adjustment=draft, actor=None, adopted_on=TODAY),
        "approve": lambda: budget_services.approve_adjustment(
            adjustment=draft, actor=None, approved_on=TODAY, approval_number="1号"
        ),
        "withdraw": lambda: budget_services.withdraw_adjustment(adjustment=draft, actor=users["accountant"]),
    }[action]
    with pytest.raises(ValidationError, match="现在是“.*”，不能"):
        call()
    assert Adjustment.objects.get(pk=draft.pk).status == status


def test_the_author_is_asked_first_on_the_page_then_withdraws(users, draft, client_as):
    client = client_as("accountant")
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-action="withdraw"' in page and "撤回后这份预算调整不再办理，也不能恢复" in page
    assert "确认撤回" in page
    done = client.post(f"/funds/adjustments/{draft.pk}/withdraw/", {"state": "draft"}, follow=True).content.decode()
    assert "预算调整已撤回。" in done
    assert Adjustment.objects.get(pk=draft.pk).status == Adjustment.Status.WITHDRAWN
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-action="withdraw"' not in page and "保存调整项目" not in page


def test_nobody_else_sees_the_button_or_withdraws_by_posting(users, draft, client_as):
    client = client_as("chair")
    assert 'data-action="withdraw"' not in client.get(draft.get_absolute_url()).content.decode()
    refused = client.post(f"/funds/adjustments/{draft.pk}/withdraw/", {"state": "draft"}, follow=True)
    assert "您不能撤回这个预算调整" in refused.content.decode()
    assert Adjustment.objects.get(pk=draft.pk).status == Adjustment.Status.DRAFT
    auditor = client_as("auditor").post(f"/funds/adjustments/{draft.pk}/withdraw/", {"state": "draft"}, follow=True)
    assert Adjustment.objects.get(pk=draft.pk).status == Adjustment.Status.DRAFT
    assert auditor.status_code in {200, 403}
