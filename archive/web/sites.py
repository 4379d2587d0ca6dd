"""The Wagtail site of a request and its home page, without a query per request.

Wagtail looks the site up (one query) and then its home page's own row
(another) on every request. Both change only when an editor edits a site or
the home page, which bumps the content generation, so each process keeps
them per generation (archive/web/memo.py): every site with its home page,
and which site Wagtail itself picked for each hostname and port asked so far.
Each request gets its own copies: nothing a request sets on them reaches
another.
"""

import copy

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from archive.compat import forget_specific, keep_specific, set_request_site

from .memo import per_generation

# Hostnames and ports remembered per generation: the Host header is the
# visitor's to write, so past this many Wagtail is asked each time.
MAX_PICKS = 64


class KnownSites:
    """The sites of one content generation, and Wagtail's pick for each hostname and port."""

    def __init__(self):
        self.by_pk = {}
        for site in Site.objects.select_related("root_page"):
            # Wagtail routes from ``site.root_page.specific``: read here, so the
            # home page's own row is read once per generation.
            site.root_page.specific  # noqa: B018
            self.by_pk[site.pk] = site
        self.picks = {}

    def pick(self, request, hostname, port):
        """The site Wagtail picks for the request, or None to let Wagtail pick it again later."""
        key = (hostname, port)
        if key not in self.picks:
            # Wagtail's own choice (one query), made once per generation.
            picked = Site.find_for_request(request)
            if len(self.picks) >= MAX_PICKS:
                return None
            self.picks[key] = picked.pk if picked is not None else None
        return self.by_pk.get(self.picks[key])


def _private_copy(site):
    """The site, its root page and the root's specific page, copied for one request.

    ``root_page`` stays a plain Page, as Wagtail's own lookup leaves it.
    """
    root = copy.copy(site.root_page)
    home = copy.copy(site.root_page.specific)
    forget_specific(home)
    keep_specific(root, home)
    mine = copy.copy(site)
    mine.root_page = root
    return mine


class KnownSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            hostname = None  # Django answers 400 further on
        if hostname is not None:
            site = per_generation("sites", KnownSites).pick(request, hostname, request.get_port())
            if site is not None:
                set_request_site(request, _private_copy(site))
        return self.get_response(request)
