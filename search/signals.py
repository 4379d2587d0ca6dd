"""Model signals that keep the public search index current (publishing: archive/publishing)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from archive.attachments.models import ArchiveDocument
from archive.pages.models import DocumentPage
from archive.taxonomy.models import Actor, Axis, Phase

from . import indexing
from .models import SearchRecord


def _document_ids_under(page):
    return DocumentPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)


def on_page_saved_not_live(sender, instance, **kwargs):
    """Any save that leaves a document not live takes it out of search, whatever path saved it.

    Wagtail signals an unpublish only from its own unpublish action; a page
    row saved with live=False by another path (a stale background save, a
    script, a revision published over it) would otherwise stay findable.
    """
    if kwargs.get("raw") or not isinstance(instance, DocumentPage) or instance.live:
        return
    if SearchRecord.objects.filter(pk=instance.pk).exists():
        indexing.schedule([instance.pk])


def on_page_delete(sender, instance, **kwargs):
    indexing.schedule([instance.pk])


def on_restriction_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading an archive (loaddata, import_archive): it rebuilds the index itself
    indexing.schedule(_document_ids_under(instance.page))


def on_file_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    indexing.schedule(set(DocumentPage.holding(instance).values_list("pk", flat=True)))


def on_term_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    # Names and aliases of terms are searched as part of each document.
    if isinstance(instance, Actor):
        pages = DocumentPage.objects.filter(actor_links__actor=instance)
    elif isinstance(instance, Phase):
        pages = DocumentPage.objects.filter(phase=instance)
    else:
        pages = DocumentPage.objects.filter(axes=instance)
    indexing.schedule(set(pages.live().values_list("pk", flat=True)))


def connect():
    # Publishing, unpublishing, moving and renaming: archive/publishing/pipeline.py.
    post_delete.connect(on_page_delete, sender=DocumentPage, dispatch_uid="archive_search_delete")
    # Every kind: post_save is sent with the concrete class as sender.
    post_save.connect(on_page_saved_not_live, dispatch_uid="archive_search_not_live")
    post_save.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="archive_search_restrict")
    post_delete.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="archive_search_unrestrict")
    post_save.connect(on_file_change, sender=ArchiveDocument, dispatch_uid="archive_search_file")
    for model in (Actor, Phase, Axis):
        post_save.connect(on_term_change, sender=model, dispatch_uid=f"archive_search_term_{model.__name__}")
