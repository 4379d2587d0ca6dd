"""PostgreSQL full-text search with a Spanish configuration.

``archivo_es`` is Spanish with ``unaccent`` before the Snowball stemmer
(created by a migration). Records are analysed by search/analysis.py first,
as on SQLite, so both backends see the same keys and the same synonyms; the
configuration then applies PostgreSQL's own Spanish stop words and stemmer
to index and query alike. The vector is stored and GIN-indexed, and
ts_rank runs once per match.
"""

from django.db import connection

from search.analysis import analyzed_text

from .base import SearchBackend

TABLE = "archive_search_tsv"
CONFIG = "archivo_es"
TITLE_BONUS = 1000.0
# Title A, summary and metadata B, body C, attached files D.
VECTOR_SQL = (
    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'B') || setweight(to_tsvector('{CONFIG}', %s), 'C') || "
    f"setweight(to_tsvector('{CONFIG}', %s), 'D')"
)


def tsquery_expression(query, weights=""):
    """to_tsquery syntax from search keys only (letters and digits), never raw input.

    With weights ("A"), every key must be found in fields of that weight.
    """
    suffix = f":{weights}" if weights else ""
    clauses = []
    for clause in query.clauses:
        alternatives = ["(" + " <-> ".join(key + suffix for key in keys) + ")" for keys in clause.alternatives]
        clauses.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(clauses)


class PostgresBackend(SearchBackend):
    name = "postgresql"

    def write(self, record):
        self.write_many([record])

    def write_many(self, records):
        rows = [
            [record.pk, *(analyzed_text(getattr(record, c)) for c in ("title", "summary", "meta", "body", "files"))]
            for record in records
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (page_id, vector) VALUES (%s, {VECTOR_SQL}) "  # noqa: S608 - constants
                "ON CONFLICT (page_id) DO UPDATE SET vector = EXCLUDED.vector",
                rows,
            )

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if page_ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [page_ids])  # noqa: S608

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def match(self, query):
        # Documents whose title (weight A) holds every word come first, as on SQLite.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, ts_rank(vector, q) + CASE WHEN vector @@ tq THEN {TITLE_BONUS} ELSE 0 END "  # noqa: S608
                f"FROM {TABLE}, to_tsquery('{CONFIG}', %s) q, to_tsquery('{CONFIG}', %s) tq WHERE vector @@ q",
                [tsquery_expression(query), tsquery_expression(query, "A")],
            )
            rows = cursor.fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]
