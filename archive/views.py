import sys

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# How long a client is asked to wait while the database cannot be reached:
# long enough for a restart, short enough that a reader retrying soon succeeds.
DATABASE_RETRY_AFTER = 30


def wants_json(request):
    """The API's clients read JSON: /api/ always, elsewhere a client that asks for JSON and not HTML."""
    if request.path_info.startswith("/api/"):
        return True
    accept = request.META.get("HTTP_ACCEPT", "")
    return "application/json" in accept and "text/html" not in accept


def _json(message, status):
    return JsonResponse({"message": message}, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(request, exception=None):
    if request.path_info.startswith("/api/"):
        return _json(_("No hay nada público en esta dirección."), 404)
    # The language links of an error page lead home: repeating the address
    # asked for would echo the slug of a private page into the answer.
    request.error_page = True
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this inside its except block: the exception is the one being handled.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    if wants_json(request):
        return _json(_("Tuvimos un problema al responder. No es un error tuyo."), 500)
    request.error_page = True
    return render(request, "500.html", status=500)


def database_unavailable(request):
    """503 with Retry-After: the database cannot be reached (stopped, restarting, or locked), not a fault of the page."""
    if wants_json(request):
        response = _json(_("El archivo no está disponible por unos momentos. Intenta de nuevo en un minuto."), 503)
    else:
        # Rendered without a request: its context processors may need the database.
        response = render(None, "503.html", status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
