import pytest

from search import facets, vocabulary


@pytest.fixture(autouse=True)
def fresh_search_caches():
    # Each test may flush and restore the database: no facet table may survive it.
    facets.forget_snapshot()
    vocabulary._cache.clear()
    yield
    facets.forget_snapshot()
    vocabulary._cache.clear()
