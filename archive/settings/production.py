"""Production: PostgreSQL, Redis, secrets from the environment, behind nginx.

Run with ``scripts/serve`` (collectstatic, migrate, gunicorn); see README,
section «Producción».
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ARCHIVE_PAGE_CACHE, DATABASES, SECRET_KEY, env_bool

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY no está definida: el sitio no arranca sin ella.")
if ARCHIVE_PAGE_CACHE and not os.environ.get("REDIS_URL"):
    # Each server process would keep its own memory cache, and a change
    # would clear only the one that saved it: the others would serve old pages.
    raise ImproperlyConfigured(
        "REDIS_URL no está definida: la caché de páginas la necesita con varios procesos "
        "(o desactívala con PAGE_CACHE=0)."
    )

# Keep connections between requests (gunicorn threads each hold one), and
# check them before use so a restarted PostgreSQL costs no failed request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# nginx on the same machine (deploy/nginx.conf.template) sets X-Forwarded-For,
# as gunicorn's FORWARDED_ALLOW_IPS trusts it for X-Forwarded-Proto.
if "TRUSTED_PROXIES" not in os.environ:
    TRUSTED_PROXIES = ["127.0.0.1/32", "::1/128"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (served by nginx with a year's cache) and .gz/.br copies.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Files with a hash in their name are cached for good (whitenoise knows them);
# the few without one (robots.txt, favicon), an hour.
WHITENOISE_MAX_AGE = 3600

# TLS ends at nginx, which says so with X-Forwarded-Proto (deploy/nginx.conf).
# SECURE_SSL_REDIRECT=0 only when nginx itself redirects http to https.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
