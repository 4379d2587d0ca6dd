"""sitemap.xml: every page the public may see.

Wagtail's sitemap lists the live, public pages of the site (home, listings,
documents); the phase, actor and axis pages are Django views, so they get a
sitemap of their own, on the same host as the pages: search engines ignore
the entries of a sitemap that name another host.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from archive.taxonomy.models import Actor, Axis, Phase
from archive.web.canonical import root_url


class TaxonomyEntries(DjangoSitemap):
    """The entries themselves: addresses of Django views, written the way Django's sitemaps write them."""

    def items(self):
        items = [reverse("taxonomy:phases"), reverse("taxonomy:actors")]
        for model in (Phase, Actor, Axis):
            items += [term.get_absolute_url() for term in model.objects.order_by("pk")]
        return items

    def location(self, item):
        return item


class TaxonomySitemap(WagtailSitemap):
    """TaxonomyEntries on the Wagtail site's scheme and host.

    A Wagtail sitemap only so that Wagtail's sitemap view hands it the
    request (to find the site); Wagtail's way of writing entries is for pages.
    """

    def items(self):
        return TaxonomyEntries().items()

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(root_url(fallback=self.get_wagtail_site().root_url, request=self.request))
        return TaxonomyEntries().get_urls(page, site=SimpleNamespace(domain=root.netloc), protocol=root.scheme)


SITEMAPS = {"paginas": WagtailSitemap, "taxonomia": TaxonomySitemap}
