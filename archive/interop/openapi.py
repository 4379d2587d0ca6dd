"""OpenAPI 3.1 description of the archive's public JSON API, served at /api/openapi.json.

Written by hand, beside the views it describes: the search (/api/buscar/,
search/views.py), Wagtail's read-only API v2 as the archive restricts it
(/api/v2/, api.py) and the catalogue (/catalogo.json, views.py). Parameters
and answers are described as the views read and write them, Spanish error
messages included; tests/interop/test_openapi.py validates the document and
drives the API's hostile-input tests from it (schemathesis), so a parameter
or field added to a view without its line here fails there.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from archive.identity import current as identity
from archive.web.canonical import root_url
from search.facets import FACETS
from search.params import MAX_PAGE, ORDERS

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"

MESSAGE = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string", "description": "Qué estuvo mal, en español."}},
}
SEARCH_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "description": "Qué estuvo mal, en español."}},
}
FACET_DESCRIPTIONS = {
    "tipo": "Tipo de documento (convocatoria, minuta, carta…), por su identificador.",
    "etapa": "Etapa del proceso, por su identificador.",
    "actor": "Actor (institución o persona), por su identificador.",
    "eje": "Eje temático, por su identificador.",
    "anio": "Año del documento.",
    "formato": "Formato de sus archivos (pdf, video…).",
}
NULLABLE_STRING = {"type": ["string", "null"]}


def json_response(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _search_operation():
    hit = {
        "type": "object",
        "required": ["title", "url", "permalink", "kind", "date", "summary", "snippet"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "permalink": {"type": "string", "format": "uri"},
            "kind": {"type": "string"},
            "kind_label": {"type": "string"},
            "date": {**NULLABLE_STRING, "description": "AAAA-MM-DD, o null si no tiene fecha."},
            "date_label": {"type": "string"},
            "phase": {"type": "string"},
            "actors": {"type": "array", "items": {"type": "string"}},
            "summary": {"type": "string"},
            "snippet": {"type": "string", "description": "Fragmento con las palabras buscadas marcadas con <mark>."},
            "missing": {"type": "array", "items": {"type": "string"}},
            "passage": {
                "type": "object",
                "required": ["label", "url"],
                "properties": {"label": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
            },
        },
    }
    facet_value = {
        "type": "object",
        "required": ["value", "label", "count", "selected"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        },
    }
    result = {
        "type": "object",
        "required": ["count", "page", "pages", "results", "facets"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 0},
            "order": {"type": "string"},
            "fallback": {"type": ["boolean", "string", "null"]},
            "notices": {"type": "array", "items": {"type": "string"}},
            "suggestion": {"type": ["string", "null"]},
            "results": {"type": "array", "items": hit},
            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": facet_value}},
        },
    }
    parameters = [
        {"name": "q", "in": "query", "description": "Palabras, «frases exactas», -excluidas.",
         "schema": {"type": "string"}},
        {"name": "orden", "in": "query", "description": "Orden de los resultados.",
         "schema": {"type": "string", "enum": list(ORDERS)}},
        {"name": "pagina", "in": "query", "description": f"Página de resultados (20 por página; hasta {MAX_PAGE}).",
         "schema": {"type": "integer", "minimum": 1}},
    ]
    parameters += [
        {"name": facet, "in": "query", "description": FACET_DESCRIPTIONS.get(facet, ""), "style": "form",
         "explode": True, "schema": {"type": "array", "items": {"type": "string"}}}
        for facet in FACETS
    ]
    return {
        "get": {
            "operationId": "buscar",
            "summary": "Búsqueda en el archivo, con facetas",
            "description": "Los mismos parámetros y resultados que la página /buscar/.",
            "parameters": parameters,
            "responses": {
                "200": json_response(result, "Resultados de la búsqueda."),
                "400": json_response(SEARCH_ERROR, "Un parámetro que no se puede leer."),
            },
        }
    }


def _wagtail_operations(endpoint, label, item_schema, filters):
    """A Wagtail API v2 listing and detail, as api.py restricts them."""
    listing_parameters = [
        {"name": "limit", "in": "query", "description": "Cuántos elementos (0 a 20).",
         "schema": {"type": "integer", "minimum": 0, "maximum": 20}},
        {"name": "offset", "in": "query", "description": "Desde qué elemento.",
         "schema": {"type": "integer", "minimum": 0}},
        {"name": "fields", "in": "query", "description": "Campos a incluir, separados por comas (title,slug).",
         "schema": {"type": "string"}},
        {"name": "order", "in": "query", "description": "Campo por el que ordenar; «-» delante invierte el orden.",
         "schema": {"type": "string"}},
        *filters,
    ]
    listing = {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {"type": "object", "required": ["total_count"],
                     "properties": {"total_count": {"type": "integer", "minimum": 0}}},
            "items": {"type": "array", "items": item_schema},
        },
    }
    refused = json_response(MESSAGE, "Un parámetro que no se puede leer, o una búsqueda (usa /api/buscar/).")
    missing = json_response(MESSAGE, "No hay nada público con ese número.")
    return {
        f"/api/v2/{endpoint}/": {
            "get": {
                "operationId": f"{endpoint}_lista",
                "summary": f"{label}: lista",
                "parameters": listing_parameters,
                "responses": {"200": json_response(listing, f"{label}."), "400": refused, "404": missing},
            }
        },
        f"/api/v2/{endpoint}/{{id}}/": {
            "get": {
                "operationId": f"{endpoint}_detalle",
                "summary": f"{label}: uno",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
                    {"name": "fields", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": json_response(item_schema, f"{label}: uno."), "400": refused, "404": missing},
            }
        },
    }


def _api_item(meta_required):
    return {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": {"type": "integer"},
            "meta": {"type": "object", "required": meta_required, "properties": {
                "type": {"type": "string"},
                "detail_url": {"type": "string", "format": "uri"},
                "html_url": {"type": ["string", "null"]},
                "download_url": {"type": "string"},
            }},
            "title": {"type": "string"},
        },
    }


def _catalogue_operation():
    file_entry = {
        "type": "object",
        "required": ["title", "url", "format", "size", "sha256"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "format": {"type": "string"},
            "size": {"type": ["integer", "null"]},
            "sha256": {"type": "string"},
            "checked_at": NULLABLE_STRING,
            "ok": {"type": ["boolean", "null"]},
        },
    }
    document = {
        "type": "object",
        "required": ["id", "reference_code", "title", "kind", "permanent_url", "files"],
        "properties": {
            "id": {"type": "integer"},
            "reference_code": {"type": "string"},
            "title": {"type": "string"},
            "kind": {"type": "string"},
            "kind_label": {"type": "string"},
            "date": {"type": "string"},
            "phase": {"type": "string"},
            "authors": {"type": "array", "items": {"type": "string"}},
            "licence": {"type": "string"},
            "permanent_url": {"type": "string", "format": "uri"},
            "files": {"type": "array", "items": file_entry},
        },
    }
    catalogue = {
        "type": "object",
        "required": ["name", "generated", "count", "documents"],
        "properties": {
            "name": {"type": "string"},
            "generated": {"type": "string", "format": "date-time"},
            "count": {"type": "integer", "minimum": 0},
            "documents": {"type": "array", "items": document},
        },
    }
    return {
        "get": {
            "operationId": "catalogo",
            "summary": "Catálogo completo: un registro por documento público, con sus archivos y su integridad",
            "responses": {"200": json_response(catalogue, "El catálogo.")},
        }
    }


def description(request=None):
    """The OpenAPI document, as a dict."""
    archive = identity.for_request(request)
    id_filter = [
        {"name": "id", "in": "query", "description": "Solo el elemento con este número.",
         "schema": {"type": "integer", "minimum": 1}},
    ]
    page_filters = [
        {"name": "type", "in": "query", "description": "Modelo de página, como pages.MinutesPage.",
         "schema": {"type": "string"}},
        *id_filter,
        {"name": "child_of", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "descendant_of", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    ]
    paths = {
        reverse("search:search_api"): _search_operation(),
        **_wagtail_operations("pages", "Páginas públicas", _api_item(["type", "detail_url"]), page_filters),
        **_wagtail_operations("documents", "Archivos de documentos públicos", _api_item(["type", "detail_url"]),
                              id_filter),
        reverse("interop:catalogue_json"): _catalogue_operation(),
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": f"API de {archive.name}",
            "version": API_VERSION,
            "summary": "Datos abiertos del archivo: búsqueda, páginas, archivos y catálogo. Solo lectura, sin claves.",
            "contact": {"email": archive.admin_email},
        },
        "servers": [{"url": root_url(request=request)}],
        "paths": paths,
    }


@require_GET
def openapi_json(request):
    response = JsonResponse(description(request), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"  # API explorers read it from other origins
    return response
