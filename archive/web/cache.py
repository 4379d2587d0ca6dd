"""Whole-page cache for anonymous visitors, invalidated by a generation number.

Every entry records the *generation* it was rendered under; any change to
published content bumps it (see invalidation.py), so every entry written
before the change no longer matches and is rendered again. The generation
and the entry are read together, in one round trip. One change clears every page,
listing, feed and facet that could show it, without knowing which those are.

Each process also keeps the pages it served last (``_Local``), trusted without
asking Redis for ARCHIVE_PAGE_CACHE_LOCAL_SECONDS (one second) after it last
read the generation: under a rush on one document, most visitors are answered
without a round trip. A change made in this process clears it at once; a
change made in another process reaches it within that second.
"""

import contextvars
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified, HttpResponsePermanentRedirect

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Statuses worth keeping: a page, a moved page's redirect, a withdrawn one.
CACHEABLE_STATUSES = {200, 301, 410}
# Headers that belong to one request, or that the outer middleware adds again.
DROPPED_HEADERS = {"set-cookie", "content-security-policy", "content-security-policy-report-only",
                   "permissions-policy"}


def cache():
    backend = caches[settings.ARCHIVE_PAGE_CACHE_ALIAS]
    # The Redis backend hides an outage from Wagtail as misses (archive/web/redis.py);
    # the page cache must see it, to answer from the database and store nothing.
    return getattr(backend, "strict", backend)


def generation():
    value = cache().get(GENERATION_KEY)
    if value is None:
        # A start value nobody used before: after the cache is flushed or the
        # key evicted, old entries still left must not match a reused number.
        value = time.time_ns()
        if not cache().add(GENERATION_KEY, value, None):
            value = cache().get(GENERATION_KEY, value)
    return value


class _Local:
    """The pages this process served last, valid while the generation they were read under is current."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self):
        self.generation = None
        self.checked_at = 0.0
        self.entries = OrderedDict()
        self.size = 0
        # Counts changes made here, so a generation read before one is not learnt after it.
        self.epoch = getattr(self, "epoch", 0) + 1

    def lookup(self, key):
        """The entry under ``key`` if the generation was confirmed recently enough, else None."""
        seconds = settings.ARCHIVE_PAGE_CACHE_LOCAL_SECONDS
        with self.lock:
            if self.generation is None or time.monotonic() - self.checked_at >= seconds:
                return None
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def learn(self, gen, epoch):
        with self.lock:
            if epoch != self.epoch:
                return
            if gen != self.generation:
                self.entries.clear()
                self.size = 0
                self.generation = gen
            self.checked_at = time.monotonic()

    def store(self, key, gen, entry):
        limit = settings.ARCHIVE_PAGE_CACHE_LOCAL_BYTES
        size = len(entry[2])
        with self.lock:
            if gen != self.generation or size > limit or key in self.entries:
                return
            self.entries[key] = entry
            self.size += size
            while self.size > limit:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped[2])


_local = _Local()


def forget_local():
    with _local.lock:
        _local.forget()


def bump_generation():
    _forget_request_generation()
    forget_local()
    try:
        cache().incr(GENERATION_KEY)
    except ValueError:
        cache().set(GENERATION_KEY, time.time_ns(), None)


# The generation as this request first read it. What each process keeps per
# generation (archive/web/memo.py) is checked several times per page; one
# read per request instead of one round trip to Redis per check.
_request_scope = contextvars.ContextVar("page_cache_request_generation", default=None)


@contextmanager
def request_scope(known=None):
    token = _request_scope.set({"generation": known})
    try:
        yield
    finally:
        _request_scope.reset(token)


def request_generation():
    """The generation for this request: read once, and again after a change made by the request itself."""
    scope = _request_scope.get()
    if scope is None:
        return generation()
    if scope["generation"] is None:
        scope["generation"] = generation()
    return scope["generation"]


def _forget_request_generation():
    scope = _request_scope.get()
    if scope is not None:
        scope["generation"] = None


def skipped_path(path):
    # An English page (/en/cuenta/...) is skipped as its Spanish twin is.
    if path.startswith("/en/"):
        path = path[3:]
    return any(path.startswith(prefix) for prefix in settings.ARCHIVE_PAGE_CACHE_SKIP)


def request_is_cacheable(request):
    if not settings.ARCHIVE_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    # Any session (a signed-in editor or member, a visitor who typed a page's
    # password) means the answer may be personal: never read or write.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not skipped_path(request.path)


def response_is_cacheable(request, response):
    if response.status_code not in CACHEABLE_STATUSES or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # Sets a cookie or holds a CSRF token (a form): belongs to one visitor.
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def key_for(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"pagecache:{hashlib.sha256(raw.encode()).hexdigest()}"


def lookup(key):
    """(current generation, the entry if it was stored under it): one round trip to Redis."""
    found = cache().get_many([GENERATION_KEY, key])
    gen = found.get(GENERATION_KEY)
    if gen is None:
        return generation(), None
    entry = found.get(key)
    if entry is not None and entry[0] == gen:
        return gen, entry[1:]
    return gen, None


def max_age_for(content_type):
    if content_type.startswith("text/html"):
        return settings.ARCHIVE_PAGE_CACHE_HTML_MAX_AGE
    return settings.ARCHIVE_PAGE_CACHE_DATA_MAX_AGE


class PageCacheMiddleware:
    """Placed after SecurityMiddleware and WhiteNoise, before sessions: a hit
    answers without opening the session or touching the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            with request_scope():
                response = self.get_response(request)
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                response.setdefault("Cache-Control", "private, no-cache")
            return response
        key = key_for(request)
        entry = _local.lookup(key)
        if entry is not None:
            return self.from_entry(request, entry, "hit")
        epoch = _local.epoch
        try:
            gen, entry = lookup(key)
        except Exception:
            # Redis unreachable: serve the page from the database rather than
            # fail; nothing is stored until it is back.
            logger.warning("Page cache unavailable; serving %s uncached", request.path, exc_info=True)
            with request_scope():
                return self.get_response(request)
        _local.learn(gen, epoch)
        if entry is not None:
            _local.store(key, gen, entry)
            return self.from_entry(request, entry, "hit")
        with request_scope(gen):
            response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return response
        content = response.content
        etag = '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'
        headers = [(name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS]
        if "Cache-Control" not in response:
            max_age = max_age_for(response.get("Content-Type", ""))
            headers.append(("Cache-Control", f"public, max-age={max_age}, must-revalidate"))
        headers.append(("ETag", etag))
        entry = (response.status_code, headers, content)
        # Written only if the generation did not move while the page was
        # built: a page rendered before a change must not be stored after it.
        try:
            if generation() == gen:
                cache().set(key, (gen, *entry), settings.ARCHIVE_PAGE_CACHE_TIMEOUT)
                _local.store(key, gen, entry)
        except Exception:
            logger.warning("Page cache unavailable; %s not stored", request.path, exc_info=True)
        return self.from_entry(request, entry, "miss")

    @staticmethod
    def from_entry(request, entry, state):
        status, headers, content = entry
        etag = dict(headers).get("ETag")
        if etag and status == 200 and etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = etag
        else:
            body = content if request.method == "GET" else b""
            if status == 301:
                response = HttpResponsePermanentRedirect(dict(headers)["Location"], content=body)
            else:
                response = HttpResponse(body, status=status)
            for name, value in headers:
                response[name] = value
            if request.method == "HEAD":
                response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = state
        return response
