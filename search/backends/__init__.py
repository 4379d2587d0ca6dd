"""Full-text engines behind the public search, chosen by SEARCH_BACKEND.

``embedded`` (the default): Tantivy, an index under DATA_DIR read by every
process of one machine (search/backends/embedded.py). ``elasticsearch``:
Elasticsearch, for an archive served by several machines. While the chosen
engine cannot answer, searches fall back to a plain listing of the
database's records (search/backends/listing.py).
"""

from django.conf import settings


def get_backend():
    if settings.ARCHIVE_SEARCH_BACKEND == "elasticsearch":
        return _elasticsearch()
    from .embedded import embedded_backend

    return embedded_backend()


_es = []


def _elasticsearch():
    if not _es:
        from .elasticsearch import ElasticsearchBackend

        _es.append(ElasticsearchBackend())
    return _es[0]


def get_fallback_backend():
    from .listing import ListingBackend

    return ListingBackend()


def forget_engines():
    """Drop the Elasticsearch client, so the next search reads the settings again (tests)."""
    _es.clear()
