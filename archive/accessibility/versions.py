"""Which files have an accessible HTML version, and who may read it."""

from django.core.cache import cache

from archive.attachments.models import TextStatus
from archive.pages.models import DocumentPage

from .structure import structure

# Formats whose extracted text is the document's own text, page by page.
# Captions and CSV have their own readable forms (the transcript, the data).
# A word processor's text (DOCX, ODT) too; slides and sheets are not running text.
FORMATS = {"pdf", "txt", "docx", "odt"}


def has_accessible_version(document):
    return bool(document and document.format_key in FORMATS and document.text_status == TextStatus.EXTRACTED)


def public_pages_holding(document):
    """Live pages without view restrictions that list the file as an attachment, oldest first.

    The same rule as the public search: a file attached only to drafts or
    to restricted pages has no public version.
    """
    return DocumentPage.objects.visible().filter(attachments__document=document).order_by("pk").distinct()


def structured_pages(document):
    """The file's text as headings, paragraphs and lists; cached per content (by its checksum)."""
    # By the text's version: an editor's correction of recognised text changes it too.
    key = f"accessible-version:{document.pk}:{document.text_version}"
    pages = cache.get(key)
    if pages is None:
        pages = structure(document.text_pages or [])
        cache.set(key, pages, 60 * 60)
    return pages
