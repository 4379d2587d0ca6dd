"""Keep the registry in step with Wagtail's deletions.

Publications, moves and renames reach the registry through the publishing
pipeline (archive/publishing/pipeline.py), which runs it before the search
index and the page cache.
"""

from django.db.models.signals import pre_delete
from wagtail.models import Page

from . import registry


def _is_document(page):
    from archive.pages.models import DocumentPage

    return issubclass(page.specific_class or type(page), DocumentPage)


def on_page_deleted(sender, instance, **kwargs):
    if _is_document(instance):
        registry.record_deletion(instance)


def connect():
    # Sent for the Page row whichever kind is deleted (parents of a deleted
    # specific row are collected too), before anything is removed.
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="identifiers-deleted")
