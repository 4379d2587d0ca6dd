"""The search page and its JSON twin: same parameters, same results."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

from archive.web.canonical import absolute
from archive.web.control_characters import answers_control_characters

from .engine import search
from .params import InvalidSearch, SearchParams
from .vocabulary import FACET_LABELS


def _run(request):
    """(result, error message, status)."""
    try:
        params = SearchParams.from_querydict(request.GET)
    except InvalidSearch as exc:
        return None, str(exc), 400
    return search(params), "", 200


# The search reads the words typed and drops control characters itself
# (search/query.py clean_input): text pasted from a PDF may carry them.
@answers_control_characters
def search_page(request):
    result, error, status = _run(request)
    context = {"result": result, "error": error, "facet_labels": {facet: gettext(label) for facet, label in FACET_LABELS.items()}, "query": request.GET.get("q", "")}
    response = render(request, "pages/search.html", context, status=status)
    # Result lists are for people, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response


def _hit_json(request, hit):
    record = hit.record
    item = {
        "title": record.title,
        "url": absolute(record.url, request),
        "permalink": absolute(record.display.get("permalink") or record.url, request),
        "kind": record.kind,
        "kind_label": record.display.get("kind_label", ""),
        "date": record.date.isoformat() if record.date else None,
        "date_label": record.date_label,
        "phase": record.display.get("phase", ""),
        "actors": record.display.get("actors", []),
        "summary": record.summary,
        "snippet": str(hit.snippet),
    }
    if hit.missing:
        item["missing"] = hit.missing
    if hit.passage is not None:
        item["passage"] = {"label": hit.passage.label, "url": absolute(hit.passage.url, request)}
    return item


@answers_control_characters
def search_api(request):
    result, error, status = _run(request)
    if result is None:
        return JsonResponse({"error": error}, status=status, json_dumps_params={"ensure_ascii": False})
    data = {
        "count": result.count,
        "page": result.page,
        "pages": result.pages,
        "order": result.order,
        "fallback": result.fallback,
        "notices": result.notices,
        "suggestion": result.suggestion,
        "results": [_hit_json(request, hit) for hit in result.hits],
        "facets": {
            facet: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for facet, values in result.facets.items()
        },
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response


def health(request):
    """What monitoring asks: the database answers and the search index can be read (503 when not)."""
    from django.db import connection

    from .backends import get_backend
    from .models import SearchRecord

    status = {"base_de_datos": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        records = SearchRecord.objects.count()
    except Exception as exc:  # noqa: BLE001 - the point is to report it
        status["base_de_datos"] = f"no responde: {exc.__class__.__name__}"
        records = None
    backend = get_backend()
    check = getattr(backend, "health", None)
    ok, detail = check() if check else (True, backend.name)
    status["buscador"] = {"motor": backend.name, "ok": ok, "detalle": detail, "registros_en_la_base": records}
    healthy = ok and status["base_de_datos"] == "ok"
    response = JsonResponse(status, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response
