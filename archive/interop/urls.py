from django.urls import path, re_path
from wagtail.contrib.sitemaps.views import sitemap

import archive.web.numbers  # noqa: F401 - registers <id:…>

from . import dcat, feeds, openapi, unapi, views
from .api import api_router
from .sitemaps import SITEMAPS

app_name = "interop"

urlpatterns = [
    path("cita/<id:page_id>.<str:fmt>", views.citation, name="citation"),
    path("oai/", views.oai_pmh, name="oai"),
    # unAPI: Zotero saves a document from it as what it is, its institutions whole (interop/unapi.py).
    path("unapi", unapi.unapi, name="unapi"),
    path("catalogo.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogo.json", views.catalogue_json, name="catalogue_json"),
    # The description of the public JSON API (OpenAPI 3.1): a stable address for clients and explorers.
    path("api/openapi.json", openapi.openapi_json, name="openapi"),
    # The catalogue in DCAT-US (Project Open Data v1.1), where data portals' harvesters look for it.
    path("data.json", dcat.data_json, name="data_json"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("feeds/documentos.atom", feeds.DocumentsFeed(), name="feed"),
    # Any text before .atom reaches the feed, which answers unknown names
    # with the site's Spanish 404 page.
    re_path(r"^feeds/etapa/(?P<slug>[^/]+)\.atom$", feeds.PhaseFeed(), name="phase_feed"),
    re_path(r"^feeds/tipo/(?P<slug>[^/]+)\.atom$", feeds.KindFeed(), name="kind_feed"),
    re_path(r"^feeds/actor/(?P<slug>[^/]+)\.atom$", feeds.ActorFeed(), name="actor_feed"),
    re_path(r"^feeds/eje/(?P<slug>[^/]+)\.atom$", feeds.AxisFeed(), name="axis_feed"),
]

# Outside the app namespace: Wagtail's API reverses its own "wagtailapi" names.
api_urlpatterns = [path("api/v2/", api_router.urls)]
