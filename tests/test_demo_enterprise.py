"""``load_demo --kind enterprise``: the demo union as a company union, with a collective contract in force."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from contracts.models import ClauseCheck, CollectiveContract
from unionportal.models import UnionKind, UnionProfile

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_enterprise_demo_is_a_company_union_with_a_contract_in_force_and_inspected(client):
    call_command("load_demo", kind="enterprise", stdout=StringIO())
    profile = UnionProfile.load()
    assert profile.kind == UnionKind.ENTERPRISE and profile.signs_contracts
    contract = CollectiveContract.objects.get()
    assert contract.status == CollectiveContract.Status.EFFECTIVE and contract.kind == CollectiveContract.Kind.WAGES
    assert contract.signed_on < contract.filed_on < contract.effective_on < contract.ends_on
    inspection = contract.inspections.get()
    assert inspection.checks.filter(result=ClauseCheck.Result.PARTLY).count() == 1
    client.force_login(User.objects.get(username="staff"))
    home = client.get("/").text
    assert "职代会" in home and "集体合同续签" in home
    page = client.get(contract.get_absolute_url()).text
    assert "部分履行" in page and "生效" in page
    # its congress is a company's: no school's words in its sessions, agenda or proposals
    from congress.models import AgendaItem, Proposal, Session

    congress_words = [
        *Session.objects.values_list("title", flat=True),
        *AgendaItem.objects.values_list("title", flat=True),
        *Proposal.objects.values_list("title", flat=True),
    ]
    assert "第四届第二次职工代表大会" in congress_words and "听取和审议总经理工作报告" in congress_words
    assert not [words for words in congress_words if any(school in words for school in ("教", "校"))]
    from activities.models import Event, Honour
    from funds.models import Entry, Expense

    activity_and_money_words = [
        *Event.objects.values_list("title", flat=True),
        *Event.objects.values_list("place", flat=True),
        *Honour.objects.values_list("title", flat=True),
        *Expense.objects.values_list("purpose", flat=True),
        *Entry.objects.values_list("summary", flat=True),
    ]
    school_words = ("教职工", "教师", "教代会", "教工", "校长", "学校体育馆", "教育工会", "本校")
    assert not [words for words in activity_and_money_words if any(school in words for school in school_words)]
