from django.core.cache import cache


def site_navigation(request):
    """The kind listings shown in every page's header, cached between requests."""
    from archive.pages.models import DocumentIndexPage

    nav = cache.get("site-navigation")
    if nav is None:
        nav = [
            {"title": page.title, "url": page.url}
            for page in DocumentIndexPage.objects.live().public().order_by("path")
        ]
        cache.set("site-navigation", nav, 300)
    return {"site_navigation": nav}
