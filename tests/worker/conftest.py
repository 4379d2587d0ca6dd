import pytest
from django.test import override_settings

# Index updates run at once (a test's transaction never commits): the search tests' own fixture.
from tests.search.conftest import run_index_updates  # noqa: F401

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "analysis"]}}


@pytest.fixture
def queued():
    """The database backend, as the site runs it: jobs wait in the database for a worker."""
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def run_worker(**options):
    """A worker in this process, in the test's transaction, until no job is ready."""
    from unittest import mock

    from archive.worker.runner import ArchiveWorker

    options = {"queue_names": ["*"], "interval": 0, "batch": True, "backend_name": "default", "startup_delay": False,
               "max_tasks": None, "worker_id": "prueba", "excluded_queue_names": [], "heartbeat": False, **options}
    worker = ArchiveWorker(**options)
    # Between jobs the worker drops connections a request would leave: here
    # that is the test's own, with its open transaction (PostgreSQL closes it).
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None):
        worker.run()
    return worker
