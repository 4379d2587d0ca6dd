from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive.attachments.models import ArchiveDocument
from archive.interop.public import is_public_file
from archive.pages.templatetags.archive_tags import breadcrumb_ancestors

from .structure import headings
from .versions import has_accessible_version, public_pages_holding, structured_pages


def text_language(code):
    """The lang attribute the file's text needs: none where it is the page's own language."""
    if code == "other" or code == get_language():
        return ""
    return code


def accessible_version(request, document_id):
    """A file's text as a web page: headings, paragraphs and lists, readable at any zoom."""
    document = get_object_or_404(ArchiveDocument.objects.select_related("collection"), pk=document_id)
    if not has_accessible_version(document) or not is_public_file(document):
        raise Http404(_("Este archivo no tiene una versión accesible pública."))
    page = public_pages_holding(document).first().specific
    attachment = next((a for a in page.attachment_list if a.document_id == document.pk), None)
    pages = structured_pages(document)
    trail = breadcrumb_ancestors({"request": request}, page) + [(page.title, page.get_url(request))]
    context = {
        "trail": trail,
        "page": page,
        "file": document,
        "file_title": attachment.title if attachment else document.title,
        "text_pages": pages,
        "headings": headings(pages),
        "text_lang": text_language(document.language),
    }
    return render(request, "pages/accessible_version.html", context)
