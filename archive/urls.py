import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from archive.accessibility import urls as accessibility_urls
from archive.attachments import urls as attachment_urls
from archive.comments import urls as comments_urls
from archive.figures import urls as figures_urls
from archive.glossary import urls as glossary_urls
from archive.identifiers import urls as identifier_urls
from archive.interop import urls as interop_urls
from archive.security import urls as document_urls
from archive.taxonomy import urls as taxonomy_urls
from archive.timeline import urls as timeline_urls
from archive.views import not_found
from archive.web import language
from search import urls as search_urls


# Public pages are in Spanish at their own addresses and in English under
# /en/ (archive/web/language.py); the admin, files and machine formats have one address.
def in_both_languages(*patterns):
    return i18n_patterns(*patterns, prefix_default_language=False)


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    *in_both_languages(
        # Permanent addresses (/id/AGA-CDMX-2022-MIN-003/): before Wagtail's
        # catch-all, so no page slug can ever shadow them.
        path("id/", include(identifier_urls)),
        # The accessible HTML version of a file (/documentos/<id>/version-accesible/), beside its download.
        path("documentos/", include(accessibility_urls)),
    ),
    # The thumbnail of a PDF's first page (/documentos/<id>/miniatura/).
    path("documentos/", include(attachment_urls)),
    # Wagtail's document downloads, refused for hidden documents and sent so they never render as our pages.
    path("documentos/", include(document_urls)),
    *in_both_languages(
        # The scripts' messages in the reader's language (static/js: suggestions, filters, copy buttons).
        path("jsi18n/", cache_page(24 * 3600)(JavaScriptCatalog.as_view()), name="javascript-catalog"),
        path("", include(glossary_urls)),
        path("", include(search_urls)),
        path("", include(taxonomy_urls)),
        path("", include(timeline_urls)),
        path("", include(figures_urls)),
        # Member comments: log in (/cuenta/entrar/), write (/comentar/<id>/), follow (/cuenta/comentarios/).
        path("", include(comments_urls)),
    ),
    # Citation files, OAI-PMH, feeds, sitemap, catalogue and the read-only API.
    path("", include(interop_urls)),
    path("", include(interop_urls.api_urlpatterns)),
    # The language switcher: /idioma/en/?siguiente=/buscar/ opens /en/buscar/ and remembers English.
    path("idioma/<str:code>/", language.switch, name="switch_language"),
]

# The media folder's documents/ and original_images/ hold every upload,
# drafts' and private ones too: files go only through /documentos/, which
# checks who asks. In production the web server serves at most the image
# renditions (MEDIA_ROOT/images/); development serves exactly those, so
# nothing works there that production would refuse.
urlpatterns += [re_path(r"^" + re.escape(settings.MEDIA_URL.lstrip("/")) + "documents/", not_found)]

if settings.DEBUG:
    from pathlib import Path

    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL + "images/", document_root=Path(settings.MEDIA_ROOT) / "images")
    urlpatterns += [re_path(r"^" + re.escape(settings.MEDIA_URL.lstrip("/")), not_found)]

urlpatterns += in_both_languages(path("", include(wagtail_urls)))

handler404 = "archive.views.not_found"
handler500 = "archive.views.server_error"
