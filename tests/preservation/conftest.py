import pytest
from django.contrib.contenttypes.models import ContentType

from search import facets, vocabulary


@pytest.fixture(autouse=True)
def fresh_caches():
    """Tests here flush the database, which gives content types new ids, and
    restore it; the rollback brings the old ids back. No cache of either may
    outlive the test."""
    facets.forget_snapshot()
    vocabulary._cache.clear()
    yield
    ContentType.objects.clear_cache()
    facets.forget_snapshot()
    vocabulary._cache.clear()
