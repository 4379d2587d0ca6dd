import logging
from urllib.parse import urlparse

from django.shortcuts import render
from django.urls import Resolver404, resolve
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from . import throttle

logger = logging.getLogger(__name__)


# Wagtail's page and document password forms: a wrong password renders the form again (200), a right one redirects.
PASSWORD_VIEWS = {"wagtailcore_authenticate_with_password", "wagtaildocs_authenticate_with_password"}
# Seconds to wait when the counters cannot be read.
UNAVAILABLE_RETRY_AFTER = 60


def _password_restriction(request):
    """The restriction a page-password POST is for, or None for any other request."""
    if request.method != "POST":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name not in PASSWORD_VIEWS:
        return None
    return f"{match.url_name}:{match.kwargs.get('page_view_restriction_id') or match.kwargs.get('restriction_id')}"


def _refusal(request, state, message):
    if state == "unavailable":
        response = render(request, "security/locked.html", {"message": throttle.unavailable_message()}, status=503)
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
        return response
    response = render(request, "security/locked.html", {"message": message}, status=429)
    response["Retry-After"] = str(throttle.setting("LOGIN_THROTTLE_LOCKOUT"))
    return response


class LoginThrottleMiddleware:
    """Sign-in and page passwords: a locked client address (or username) answers 429 with the reason, in Spanish.

    Sign-in is checked inside authenticate() (backends.py), which marks the
    request; page passwords are checked here, around Wagtail's own view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        restriction = _password_restriction(request)
        if restriction is not None:
            try:
                locked = throttle.password_locked(request, restriction)
            except throttle.ThrottleUnavailable:
                locked = "unavailable"
            if locked:
                return _refusal(request, locked, throttle.password_locked_message())
        response = self.get_response(request)
        if restriction is not None:
            try:
                if response.status_code == 200:
                    throttle.record_password_failure(request, restriction)
                elif response.status_code in (301, 302, 303):
                    throttle.password_passed(request, restriction)
            except Exception:  # noqa: BLE001 - the cache went down after the check: the next attempt is refused
                logger.warning("Page password throttle: attempt not recorded", exc_info=True)
        state = getattr(request, "login_throttled", False)
        if not state:
            return response
        return _refusal(request, state, throttle.locked_message())


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
