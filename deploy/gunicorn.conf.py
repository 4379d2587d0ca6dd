"""gunicorn's settings for scripts/serve and benchmarks/load_bench.py, from the environment.

WEB_WORKERS (default: one per core) processes of WEB_THREADS (default 4)
threads each: pages wait on PostgreSQL and Redis, so a few threads per
process keep the cores busy without one process per request.
"""

import gc
import os

bind = os.environ.get("BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_WORKERS") or os.cpu_count() or 2)
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
# Longer than nginx keeps an idle upstream connection (deploy/nginx.conf.template).
keepalive = 5
# Off by default: renewing a worker closes its visitors' open connections
# (errors for clients that do not retry) and loses its warm caches. Set it
# if a worker's memory ever grows without bound.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("ACCESS_LOG", "-") or None
loglevel = os.environ.get("WEB_LOG_LEVEL", "info")
# Heartbeat files on a RAM disk: a slow disk must not get workers killed.
worker_tmp_dir = "/dev/shm"  # noqa: S108


def post_worker_init(worker):
    """Load what every request needs, then take it out of the garbage collector's sight.

    Django and Wagtail leave some 200,000 long-lived objects (models, URL
    patterns, compiled templates) that every full collection walks again:
    on a document page that is the slowest twentieth of requests. Frozen,
    they are never scanned (measured in benchmarks/README.md).
    """
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    # A renamed template fails the worker's start, which tests/production/test_serve.py sees.
    for name in ("pages/document_page.html", "pages/home_page.html", "pages/document_index_page.html",
                 "pages/search.html"):
        get_template(name)
    gc.collect()
    gc.freeze()
