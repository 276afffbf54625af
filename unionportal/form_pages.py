"""The page of one form that a service saves: shown blank, or again with the refusal and what was typed; and
the refusal of a service called from a button, told on the page the view redirects to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def form_page(request, form, *, save, done, title, back, template, then=redirect):
    """``save(form)`` runs the service on a valid POST; what it returns goes to ``then`` (by default a
    redirect to it) after the ``done`` message, or ``done(saved)`` when the message names what was saved.
    A ValidationError lands on the form as a non-field error, so nothing typed is lost. ``back`` is the
    URL name of the cancel link."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done(saved) if callable(done) else done)
            return then(saved)
    return render(request, template, {"form": form, "title": title, "back": back})


def apply_posted_form(request, form, save, *, done):
    """A small form (or None: a bare button) posted from a page that the view then redirects back to:
    ``save(form)`` when it is valid; each field error, or the service's refusal, becomes an error message
    naming the field; then the ``done`` message, or ``done(saved)`` when it names what was saved. Returns what
    ``save`` returned, or None."""
    if form is not None and not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, error if not label or str(label) in error else f"{label}：{error}")
        return None
    try:
        saved = save(form)
    except ValidationError as error:
        report_refusal(request, error)
        return None
    messages.success(request, done(saved) if callable(done) else done)
    return saved


def report_refusal(request, error):
    """A service's ValidationError, for a view that redirects: each of its reasons becomes an error message."""
    for message in error.messages:
        messages.error(request, message)
