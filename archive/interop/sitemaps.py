"""sitemap.xml: every page the public may see.

Wagtail's sitemap lists the live, public pages of the site (home, listings,
documents); the phase, actor and axis pages are Django views, so they get a
sitemap of their own, on the same host as the pages: search engines ignore
the entries of a sitemap that name another host.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from archive.taxonomy.models import Actor, Axis, Phase


class TaxonomySitemap(WagtailSitemap):
    def items(self):
        items = [reverse("taxonomy:phases"), reverse("taxonomy:actors")]
        for model in (Phase, Actor, Axis):
            items += [term.get_absolute_url() for term in model.objects.order_by("pk")]
        return items

    def location(self, item):
        return item

    def lastmod(self, item):
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        # The Wagtail site's scheme and host, as the pages' entries have.
        root = urlsplit(self.get_wagtail_site().root_url)
        return DjangoSitemap._urls(self, page, root.scheme, root.netloc)


SITEMAPS = {"paginas": WagtailSitemap, "taxonomia": TaxonomySitemap}
