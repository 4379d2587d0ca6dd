"""The old address of a withdrawn document answers 410 Gone, with its citation.

Wagtail answers 404 for an unpublished page, which tells a reader the link
was mistyped. A withdrawn document is different: it existed, was cited, and
the archive says when and why it left. Only 404 responses are looked at, so
published pages cost nothing.
"""

from django.db.models import Q
from wagtail.models import Site

from .models import Identifier
from .views import withdrawal_is_public, withdrawn


def withdrawn_at_path(request, path):
    if "\0" in path:  # PostgreSQL refuses NUL in text
        return None
    paths = {path, path if path.endswith("/") else path + "/"}
    query = Q(last_url__in=paths)
    site = Site.find_for_request(request)
    if site is not None:
        # The page's present address too: a withdrawn page can still be
        # renamed as a draft, and Wagtail's redirect then points there.
        root = site.root_page.url_path
        query |= Q(page__url_path__in=[root + p.lstrip("/") for p in paths])
    return Identifier.objects.filter(query, withdrawn_at__isnull=False).order_by("-withdrawn_at").first()


class WithdrawnDocumentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        identifier = withdrawn_at_path(request, request.path)
        if identifier is None or not withdrawal_is_public(identifier):
            return response
        return withdrawn(request, identifier)
