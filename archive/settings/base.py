"""Settings shared by every environment.

Everything that differs between machines is read from the environment; the
defaults serve the embedded case (SQLite file under ``data/``, no services).
"""

import ipaddress
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
    "archive.identifiers",
    # Name, code prefix, OAI-PMH identifier and contact, edited in the admin.
    "archive.identity",
    # Editorial groups and the review before publishing (migrations only).
    "archive.editorial",
    "search",
    "archive.interop",
    "archive.glossary",
    "archive.plainlanguage",
    "archive.accessibility",
    "archive.figures",
    "archive.comments",
    "archive.importer",
    # manage.py load_demo: the demo archive, loaded from archive/demo/data/ (no models).
    "archive.demo",
    "archive.web",
    # Publishing runs the registry, the search index and the page cache in
    # that order, whatever the order of the apps above.
    "archive.publishing",
    "archive.preservation",
    "archive.security",
    # Background jobs: the worker process (manage.py run_worker) and its queue.
    "archive.worker",
    "django_tasks",
    "django_tasks_db",
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
    # Content-Security-Policy and Permissions-Policy on every answer, cached or not.
    "archive.web.headers.SecurityHeadersMiddleware",
    # Addresses with control characters (%00...) answer 400 before any view or the cache reads them.
    "archive.web.control_characters.ControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Spanish at /, English at /en/, a browser that prefers English sent there:
    # decided before the page cache answers.
    "archive.web.language.LanguageMiddleware",
    # Anonymous pages from the cache before sessions or the database are touched.
    "archive.web.cache.PageCacheMiddleware",
    # The request's Wagtail site and home page, kept per content generation.
    "archive.web.sites.KnownSiteMiddleware",
    # The request's scheme and host, for absolute URLs where ARCHIVE_CANONICAL_URL is not set.
    "archive.web.canonical.RequestRootMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # More files than a form may carry, sent to the import: its form says to send a ZIP.
    "archive.importer.middleware.TooManyFilesMiddleware",
    # An admin form shown again with its errors answers 400 (Wagtail answers 200).
    "archive.web.form_errors.AdminFormErrorsMiddleware",
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
                "django.template.context_processors.i18n",
                "archive.web.language.context",
                "archive.context_processors.site_navigation",
                "archive.identity.context_processors.archive_identity",
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
# The public interface in Spanish and English (archive/web/language.py); the
# documents themselves stay Spanish, with an optional English title and summary.
LANGUAGES = [("es", "Español"), ("en", "English")]
# The admin in Spanish only: our own labels, help and messages are written in
# Spanish, so an admin switched to English would be half English, half Spanish.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español")]
# Read before the apps' catalogues: Wagtail 8's Spanish lacks the strings new
# since Wagtail 6 and names a page's slug «Marquilla» (locale/es says why).
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style per page in each language (archive/formats/).
FORMAT_MODULE_PATH = ["archive.formats"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root whatever the page links (favicon.ico),
# served by whitenoise under their own names.
WHITENOISE_ROOT = BASE_DIR / "webroot"
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
# The archive's public address, e.g. https://archivo.example.org: every absolute URL it writes
# (sitemap, feeds, OAI-PMH, citations, canonical links) names it, and migrate writes it into the
# default Wagtail Site. Empty: the request's own scheme and host (archive/web/canonical.py).
ARCHIVE_CANONICAL_URL = os.environ.get("ARCHIVE_CANONICAL_URL", "")
WAGTAILDOCS_DOCUMENT_MODEL = "attachments.ArchiveDocument"
# Files are accepted by their content (archive/attachments/formats.py), not
# their extension, so Wagtail's extension list is not used.
WAGTAILDOCS_EXTENSIONS = None
# The largest file of each family (archive/attachments/formats.py says which
# format is in which family), in MB, each overridable from the environment:
# UPLOAD_LIMIT_VIDEO_MB=500 and so on. Checked in ArchiveDocument.clean.
ARCHIVE_UPLOAD_LIMITS = {
    family: int(os.environ.get(f"UPLOAD_LIMIT_{family.upper()}_MB", str(default))) * 1024 * 1024
    for family, default in {
        "document": 100, "data": 50, "text": 10, "captions": 5, "image": 20, "video": 200,
    }.items()
}
# Wagtail's own check, before any family is known: the overall ceiling.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCS_MAX_UPLOAD_SIZE", str(max(ARCHIVE_UPLOAD_LIMITS.values()))))
# PDFs are downloaded, not rendered inline on our origin: script inside a PDF
# would otherwise run with the site's origin in some browsers.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["text/plain"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Bounds on reading a file (archive/attachments/limits.py): the upload refuses
# what it can tell at once, the worker's reading stops at the rest. A 600 KB
# ODT may declare 600 MB, a 3 MB PDF 20,000 pages, a 120 KB PNG 121 megapixels.
ARCHIVE_MAX_UNZIPPED_MB = int(os.environ.get("UPLOAD_MAX_UNZIPPED_MB", "500"))
ARCHIVE_MAX_ZIP_ENTRIES = int(os.environ.get("UPLOAD_MAX_ZIP_ENTRIES", "10000"))
ARCHIVE_MAX_XML_PART_MB = int(os.environ.get("ANALYSIS_MAX_XML_PART_MB", "64"))
ARCHIVE_MAX_PAGES = int(os.environ.get("UPLOAD_MAX_PAGES", "5000"))
ARCHIVE_MAX_IMAGE_PIXELS = int(os.environ.get("UPLOAD_MAX_MEGAPIXELS", "50")) * 1_000_000
ARCHIVE_MAX_READING_SECONDS = int(os.environ.get("ANALYSIS_MAX_SECONDS", "600"))
# Wagtail's images too: a rendition decodes the whole picture (121 MP took 900 MB).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = ARCHIVE_MAX_IMAGE_PIXELS
WAGTAILREDIRECTS_AUTO_CREATE = True
# Addresses are ASCII: «sesión-del-núcleo» would be printed, pasted and read
# aloud as sesi%C3%B3n-del-n%C3%BAcleo. Wagtail then folds accents and ñ when it
# makes a slug, in the editor (as the title is typed) and on the server.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Autosave is off. Wagtail 8's autosave posts the whole edit form in the
# background; a request still in flight when the editor presses «Publicar»
# finishes after the publish and saves the page as not live (the publish is
# silently undone: 2 of 3 tries in a browser), and with inline panels (actors,
# files) it races the editor's own save into duplicate child rows, a 500 on the
# unique (page, actor, role), or a false «dato duplicado» (open upstream:
# wagtail/wagtail#14359, #14568). An archive's record must be exactly what the
# editor published, so a save happens only when the editor asks for it.
# tests/pages/test_editor_races_browser.py saves as an editor does, quickly, in a real browser.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_HITS_MAX_AGE = 7

# Which engine answers the public search (/buscar/). "embedded" (also
# "auto"): Tantivy, an index under SEARCH_INDEX_DIR on this machine, for
# SQLite and PostgreSQL alike. "elasticsearch" (needs ELASTICSEARCH_URL):
# when the archive is served by several machines, which cannot share a
# directory index.
ARCHIVE_SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "embedded")
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", DATA_DIR / "search-index"))
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
        # One Redis client per pool, not one per call (archive/web/redis.py).
        "BACKEND": "archive.web.redis.ArchiveRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# Background jobs (Django's Tasks, the django-tasks backport): one backend,
