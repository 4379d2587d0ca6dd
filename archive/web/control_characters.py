"""Refuse, with 400, any address that carries control characters.

PostgreSQL cannot hold a NUL in text, not even to compare it, so a «%00»
that reaches a query (a slug, an identifier, a path the API looks up)
answers 500; XML cannot carry most other control characters either. No
address of the archive has them, so they are refused once, here, before any
view or the page cache reads the request, rather than in each view.

Tab, line feed and carriage return stay allowed in the query string: a
person may paste them into the search box, and both PostgreSQL and XML hold
them. A view whose protocol has its own answer for a bad argument (OAI-PMH's
badArgument, which harvesters read) is marked with answers_control_characters
and gets the query string as it came; its address is still checked.
"""

import re
from urllib.parse import unquote_plus

from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.views.defaults import bad_request

IN_PATH = re.compile("[\x00-\x1f\x7f]")
IN_QUERY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
MESSAGE = "La dirección lleva caracteres de control (como %00), que ninguna dirección del archivo admite."


def answers_control_characters(view):
    """Mark a view that refuses control characters in its arguments itself, in its own protocol's terms."""
    view.answers_control_characters = True
    return view


class ControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if IN_PATH.search(request.path_info):
            return refusal(request)
        query = unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        # Resolved only for the rare request that has them, not for every request.
        if IN_QUERY.search(query) and not answers_itself(request.path_info):
            return refusal(request)
        return self.get_response(request)


def answers_itself(path):
    try:
        view = resolve(path).func
    except Resolver404:
        return False
    return getattr(view, "answers_control_characters", False)


def refusal(request):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": MESSAGE}, status=400, json_dumps_params={"ensure_ascii": False})
    # Django's own 400 view, so this page is the same templates/400.html as any other bad request.
    return bad_request(request, exception=None)
