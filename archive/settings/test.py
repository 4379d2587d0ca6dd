"""Fast, isolated settings for the test suite."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - never used outside tests
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "data" / "test-media"
ALLOWED_HOSTS = ["*"]
# The public address, as production sets it: the test site's own (tests/factories.py make_site), so an
# address written in a request (http://testserver) and one written outside (a permanent address) agree.
# tests/interop/test_canonical_host.py tests another address, and none.
ARCHIVE_CANONICAL_URL = "http://localhost"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The page cache is tested on its own (tests/production/); elsewhere a test
# that counts queries or edits rows without signals must see the view's work.
ARCHIVE_PAGE_CACHE = False
# The search index in memory, emptied before each test (tests/conftest.py).
SEARCH_INDEX_DIR = None
# Background jobs run inside the request that enqueues them, as without a
# worker; tests/worker/ runs the database backend and real worker processes.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "analysis"]},
}
