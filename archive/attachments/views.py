from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from wagtail.permissions import policy_registry

from archive.interop.public import public_file_filter

from .models import ArchiveDocument


def is_public(document):
    """The rule of the API and the exports: attached to a live public page, in a collection anyone may see."""
    if document.collection_id and document.collection.get_view_restrictions().exists():
        return False
    return ArchiveDocument.objects.filter(public_file_filter(), pk=document.pk).exists()


def thumbnail(request, document_id):
    """The picture of a PDF's first page, for whoever may see the file.

    The public sees thumbnails of public files only: a draft's file must not
    show its cover through here. Editors who may choose the file see it too
    (page previews and the admin).
    """
    document = get_object_or_404(ArchiveDocument.objects.select_related("collection"), pk=document_id)
    if not document.thumbnail:
        raise Http404("Este archivo no tiene miniatura.")
    allowed = is_public(document) or (
        request.user.is_authenticated
        and policy_registry.get_by_type(ArchiveDocument).user_has_any_permission_for_instance(request.user, ["change", "choose"], document)
    )
    if not allowed:
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
