"""What publishing a document does, in one place and in one order.

Publishing, unpublishing, moving or renaming a page changes what the public
sees in three places: the permanent registry (a code minted on first
publication, a version recorded), the search index, and the page cache.
Each used to be a receiver of its own app, and their order was the order of
INSTALLED_APPS; here one receiver per Wagtail signal runs the steps
explicitly:

1. the registry (archive/identifiers), in the publishing transaction, so the
   index records the code;
2. the search index (search/indexing.py), after the transaction commits, when
   every relation of the page is written; it bumps the cache generation
   itself once the index holds the change;
3. the page cache generation (archive/web), now and again after commit, so
   no page rendered from the old rows outlives the change.
"""

from django.db import transaction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from archive.identifiers import registry
from archive.pages.models import DocumentPage
from archive.web.cache import bump_generation
from archive.web.language import in_archive_language
from search import indexing


def is_document(page):
    return issubclass(page.specific_class or type(page), DocumentPage)


def documents_under(page):
    return list(DocumentPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def refresh_caches():
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)


@in_archive_language
def on_published(sender, instance, revision=None, **kwargs):
    # Aliases are other addresses of a document, not documents; a scheduled
    # publication sends this signal before the page is live.
    if is_document(instance):
        if instance.live and not kwargs.get("alias"):
            registry.record_publication(instance.specific, revision)
        indexing.schedule([instance.pk])
    refresh_caches()


@in_archive_language
def on_unpublished(sender, instance, **kwargs):
    if is_document(instance):
        indexing.schedule([instance.pk])
    refresh_caches()


@in_archive_language
def on_address_changed(sender, instance, **kwargs):
    # Any page: renaming or moving a listing changes the address of every
    # document under it, in the registry and in the index.
    registry.refresh_addresses(instance)
    indexing.schedule(documents_under(instance))
    refresh_caches()


def connect():
    page_published.connect(on_published, dispatch_uid="publishing-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="publishing-unpublished")
    post_page_move.connect(on_address_changed, dispatch_uid="publishing-moved")
    page_slug_changed.connect(on_address_changed, dispatch_uid="publishing-renamed")
