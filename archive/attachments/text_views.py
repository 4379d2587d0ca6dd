"""Editors correct the text that OCR recognised in a scanned PDF, one page at a time.

A correction is stored apart from what the reading gives (``text_corrections``)
and applied after every reading of the same file (steps.EditorCorrections),
so running OCR again never undoes it; a corrected page is no longer shown as
recognised automatically. A new file (another checksum) starts without them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permissions import policy_registry

from .models import ArchiveDocument
from .steps import apply_corrections

# A page of a dense report is some 5,000 characters; this is far beyond any page and keeps rows sane.
MAX_PAGE_TEXT = 50_000


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Texto de la página"), widget=forms.Textarea(attrs={"rows": 24}), required=False,
        max_length=MAX_PAGE_TEXT, strip=False,
        help_text=gettext_lazy("Corrige lo que el programa leyó mal. Al guardar, la página deja de marcarse como "
                               "reconocida automáticamente y el buscador usa este texto."),
    )


def correct_text(request, document_id):
    document = get_object_or_404(ArchiveDocument, pk=document_id)
    if not policy_registry.get_by_type(ArchiveDocument).user_has_permission_for_instance(request.user, "change", document):
        raise PermissionDenied
    if not document.ocr_pages:
        raise Http404(_("Este archivo no tiene texto reconocido por OCR."))
    raw = request.POST.get("pagina") if request.method == "POST" else request.GET.get("pagina")
    number = int(raw) if (raw or "").isdigit() else (document.ocr_pages[0] if raw is None else None)
    status = 200
    if number not in document.ocr_pages:
        messages.error(request, _("Esa página no tiene texto reconocido por OCR; elige una de la lista."))
        number, status = document.ocr_pages[0], 400
        form = CorrectionForm(initial={"text": document.text_pages[number - 1]})
    elif request.method == "POST":
        form = CorrectionForm(request.POST)
        if form.is_valid():
            save_correction(document.pk, number, form.cleaned_data["text"])
            messages.success(request, _("Se guardó la corrección de la página %(number)s.") % {"number": number})
            return redirect(f"{reverse('archive_document_text', args=[document.pk])}?pagina={number}")
        status = 400
    else:
        form = CorrectionForm(initial={"text": document.text_pages[number - 1]})
    corrected = document.text_corrections or {}
    context = {
        "document": document,
        "form": form,
        "number": number,
        "pages": [(page, str(page) in corrected) for page in document.ocr_pages],
        "corrected": str(number) in corrected,
        "header_title": _("Corregir el texto reconocido: %(title)s") % {"title": document.title},
        "page_title": _("Corregir el texto reconocido"),
        "page_subtitle": document.title,
        "header_icon": "doc-full",
        "edit_url": reverse("wagtaildocs:edit", args=[document.pk]),
    }
    return TemplateResponse(request, "wagtaildocs/documents/correct_text.html", context, status=status)


def save_correction(document_id, number, text):
    with transaction.atomic():
        document = ArchiveDocument.objects.select_for_update().get(pk=document_id)
        document.text_corrections = {**(document.text_corrections or {}), str(number): text}
        apply_corrections(document)
        # Saved, not updated: the documents holding the file are reindexed and their pages' cache renewed.
        document.save(update_fields=["text_pages", "text_corrections"])
