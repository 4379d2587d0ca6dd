"""sitemap.xml: every page the public may see.

Wagtail's sitemap lists the live, public pages of the site (home, listings,
documents); the phase, actor and axis pages are Django views, so they get a
sitemap of their own.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from archive.taxonomy.models import Actor, Axis, Phase


class TaxonomySitemap(Sitemap):
    def items(self):
        items = [reverse("taxonomy:phases"), reverse("taxonomy:actors")]
        for model in (Phase, Actor, Axis):
            items += [term.get_absolute_url() for term in model.objects.order_by("pk")]
        return items

    def location(self, item):
        return item


SITEMAPS = {"paginas": WagtailSitemap, "taxonomia": TaxonomySitemap}
