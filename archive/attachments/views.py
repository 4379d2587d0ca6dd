from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from archive.interop.public import is_public_file
from archive.security.files import may_download

from .models import ArchiveDocument, file_stem


def thumbnail(request, document_id):
    """The picture of a PDF's first page, for whoever may see the file.

    The public sees thumbnails of public files only: a draft's file must not
    show its cover through here. Editors who may choose the file see it too
    (page previews and the admin).
    """
    document = get_object_or_404(ArchiveDocument.objects.select_related("collection"), pk=document_id)
    if not document.thumbnail:
        raise Http404("Este archivo no tiene miniatura.")
    # Editors follow the download rule (they may preview a draft's file); the
    # public sees thumbnails of public files only.
    if not (is_public_file(document) or (request.user.is_authenticated and may_download(document, request))):
        raise Http404("Este archivo no tiene miniatura pública.")
    try:
        stored = document.thumbnail.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("La miniatura no está guardada.") from exc
    response = FileResponse(stored, content_type="image/webp")
    if request.user.is_authenticated:
        # What an editor may see of a draft's file must not be kept by a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def ocr_copy(request, document_id):
    """The searchable PDF/A copy of a scanned PDF (ocr.py), for whoever may see its thumbnail: the same file, with text."""
    document = get_object_or_404(ArchiveDocument.objects.select_related("collection"), pk=document_id)
    if not document.ocr_copy:
        raise Http404(_("Este archivo no tiene copia con texto."))
    if not (is_public_file(document) or (request.user.is_authenticated and may_download(document, request))):
        raise Http404(_("Este archivo no tiene copia con texto pública."))
    try:
        stored = document.ocr_copy.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("La copia con texto no está guardada.")) from exc
    name = f"{file_stem(document.filename)}-con-texto.pdf"
    response = FileResponse(stored, content_type="application/pdf", as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response
