"""The public interface in Spanish at / and in English at /en/.

The archive is Spanish: its addresses, as journalists cite them, stay what
they were, and English lives beside them under /en/ (Django's i18n_patterns
without a prefix for the default language). Which one a visitor reads:

- the address says it: /en/... is English, everything else Spanish;
- a visitor who has never chosen, whose browser prefers English
  (Accept-Language) and who opens a Spanish public page, is sent once to its
  English twin; choosing a language in the switcher (``switch``) keeps that
  choice in a cookie, which then wins over the browser;
- the admin, the APIs, feeds, OAI-PMH, citations and files are never
  redirected: they are the same in both languages, and machines that cite or
  harvest them must get what they asked for.

Django's LocaleMiddleware would not redirect unprefixed addresses at all
(with prefix_default_language=False they always mean the default language),
and it runs after the page cache, which has to be told apart by language
before it answers: hence this small middleware, placed before the cache.
"""

import functools

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation.trans_real import parse_accept_lang_header

from archive.web.canonical import absolute

ENGLISH = "en"
# Addresses that never follow the reader's language: they are not pages.
MACHINE_PREFIXES = (
    "/admin/", "/api/", "/oai/", "/feeds/", "/cita/", "/catalogo.", "/sitemap.xml", "/robots.txt",
    "/static/", "/media/", "/idioma/", "/salud/", "/favicon.ico", "/documentos/", "/data.json",
)


def language_of_path(path):
    return ENGLISH if path == "/en" or path.startswith("/en/") else settings.LANGUAGE_CODE


def browser_prefers_english(request):
    """True when English comes before Spanish in Accept-Language (a plain «en-US» included)."""
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        base = code.split("-")[0].lower()
        if base == ENGLISH:
            return True
        if base == "es":
            return False
    return False


def chosen_language(request):
    """The language the visitor picked in the switcher, if any."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else None


def wants_a_page(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(MACHINE_PREFIXES):
        return False
    # Only a browser asking for a page; a script asking for JSON or anything
    # else gets what it asked for.
    return "text/html" in request.META.get("HTTP_ACCEPT", "")


def for_reader(url):
    """A stored Spanish address (a search record's, a passage's) as the reader's language writes it.

    Files, feeds and machine formats have one address; pages, the accessible
    versions of files included, have their English twin under /en/.
    """
    if translation.get_language() != ENGLISH or not url.startswith("/") or url.startswith("//"):
        return url
    if language_of_path(url) == ENGLISH:
        return url
    if url.startswith(MACHINE_PREFIXES) and "/version-accesible/" not in url:
        return url
    return "/en" + url


def address_in(path, code):
    """The same page's address in language ``code``: English is the Spanish address under /en/."""
    spanish = path[3:] or "/" if language_of_path(path.split("?")[0]) == ENGLISH else path
    return "/en" + spanish if code == ENGLISH else spanish


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        if language != ENGLISH and wants_a_page(request):
            preferred = chosen_language(request) or (ENGLISH if browser_prefers_english(request) else None)
            if preferred == ENGLISH:
                response = HttpResponseRedirect(address_in(request.get_full_path(), ENGLISH))
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        # Every request activates its language: a thread that served an
        # English page must not carry English into the next request.
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Work done after the answer (signals, tasks in this thread) is in the archive's language.
            translation.activate(settings.LANGUAGE_CODE)
        if language != ENGLISH and wants_a_page(request):
            # A shared cache in front of the site must not give this Spanish
            # answer to a browser that would have been sent to English.
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


def switch(request, code):
    """The language switcher's link: remember the choice and open the same page in that language.

    A link, not Django's set_language form: it works without JavaScript and
    without a CSRF token, so pages that show it can still be cached.
    """
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    target = request.GET.get("siguiente") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = "/"
    target = address_in(target, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def context(request):
    """For templates: the switcher's links, the alternates for <head>, and how to mark Spanish content.

    ``content_lang`` goes on elements that hold the archive's own Spanish
    (titles, names, summaries) so a screen reader reading an English page
    pronounces them as Spanish (WCAG 3.1.2); on Spanish pages it is empty.
    """
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    if getattr(request, "error_page", False):
        # An error page names no address: its language links lead home, and
        # it has no alternates (archive/views.py).
        return {
            "content_lang": mark_safe(' lang="es"') if language == ENGLISH else "",
            "language_links": [
                {"code": code, "name": name, "current": code == language, "url": None, "href": None,
                 "switch_url": f"{reverse('switch_language', args=[code])}?{urlencode({'siguiente': '/'})}"}
                for code, name in settings.LANGUAGES
            ],
        }
    path = request.get_full_path()
    return {
        "content_lang": mark_safe(' lang="es"') if language == ENGLISH else "",
        "language_links": [
            {
                "code": code,
                "name": name,
                "current": code == language,
                "switch_url": f"{reverse('switch_language', args=[code])}?{urlencode({'siguiente': path})}",
                "url": address_in(request.path, code),
                # <link rel="alternate"> on the archive's public address, as canonical and og:url.
                "href": absolute(address_in(request.path, code), request),
            }
            for code, name in settings.LANGUAGES
        ],
    }


def in_archive_language(func):
    """Run ``func`` in the archive's own language, whatever page the request came from.

    What is stored (search records, the registry's versions, addresses) is
    written once for every reader: a publication triggered from an English
    page must not store English labels or /en/ addresses.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper
