"""«Retirar del archivo»: unpublish a document and tell its readers why."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from archive.pages.models import DocumentPage

from . import registry
from .forms import WithdrawalForm


def can_withdraw(page, user):
    """Only who may publish a document may take it down."""
    return isinstance(page, DocumentPage) and page.permissions_for_user(user).can_publish()


def withdraw(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(page, DocumentPage):
        raise PermissionDenied
    if not can_withdraw(page, request.user):
        raise PermissionDenied
    identifier = page.permanent_identifier
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if identifier is None:
        messages.error(request, "Este documento nunca se publicó: no tiene dirección permanente que retirar.")
        return redirect(edit_url)

    initial = {"reason": identifier.withdrawal_reason}
    form = WithdrawalForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        registry.withdraw(page, form.cleaned_data["reason"], user=request.user)
        messages.success(
            request,
            f"«{page.get_admin_display_title()}» se retiró del archivo. Su dirección y su dirección permanente "
            "ahora explican cuándo y por qué.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)

    context = {
        "page": page,
        "identifier": identifier,
        "form": form,
        "header_title": f"Retirar del archivo: {page.get_admin_display_title()}",
        "page_title": "Retirar del archivo",
        "page_subtitle": page.get_admin_display_title(),
        "header_icon": "warning",
        "edit_url": edit_url,
        "public_address": identifier.last_url,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "identifiers/admin/withdraw.html", context, status=status)
