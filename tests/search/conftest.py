import pytest

from search import facets, indexing, vocabulary


@pytest.fixture(autouse=True)
def run_index_updates(monkeypatch):
    """Index updates wait for the transaction to commit; a test's transaction
    never commits, so run them as soon as they are scheduled."""
    facets.forget_snapshot()
    vocabulary._cache.clear()
    monkeypatch.setattr(indexing, "defer", lambda callback: callback())
