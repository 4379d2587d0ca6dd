"""Wagtail's read-only API v2 at /api/v2/, limited to what the public may see.

Wagtail's own endpoints list every document and image in an unrestricted
collection, whether or not any published page uses it, and its pages
endpoint lets a visitor who passed a password or belongs to a group see
restricted pages. An open-data API must not depend on who asks: these
endpoints list only live pages without any view restriction, and only the
files those pages hold.

The endpoints do not search: ``search`` and ``search_operator`` answer 400
pointing to /api/buscar/. Wagtail's search would run the database backend's
raw query syntax (a lone «"» or a blank query answered 500 on SQLite) and
match without the archive's Spanish analysis, synonyms and facets; the
archive's own search does all of that, and finds documents, not files.

Every other bad parameter answers 400 with a Spanish message too: numbers
are read as in the rest of the archive (archive/web/numbers.py) before
Wagtail reads them, and Wagtail's English refusals are put into Spanish.
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from archive.pages.models import DocumentPage
from archive.web.canonical import absolute
from archive.web.numbers import MAX_DIGITS, whole_number

SEARCH_REFUSED = (
    "Esta API no hace búsquedas. Usa la búsqueda del archivo, /api/buscar/?q=…, que entiende el español "
    "(acentos, plurales, siglas) y cuenta los resultados por tipo, etapa, actor, eje y año."
)
# Page ids; "root" names the site's home page, except for ancestor_of (Wagtail's rule).
PAGE_PARAMETERS = {"child_of": True, "descendant_of": True, "translation_of": True, "ancestor_of": False}
FORMATS = ("json", "api")

# Wagtail's refusals are English and not translatable. Here in Spanish,
# matched whole; one not listed (from a newer Wagtail) keeps Wagtail's words
# after a Spanish lead-in rather than being lost.
SPANISH = [
    (r"query parameter is not an operation or a recognised field: (.+)", "Parámetro desconocido: {0}."),
    (r"unknown fields: (.+)", "«fields» nombra campos que no existen: {0}."),
    (r"'(.+)' does not support nested fields", "El campo «{0}» no tiene subcampos."),
    (r"fields error: .*", "«fields» no se entiende: escribe nombres de campo separados por comas, como fields=title,slug."),
    (r"type doesn't exist", "«type» no es un tipo de página: usa uno como pages.MinutesPage."),
    (r"cannot order by '(.+)' \(\w+ field\)", "No se puede ordenar por «{0}»."),
    (r"random ordering cannot be combined with other fields", "«order=random» no se combina con otros campos."),
    (r"random ordering with offset is not supported", "«order=random» no admite «offset»."),
    (r"field filter error\. '(.*)' is not a valid value for (\w+) .*", "«{0}» no es un valor válido para «{1}»."),
    (r"field filter error\. null characters are not allowed for (\w+)", "«{0}» no admite caracteres nulos."),
    (r"(?:parent|ancestor|descendant|translation_of) page doesn't exist",
     "La página que nombra el filtro no existe o no es pública."),
    (r"filtering by descendant_of with child_of is not supported", "«descendant_of» no se combina con «child_of»."),
    (r"rich_text_format must be one of (.+), got .*", "«rich_text_format» debe ser uno de estos: {0}."),
    (r"Field 'port' expected a number .*", "«site»: el puerto, después de «:», debe ser un número."),
    (r"Your query returned multiple sites\..*", "Varios sitios tienen ese nombre: añade el puerto, como site=ejemplo.org:443."),
]


def in_spanish(message):
    for pattern, spanish in SPANISH:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            return spanish.format(*match.groups())
    return f"Parámetro no válido ({message})."


class Refusal(BadRequestError):
    """A 400 whose body is already written (in Spanish)."""

    def __init__(self, message, **extra):
        super().__init__(message)
        self.body = {"message": message, **extra}


def check_parameters(request):
    """Refuse what Wagtail would search with, misread (int() takes «٣», « 5», «3_0») or pass to the database unchecked."""
    params = request.query_params
    if "search" in params or "search_operator" in params:
        search_url = absolute(reverse("search:search_api"), request)
        if params.get("search"):
            search_url += "?" + urlencode({"q": params["search"]})
        raise Refusal(SEARCH_REFUSED, search_url=search_url)

    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    if "limit" in params:
        limit = whole_number(params["limit"])
        if limit is None or (limit_max and limit > limit_max):
            most = f"de 0 a {limit_max}" if limit_max else f"de hasta {MAX_DIGITS} cifras"
            raise Refusal(f"«limit» debe ser un número {most}, escrito con cifras (0-9).")
    for name in ("offset", "id"):
        if name in params and whole_number(params[name]) is None:
            raise Refusal(f"«{name}» debe ser un número de hasta {MAX_DIGITS} cifras (0-9).")
    for name, root_allowed in PAGE_PARAMETERS.items():
        value = params.get(name)
        if value is None or (root_allowed and value == "root"):
            continue
        if whole_number(value) is None:
            root = " o «root»" if root_allowed else ""
            raise Refusal(f"«{name}» debe ser el número de una página (hasta {MAX_DIGITS} cifras, 0-9){root}.")
    if "format" in params and params["format"] not in FORMATS:
        raise Refusal("«format» debe ser json o api.")


class CheckedParametersMixin:
    """Parameters checked before Wagtail reads them; every refusal in Spanish, none a 500."""

    def initial(self, request, *args, **kwargs):
        # Before DRF's content negotiation, which answers an unknown ?format= with an empty 404.
        check_parameters(request)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        response = self._refusal(exc)
        # A refusal is JSON whatever the client accepts: the browsable API's
        # HTML would wrap the Spanish message in DRF's English page.
        if response.status_code >= 400:
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = "application/json"
        return response

    def _refusal(self, exc):
        if isinstance(exc, Refusal):
            return Response(exc.body, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, BadRequestError):
            return Response({"message": in_spanish(str(exc))}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, Http404):
            if self.action == "listing_view":
                # A listing fetches no single record: only ?site= or ?locale= naming nothing gets here.
                message = "Ningún sitio ni idioma coincide con «site» o «locale»."
                return Response({"message": message}, status=status.HTTP_400_BAD_REQUEST)
            message = "No hay nada público con ese número o en esa dirección."
            return Response({"message": message}, status=status.HTTP_404_NOT_FOUND)
        return super().handle_exception(exc)


def without_search(backends):
    # Besides the refusal above: Wagtail's search can never run here, whatever the parameters.
    return [backend for backend in backends if backend is not SearchFilter]


class PublicPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    filter_backends = without_search(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        # .public() drops every restricted page, whoever is asking.
        return super().get_base_queryset().public()


class PublicDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    filter_backends = without_search(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(DocumentPage.objects.visible().held_files())


class PublicImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    filter_backends = without_search(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        # No kind of document holds images today (their files are documents),
        # so no image is public through the API. When a kind gains an image
        # field, filter on it here as held_files does for documents.
        return super().get_queryset().none()


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
