from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from archive.web.memo import per_generation


def _load_kind_listings():
    from archive.pages.models import DocumentIndexPage

    return [
        {"title": page.display_title, "url": page.url}
        for page in DocumentIndexPage.objects.live().public().order_by("path")
    ]


def _kind_listings():
    # Kept per content generation, as the pages that show it are: a renamed
    # listing reaches the footer with the very request that re-renders the
    # page. With the cache unreachable, read from the database.
    # One copy per language: titles and addresses differ under /en/.
    return per_generation(f"site-navigation:{get_language()}", _load_kind_listings)


def site_navigation(request):
    """The kind listings shown in every page's footer, read once per content generation.

    Lazy, so a page that never shows them (the error page, rendered when the
    database may be down) never queries for them.
    """
    return {"site_navigation": SimpleLazyObject(_kind_listings)}
