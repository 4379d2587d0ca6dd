"""Settings shared by every environment.

Everything that differs between machines is read from the environment; the
defaults serve the embedded case (SQLite file under ``data/``, no services).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))

INSTALLED_APPS = [
    "home",
    "archive.taxonomy",
    "archive.timeline",
    "archive.attachments",
    "archive.pages",
    # Before search: its publish handler mints the permanent code that the
    # search index records (receivers run in the order apps connect them).
    "archive.identifiers",
    "search",
    "archive.interop",
    "archive.glossary",
    "archive.plainlanguage",
    "archive.accessibility",
    "archive.figures",
    "archive.security",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.admin",
    "wagtail",
    "modelsearch",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Acts only on 404s left after the redirects below: the last address of a
    # withdrawn document answers 410 with its citation instead of «not found».
    "archive.identifiers.middleware.WithdrawnDocumentMiddleware",
    # Acts only on 404s: old addresses of moved or renamed pages answer 301
    # (Wagtail's RedirectMiddleware, minus redirects to unpublished pages).
    "archive.security.middleware.PublicRedirectMiddleware",
    # Turns a sign-in refused by the login throttle into 429 with the reason.
    "archive.security.middleware.LoginThrottleMiddleware",
]

ROOT_URLCONF = "archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "archive.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'archivo.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # data/ is git-ignored, so a fresh clone lacks it; SQLite will not create it.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # One writer at a time: take the write lock when the transaction starts
    # so concurrent editors wait instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español"), ("en", "English")]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

WAGTAIL_SITE_NAME = "Archivo Abierto"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "attachments.ArchiveDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "vtt", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCS_MAX_UPLOAD_SIZE", str(200 * 1024 * 1024)))
# PDFs are downloaded, not rendered inline on our origin: script inside a PDF
# would otherwise run with the site's origin in some browsers.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["text/plain"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_HITS_MAX_AGE = 7

# Which engine answers the public search (/buscar/). "auto" follows the
# database: FTS5 on SQLite, tsvector on PostgreSQL. "elasticsearch" needs
# ELASTICSEARCH_URL.
ARCHIVE_SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "auto")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "archivo-abierto")

# Wagtail's own backend serves the admin's search; the public search has its
# own index (see search/), tuned for Spanish.
if ARCHIVE_SEARCH_BACKEND == "elasticsearch" and ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": ELASTICSEARCH_INDEX + "-admin-",
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "archivo",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# OAI-PMH (/oai/): the contact harvesters see in Identify, and how many
# records each answer holds before a resumption token.
OAI_PMH_ADMIN_EMAIL = os.environ.get("OAI_PMH_ADMIN_EMAIL", "archivo-abierto@example.org")
OAI_PMH_PAGE_SIZE = int(os.environ.get("OAI_PMH_PAGE_SIZE", "100"))
# /api/v2/: up to 100 items per request (Wagtail's default is 20), so a
# whole listing takes fewer round trips.
WAGTAILAPI_LIMIT_MAX = 100

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Security (archive/security) ---------------------------------------------
# Every authenticate() first asks the throttle: LOGIN_THROTTLE_FAILURES
# failures for one username (LOGIN_THROTTLE_FAILURES_PER_IP for one client
# address) within LOGIN_THROTTLE_WINDOW seconds lock it out for
# LOGIN_THROTTLE_LOCKOUT seconds. Counters live in the cache (Redis in production).
AUTHENTICATION_BACKENDS = [
    "archive.security.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_THROTTLE_FAILURES = int(os.environ.get("LOGIN_THROTTLE_FAILURES", "5"))
LOGIN_THROTTLE_FAILURES_PER_IP = int(os.environ.get("LOGIN_THROTTLE_FAILURES_PER_IP", "20"))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("LOGIN_THROTTLE_WINDOW", str(15 * 60)))
LOGIN_THROTTLE_LOCKOUT = int(os.environ.get("LOGIN_THROTTLE_LOCKOUT", str(15 * 60)))
# Behind a proxy, the request header (as in request.META) with the client's
# address, e.g. HTTP_X_REAL_IP; empty: REMOTE_ADDR.
LOGIN_THROTTLE_IP_HEADER = os.environ.get("LOGIN_THROTTLE_IP_HEADER", "")
# Files always go through the view that checks who may see them (never a
# redirect to the storage's own URL, which anyone could share).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
