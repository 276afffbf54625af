"""The button that prints a member's 会籍转移介绍信: a small form, then a background document job."""

from django.shortcuts import get_object_or_404, redirect, render

from unionportal.access import permission_required
from unionportal.documents.services import queue_document

from .documents import TransferLetter, destination_of, transfer_refusal
from .forms import TransferLetterForm
from .models import Member


@permission_required("members.print_transfer_letter")
def transfer_letter(request, pk):
    member = get_object_or_404(Member, pk=pk)
    refusal = transfer_refusal(member)
    form = TransferLetterForm(request.POST or None, initial={"destination": destination_of(member)})
    if not refusal and form.is_valid():
        params = {"member": member.pk, "destination": form.cleaned_data["destination"]}
        params["date"] = form.cleaned_data["date"].isoformat()
        job = queue_document(owner=request.user, kind=TransferLetter.kind, params=params)
        return redirect("documents:job", job_id=job.pk)
    return render(request, "members/transfer_letter.html", {"member": member, "form": form, "refusal": refusal})
