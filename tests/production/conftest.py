import pytest

from search import facets, indexing, vocabulary


@pytest.fixture(autouse=True)
def run_index_updates(monkeypatch):
    """As in tests/search: a test's transaction never commits, so index at once."""
    facets.forget_snapshot()
    vocabulary._cache.clear()
    monkeypatch.setattr(indexing, "defer", lambda callback: callback())