# two queues. "analysis" reads uploaded files (archive/attachments/analysis.py);
# "default" takes Wagtail's own jobs (reference index, deleting replaced
# files), which it enqueues on the default backend. The database backend keeps
# jobs in the database until a worker (manage.py run_worker) runs them;
# TASKS_BACKEND=immediate runs each job inside the request that enqueues it,
# as before there was a worker.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default", "analysis"],
    }
}
# A file whose reading fails is tried this many times in all, waiting
# ANALYSIS_RETRY_SECONDS, then twice that, between tries; then it is marked failed.
ARCHIVE_ANALYSIS_MAX_ATTEMPTS = int(os.environ.get("ANALYSIS_MAX_ATTEMPTS", "3"))
ARCHIVE_ANALYSIS_RETRY_SECONDS = int(os.environ.get("ANALYSIS_RETRY_SECONDS", "60"))
# A worker says it is alive this often; one silent for three times as long
# is dead, and the job it held goes back to the queue.
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "10"))
# Finished jobs are deleted after this many days (failed ones after ten times as many).
WORKER_KEEP_RESULTS_DAYS = int(os.environ.get("WORKER_KEEP_RESULTS_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# OAI-PMH (/oai/): the first value of the contact harvesters see in
# Identify (then edited in «Identidad del archivo», archive/identity), and
# how many records each answer holds before a resumption token.
OAI_PMH_ADMIN_EMAIL = os.environ.get("OAI_PMH_ADMIN_EMAIL", "archivo-abierto@example.org")
OAI_PMH_PAGE_SIZE = int(os.environ.get("OAI_PMH_PAGE_SIZE", "100"))
# /api/v2/: up to 100 items per request (Wagtail's default is 20), so a
# whole listing takes fewer round trips.
WAGTAILAPI_LIMIT_MAX = 100

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Member comments (archive/comments): the longest comment, in characters, and
# how many a member may send: (count, seconds) pairs, all applied at once.
COMMENTS_MAX_LENGTH = int(os.environ.get("COMMENTS_MAX_LENGTH", "4000"))
COMMENTS_RATE_LIMIT = [(5, 60 * 60), (20, 24 * 60 * 60)]
# Page cache (archive/web): whole anonymous answers, invalidated by a
# generation number that every content change bumps. With several server
# processes the cache must be shared (Redis): production requires REDIS_URL.
ARCHIVE_PAGE_CACHE = env_bool("PAGE_CACHE", True)
ARCHIVE_PAGE_CACHE_ALIAS = "default"
ARCHIVE_PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(24 * 3600)))
# Each process answers the pages it served last without asking Redis for this
# long after it last confirmed the generation: a change made in another
# process reaches visitors within this time (0: always ask Redis).
ARCHIVE_PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "1"))
ARCHIVE_PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_MB", "32")) * 1024 * 1024
# Browsers and proxies revalidate HTML at once (a 304 from the cache is
# cheap), so an editor never sees an old copy; feeds and data may wait a minute.
ARCHIVE_PAGE_CACHE_HTML_MAX_AGE = 0
ARCHIVE_PAGE_CACHE_DATA_MAX_AGE = 60
# Never cached: the admin, member accounts and comment forms, files (served
# with their own headers), the protocol and API endpoints, /id/ redirects.
ARCHIVE_PAGE_CACHE_SKIP = ["/admin/", "/cuenta/", "/comentar/", "/documentos/", "/oai/", "/api/", "/id/", "/static/",
                           "/media/", "/salud/"]
# CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only.
ARCHIVE_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
# No avatars from gravatar.com in the admin: it would tell a third party who
# edits (a hash of the e-mail) and the admin's policy allows no outside images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Versions are pinned in requirements.lock and upgraded on purpose; the admin
# does not ask releases.wagtail.org from every editor's browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False
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
# Proxies (addresses or networks, comma-separated) whose X-Forwarded-For
# names the client: the throttles count the address nginx saw, not nginx's
# own. Requests from anywhere else are counted by REMOTE_ADDR, whatever
# header they carry. Production trusts 127.0.0.1 (nginx on the same machine).
TRUSTED_PROXIES = [
    str(ipaddress.ip_network(p.strip(), strict=False))
    for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()
]
# Files always go through the view that checks who may see them (never a
# redirect to the storage's own URL, which anyone could share).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
