"""The archive's public address (scheme and host) in every absolute URL it writes.

Sitemaps, feeds, OAI-PMH, citations, canonical and og:url links, the
catalogue and the API all name one host, so that search engines and
harvesters never see a page listed under one host and linked under another:

1. ``ARCHIVE_CANONICAL_URL`` (environment), e.g. ``https://archivo.example.org``,
   when set. The first ``migrate`` (and ``load_demo``) writes it into the
   default Wagtail Site record too, whose hostname is ``localhost`` on a new
   install, so the admin's links agree.
2. Otherwise the scheme and host the request came with (set for the
   duration of each request by RequestRootMiddleware).
3. Outside a request (commands, the worker), the page's Wagtail Site record.
"""

import contextvars
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost, ImproperlyConfigured

_request_root = contextvars.ContextVar("archive_request_root", default="")


def configured_root():
    """The ARCHIVE_CANONICAL_URL setting as 'https://host[:port]', or ''."""
    value = (getattr(settings, "ARCHIVE_CANONICAL_URL", "") or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(
            f"ARCHIVE_CANONICAL_URL must be a scheme and a host, like https://archivo.example.org; got {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def request_root(request):
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


def root_url(fallback="", request=None):
    """The scheme and host absolute URLs take now; ``fallback`` (a Site's root_url) outside a request."""
    root = configured_root() or (request_root(request) if request is not None else "") or _request_root.get()
    if not root and not fallback:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        fallback = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return (root or fallback).rstrip("/")


def absolute(path, request=None):
    """``path`` ('/oai/') on the archive's public address; an absolute URL is returned as it is."""
    if urlsplit(path).scheme:
        return path
    return root_url(request=request) + path


class RequestRootMiddleware:
    """Remembers the request's scheme and host while it is answered, for code that has no request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_root.set(request_root(request))
        try:
            return self.get_response(request)
        finally:
            _request_root.reset(token)


class CanonicalURLMixin:
    """Page addresses on the archive's public address rather than the Site record's host alone."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, site_root, path = parts
        return site_id, root_url(fallback=site_root or "", request=request), path


def sync_site(using="default"):
    """Write ARCHIVE_CANONICAL_URL into the default Wagtail Site; True when the record changed."""
    root = configured_root()
    if not root:
        return False
    from wagtail.models import Site

    parts = urlsplit(root)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (parts.hostname, port):
        return False
    site.hostname, site.port = parts.hostname, port
    site.save(using=using)
    return True
