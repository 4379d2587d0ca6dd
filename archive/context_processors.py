from django.core.cache import cache
from django.utils.functional import SimpleLazyObject


def _kind_listings():
    from archive.pages.models import DocumentIndexPage

    nav = cache.get("site-navigation")
    if nav is None:
        nav = [
            {"title": page.title, "url": page.url}
            for page in DocumentIndexPage.objects.live().public().order_by("path")
        ]
        cache.set("site-navigation", nav, 300)
    return nav


def site_navigation(request):
    """The kind listings shown in every page's footer, cached between requests.

    Lazy, so a page that never shows them (the error page, rendered when the
    database may be down) never queries for them.
    """
    return {"site_navigation": SimpleLazyObject(_kind_listings)}
