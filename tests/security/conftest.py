from unittest import mock

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from search import facets, indexing, vocabulary

from . import archive as hidden_archive


def _run_at_once(callback):
    callback()


@pytest.fixture(autouse=True)
def run_index_updates(monkeypatch):
    """Index updates wait for a commit that a test's transaction never makes: run them at once."""
    facets.forget_snapshot()
    vocabulary._cache.clear()
    monkeypatch.setattr(indexing, "defer", _run_at_once)


@pytest.fixture(scope="module")
def file_storage(tmp_path_factory):
    """Files on disk, as in production: Wagtail serves them with sendfile, which needs a real path."""
    root = tmp_path_factory.mktemp("media")
    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with override_settings(STORAGES=storages, MEDIA_ROOT=str(root)):
        yield root


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, file_storage):
    """Built once per module inside a transaction that is rolled back at its end.

    Each test still runs in its own savepoint (it asks for ``db``), so what
    one test writes never reaches the next.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            facets.forget_snapshot()
            with mock.patch.object(indexing, "defer", _run_at_once):
                built = hidden_archive.build()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# The browser fixtures of the accessibility tests, for the lockout page's check.
from tests.accessibility.conftest import browser, browser_page, clean_search_index  # noqa: E402, F401
