"""Keep the registry in step with Wagtail: publications, moves, deletions."""

from django.db.models.signals import pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, post_page_move

from . import registry


def _is_document(page):
    from archive.pages.models import DocumentPage

    return issubclass(page.specific_class or type(page), DocumentPage)


def on_page_published(sender, instance, revision=None, **kwargs):
    # Aliases are other addresses of a document, not documents; a scheduled
    # publication sends this signal before the page is live.
    if kwargs.get("alias") or not instance.live or not _is_document(instance):
        return
    registry.record_publication(instance.specific, revision)


def on_address_changed(sender, instance, **kwargs):
    # Any page: renaming a listing changes the address of every document under it.
    registry.refresh_addresses(instance)


def on_page_deleted(sender, instance, **kwargs):
    if _is_document(instance):
        registry.record_deletion(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="identifiers-published")
    post_page_move.connect(on_address_changed, dispatch_uid="identifiers-moved")
    page_slug_changed.connect(on_address_changed, dispatch_uid="identifiers-renamed")
    # Sent for the Page row whichever kind is deleted (parents of a deleted
    # specific row are collected too), before anything is removed.
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="identifiers-deleted")
