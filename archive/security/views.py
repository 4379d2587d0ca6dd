from django.shortcuts import get_object_or_404
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve

from .files import harden


def serve_document(request, document_id, document_filename):
    """Wagtail's serve view (with its hooks: ours refuses hidden files), plus our headers."""
    response = wagtail_serve.serve(request, document_id, document_filename)
    if response.status_code == 200 or response.status_code == 304:
        document = get_object_or_404(get_document_model(), pk=document_id)
        harden(response, document)
    return response
