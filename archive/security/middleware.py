from urllib.parse import urlparse

from django.shortcuts import render
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from . import throttle


class LoginThrottleMiddleware:
    """Any view whose authenticate() met a lock answers 429 with the reason, in Spanish."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "login_throttled", False):
            return response
        locked = render(request, "security/locked.html", {"message": throttle.locked_message()}, status=429)
        locked["Retry-After"] = str(throttle.setting("LOGIN_THROTTLE_LOCKOUT"))
        return locked


class PublicRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, except those to a page the public cannot see.

    Wagtail keeps redirecting a page's old address after the page is
    unpublished; the 301 would reveal the address (the slug, often the
    title) the page was given since. A withdrawn document still redirects:
    its new address answers 410 with the reason it was withdrawn.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
            redirect = get_redirect(request, path) or get_redirect(request, urlparse(path).path)
            page = redirect.redirect_page if redirect is not None else None
            if page is not None and not page.live and not _withdrawn(page):
                return response
        return super().process_response(request, response)


def _withdrawn(page):
    from archive.identifiers.models import Identifier
    from archive.identifiers.views import withdrawal_is_public

    identifier = Identifier.objects.filter(page_id=page.pk).first()
    return identifier is not None and withdrawal_is_public(identifier)
