from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionportal import workflow
from unionportal.access import permission_required
from unionportal.documents.services import queue_document
from unionportal.form_pages import apply_posted_form, form_page

from . import documents, forms, services
from .models import Clause, ClauseCheck, CollectiveContract, Inspection

TEMPLATE = "contracts/form.html"


def _contract(pk):
    try:
        return CollectiveContract.objects.select_related("motion__agenda_item__session", "renews").get(pk=pk)
    except CollectiveContract.DoesNotExist as error:
        raise Http404 from error


@permission_required("contracts.view_contracts")
def contract_list(request):
    return render(request, "contracts/list.html", {"contracts": CollectiveContract.objects.all()})


@permission_required("contracts.manage_contracts")
def contract_create(request):
    return form_page(
        request,
        forms.ContractForm(request.POST or None),
        save=lambda form: services.draft_contract(actor=request.user, **form.cleaned_data),
        done=_("合同草案已创建，请添加条款并开始协商。"),
        title=_("起草集体合同"),
        back="contracts:list",
        template=TEMPLATE,
    )


@permission_required("contracts.view_contracts")
def contract_detail(request, pk):
    contract = _contract(pk)
    managing = request.user.has_perm("contracts.manage_contracts")
    editable = managing and contract.status in (CollectiveContract.Status.DRAFT, CollectiveContract.Status.NEGOTIATING)
    clauses = list(contract.clauses.all())
    inspections = contract.inspections.select_related("session").prefetch_related("checks__clause")
    return render(
        request,
        "contracts/detail.html",
        {
            "contract": contract,
            "managing": managing,
            "clauses": [(clause, forms.amend_form(clause) if editable else None) for clause in clauses],
            "rounds": contract.rounds.all(),
            "inspections": inspections,
            "motion_passed": services.motion_passed(contract),
            "in_force_on": services.in_force_on(contract),
            "renewal_opens_on": services.renewal_opens_on(contract),
            "may_renew": managing and not contract.renewals.exists(),
            "renew_confirm": services.renew_confirm(contract) if contract.ends_on else "",
            "buttons": workflow.buttons_for(request, contract),
            "steps": contract.steps.select_related("actor__member"),
            "clause_form": forms.ClauseForm() if editable else None,
            "round_form": forms.RoundForm()
            if managing and contract.status == CollectiveContract.Status.NEGOTIATING
            else None,
        },
    )


@require_POST
@permission_required("contracts.manage_contracts")
def clause_add(request, pk):
    contract = _contract(pk)
    apply_posted_form(
        request,
        forms.ClauseForm(request.POST),
        lambda form: services.add_clause(contract=contract, actor=request.user, **form.cleaned_data),
        done=_("条款已添加。"),
    )
    return redirect(contract)


def _clause(pk):
    return get_object_or_404(Clause.objects.select_related("contract"), pk=pk)


@require_POST
@permission_required("contracts.manage_contracts")
def clause_amend(request, pk):
    clause = _clause(pk)
    apply_posted_form(
        request,
        forms.ClauseForm(request.POST),
        lambda form: services.amend_clause(clause=clause, actor=request.user, **form.cleaned_data),
        done=_("第%(number)s条已修改。") % {"number": clause.number},
    )
    return redirect(clause.contract)


@require_POST
@permission_required("contracts.manage_contracts")
def clause_remove(request, pk):
    clause = _clause(pk)
    apply_posted_form(
        request,
        None,
        lambda form: services.remove_clause(clause=clause, actor=request.user),
        done=_("第%(number)s条已删除，其后各条序号前移。") % {"number": clause.number},
    )
    return redirect(clause.contract)


@require_POST
@permission_required("contracts.manage_contracts")
def round_add(request, pk):
    contract = _contract(pk)
    apply_posted_form(
        request,
        forms.RoundForm(request.POST),
        lambda form: services.record_round(contract=contract, actor=request.user, **form.cleaned_data),
        done=_("协商会议已登记。"),
    )
    return redirect(contract)


@require_POST
@permission_required("contracts.manage_contracts")
def contract_renew(request, pk):
    contract = _contract(pk)
    renewal = apply_posted_form(
        request, None, lambda form: services.renew(contract=contract, actor=request.user), done=_("已起草续签合同。")
    )
    return redirect(renewal or contract)


@permission_required("contracts.inspect")
def inspection_create(request, pk):
    contract = _contract(pk)
    form = forms.InspectionForm(
        request.POST or None,
        clauses=contract.clauses.all(),
        initial={f"result_{c.pk}": ClauseCheck.Result.FULFILLED for c in contract.clauses.all()},
    )
    return form_page(
        request,
        form,
        save=lambda form: services.record_inspection(
            contract=contract,
            actor=request.user,
            results=form.results(),
            **{name: form.cleaned_data[name] for name in ("held_on", "inspectors", "session", "summary")},
        ),
        done=_("履行检查已记录。"),
        title=_("%(contract)s：履行检查") % {"contract": contract},
        back="contracts:list",
        template=TEMPLATE,
        then=lambda inspection: redirect(contract),
    )


@require_POST
@permission_required("contracts.view_contracts")
def contract_print(request, pk):
    """The contract text as a PDF (or, asked for, a Word) job."""
    document = documents.ContractWordText if request.POST.get("format") == "docx" else documents.ContractText
    job = queue_document(owner=request.user, kind=document.kind, params={"contract": _contract(pk).pk})
    return redirect("documents:job", job_id=job.pk)


@require_POST
@permission_required("contracts.view_contracts")
def inspection_print(request, pk):
    inspection = get_object_or_404(Inspection, pk=pk)
    job = queue_document(owner=request.user, kind=documents.InspectionReport.kind, params={"inspection": inspection.pk})
    return redirect("documents:job", job_id=job.pk)


@require_POST
@permission_required("contracts.view_contracts")
def contract_act(request, pk, action):
    """Every button of the contract's table (flows.py) posts here."""
    return workflow.act(request, _contract(pk), action)
