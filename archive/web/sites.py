"""The Wagtail site of a request and its home page, without a query per request.

Wagtail looks the site up (one query) and then its home page's own row
(another) on every request. Both change only when an editor edits the site
or the home page, which bumps the content generation, so each process keeps
them per generation (archive/web/memo.py) and picks the request's site the
way Wagtail's ``get_site_for_hostname`` would. Each request gets its own
copies: nothing a request sets on them reaches another.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT

from .memo import per_generation


def _load_sites():
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    for site in sites:
        # Wagtail routes from ``site.root_page.specific``: a cached property,
        # filled here so the home page's own row is read once per generation.
        site.root_page.specific  # noqa: B018
    return sites


def _rank(site, hostname, port):
    if site.hostname == hostname:
        if site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        return MATCH_HOSTNAME
    return MATCH_DEFAULT


def match_site(sites, hostname, port):
    """The site Wagtail's ``get_site_for_hostname`` picks among ``sites``, or None."""
    candidates = sorted((site for site in sites if site.hostname == hostname or site.is_default_site),
                        key=lambda site: _rank(site, hostname, port))
    if not candidates:
        return None
    best = _rank(candidates[0], hostname, port)
    if len(candidates) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if best == MATCH_DEFAULT:
        # The default site on another hostname, unless exactly one site has this hostname.
        return candidates[len(candidates) == 2]
    return None  # several sites on this hostname, none default: Wagtail finds none either


def _private_copy(site):
    """The site, its root page and the root's specific page, copied for one request.

    ``root_page`` stays a plain Page, as Wagtail's own lookup leaves it.
    """
    root = copy.copy(site.root_page)
    home = copy.copy(site.root_page.specific)
    for name in ("specific", "specific_deferred"):
        home.__dict__.pop(name, None)
    root.__dict__["specific"] = home
    mine = copy.copy(site)
    mine.root_page = root
    return mine


class KnownSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            hostname = split_domain_port(request._get_raw_host())[0]
            try:
                port = int(request.get_port())
            except (TypeError, ValueError):
                port = None
            site = match_site(per_generation("sites", _load_sites), hostname, port)
            if site is not None:
                request._wagtail_site = _private_copy(site)
        return self.get_response(request)
