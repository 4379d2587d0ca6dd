"""What the public may see, said once: ``DocumentPage.objects.visible()``.

A document is visible when it is live and neither it nor an ancestor has a
view restriction; a file is visible when a visible document holds it
(``DocumentPage.objects.visible().held_files()``); a document's published versions follow the document.
Search, feeds, OAI-PMH, the catalogue, the API, sitemaps, file downloads and
every listing start from here.

``.public()`` and view restrictions without a query per call.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it
is called, and serving a page reads its ancestors' restrictions again; a
document page did both several times. The restrictions are read once per
content generation instead (archive/web/memo.py): the serving check takes
them from there (archive/pages/routing.py), and ``public()`` turns their
sections into the same condition Wagtail's would.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from archive.web.memo import per_generation


def all_view_restrictions():
    """Every view restriction, with its page's place in the tree and its groups, until the content changes."""
    return per_generation(
        "view-restrictions",
        lambda: list(PageViewRestriction.objects.select_related("page").prefetch_related("groups")),
    )


def restricted_sections():
    """(path, depth) of every page with a view restriction."""
    return sorted({(restriction.page.path, restriction.page.depth) for restriction in all_view_restrictions()})


def public(queryset):
    """``queryset`` minus pages in a restricted section, like ``queryset.public()``."""
    private = Q()
    for path, depth in restricted_sections():
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private) if private else queryset


class DocumentQuerySet(PageQuerySet):
    def visible(self):
        """What the public may see: live, outside every section with a view restriction."""
        return public(self.live())

    def held_files(self):
        """A Q on ArchiveDocument: the files these pages hold, attached or in a kind's own field.

        Subqueries, not id lists, so the filter stays one query however
        large the archive grows.
        """
        pages = self.values("pk")
        attachments = self.model._meta.get_field("attachments").related_model
        held = Q(pk__in=attachments.objects.filter(page__in=pages).values("document_id"))
        for kind, field in self.model.kinds_holding_files():
            held |= Q(pk__in=kind.objects.filter(pk__in=pages).exclude(**{field: None}).values(f"{field}_id"))
        return held
