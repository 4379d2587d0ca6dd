import logging

import pytest


class _FailOnIndexingErrors(logging.Handler):
    """django-tasks' immediate backend logs indexing exceptions and goes on;
    a test that triggered one must fail instead of passing on a stale index."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_task_errors():
    handler = _FailOnIndexingErrors()
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django.tasks", "modelsearch")]
    for logger in loggers:
        logger.addHandler(handler)
    yield
    for logger in loggers:
        logger.removeHandler(handler)
    if handler.records:
        messages = "; ".join(r.getMessage() for r in handler.records)
        pytest.fail(f"background task failed: {messages}")


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    from archive.web.cache import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


@pytest.fixture(autouse=True)
def fresh_search_index():
    """The search index lives in memory and outside the database's transaction: each test starts with an empty one.

    A module whose data outlives one test (the relevance set loads the demo
    once) overrides this fixture with one that keeps the index.
    """
    from search.backends.embedded import embedded_backend

    embedded_backend().reset()
    yield
