"""Full-text engines behind the public search, chosen by SEARCH_BACKEND.

``auto`` follows the database: FTS5 on SQLite, tsvector on PostgreSQL.
``elasticsearch`` sends queries, filters and facets to Elasticsearch.
"""

from functools import lru_cache

from django.conf import settings
from django.db import connection


# One instance per (engine, vendor): the database engine is asked for alongside the configured one.
@lru_cache(maxsize=8)
def _backend_for(name, vendor):
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend()
    if vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SQLiteBackend

    return SQLiteBackend()


def get_backend():
    return _backend_for(settings.ARCHIVE_SEARCH_BACKEND, connection.vendor)


def get_database_backend():
    """The database's own engine, kept current whatever SEARCH_BACKEND says, so
    it can answer while Elasticsearch is down."""
    return _backend_for("auto", connection.vendor)
