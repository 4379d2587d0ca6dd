"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django builds a new ``redis.Redis`` for every cache call, and redis-py's
constructor fills a table of some eighty response handlers each time: on a
page served from the cache that was half of the time spent in Python
(benchmarks/README.md). A client is only a pool and that table, safe to
share between threads, so each pool keeps one.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY = 10  # seconds
_last_warning = float("-inf")


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class _Strict:
    """The same backend with Redis's errors raised: for code that reads the database itself when Redis is down."""

    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        attr = getattr(RedisCache, name, None)
        if callable(attr):
            return attr.__get__(self._backend)
        return getattr(self._backend, name)


def _fail_open(name, answer):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except RedisError as exc:
            global _last_warning
            now = time.monotonic()
            if now - _last_warning > WARN_EVERY:  # once in a while, not once per call of every request
                _last_warning = now
                logger.warning("Redis unreachable (%s): the cache answers misses and stores nothing", exc)
            return answer(*args, **kwargs) if callable(answer) else answer

    method.__name__ = name
    return method


class FailOpenMixin:
    """Redis down reads as a cache miss and writes as no-ops.

    Wagtail keeps its site root paths (every page's URL) in the default
    cache with no fallback: with Redis stopped every page answered 500.
    Code of ours that must know about the outage (the page cache, the
    per-generation memo, the login throttle) uses ``strict``.
    """

    # A miss answers the caller's default, as Django's get does.
    get = _fail_open("get", lambda key, default=None, version=None: default)
    get_many = _fail_open("get_many", lambda *args, **kwargs: {})
    has_key = _fail_open("has_key", False)
    set = _fail_open("set", None)
    add = _fail_open("add", False)
    touch = _fail_open("touch", False)
    set_many = _fail_open("set_many", lambda *args, **kwargs: [])
    delete = _fail_open("delete", False)
    delete_many = _fail_open("delete_many", None)

    @property
    def strict(self):
        return _Strict(self)


class ArchiveRedisCache(FailOpenMixin, RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
