"""What the public may see, in the shapes harvesters need.

Every export (citations, OAI-PMH, feeds, sitemap, catalogue, API) starts
from these helpers, so "visible to the public" means one thing everywhere:
a live page with no view restriction on it or its ancestors, as the search
index computes it (``DocumentPage.objects.visible()``).
"""

import re

from django.apps import apps
from django.db.models import Prefetch

from archive.attachments.models import ArchiveDocument
from archive.pages.models import DocumentActor, DocumentAttachment, DocumentPage

# XML 1.0 cannot carry most control characters, not even escaped; a title
# pasted from a word processor can hold one, and one is enough to make a
# whole OAI-PMH page or feed unreadable to a harvester.
XML_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    return XML_INVALID.sub("", str(value or ""))


def one_line(value):
    """Collapse whitespace: line-based formats (RIS, CSV headers) must not be split."""
    return " ".join(str(value or "").split())


def public_documents():
    return DocumentPage.objects.visible()


def with_metadata(queryset):
    """Specific pages with the relations every export reads, in a fixed number of queries."""
    extra = []
    if apps.is_installed("archive.identifiers"):
        # The permanent code (DocumentPage.permanent_identifier reads this
        # reverse one-to-one): one query for all pages instead of one each.
        extra.append("identifier_record")
    return (
        queryset.specific()
        # A plain select_related joins the generic query, whose rows .specific()
        # replaces: the phase would then cost one query per page.
        .select_related("phase", for_specific_subqueries=True)
        .prefetch_related(
            Prefetch("actor_links", queryset=DocumentActor.objects.select_related("actor")),
            Prefetch("attachments", queryset=DocumentAttachment.objects.select_related("document")),
            "axes",
            "elements",
            "tags",
            *extra,
        )
    )


def permanent_url(page):
    # The identifiers app gives pages a permanent address (/id/<code>/);
    # until a page has one, its full address is the best we can offer.
    return getattr(page, "permanent_url", None) or page.full_url


def reference_code(page):
    """The page's reference code (AGA-CDMX-2022-MIN-003) when the identifiers app assigned one."""
    code = getattr(page, "reference_code", None)
    return code if isinstance(code, str) else ""


def page_files(page, kind_files=None):
    """(label, ArchiveDocument) of every file the page holds: attachments, then those of the kind's own fields.

    ``kind_files`` maps ids to documents already fetched in bulk, so a
    listing does not cost a query per video.
    """
    files = [(attachment.title, attachment.document) for attachment in page.attachment_list]
    for label, file_id in page.own_file_ids():
        document = (kind_files or {}).get(file_id)
        if document is None:
            document = ArchiveDocument.objects.filter(pk=file_id).first()
        if document is not None:
            files.append((label, document))
    return files


def kind_files_for(pages):
    ids = {file_id for page in pages for _label, file_id in page.own_file_ids()}
    return ArchiveDocument.objects.in_bulk(ids) if ids else {}


def is_public_file(document):
    """The file is in a collection anyone may see and a live public document holds it."""
    if document.collection_id and document.collection.get_view_restrictions().exists():
        return False
    return ArchiveDocument.objects.filter(DocumentPage.objects.visible().held_files(), pk=document.pk).exists()


def iter_in_batches(queryset, size=200):
    """Yield the specific pages of ``queryset`` with metadata, ``size`` at a time.

    Keeps memory flat for a full export while the queries per batch stay fixed.
    """
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        yield list(with_metadata(queryset.filter(pk__in=batch).order_by("pk")))
