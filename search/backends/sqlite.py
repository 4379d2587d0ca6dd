"""SQLite FTS5, the embedded default.

The FTS5 table holds the search keys of each record (folded, stemmed, stop
words removed; see search/analysis.py), so FTS5's own tokenizer only splits
on spaces. Ranking is FTS5's bm25() with a weight per column, computed once
per match: the cost grows linearly with the matches, unlike Wagtail 8's
SQLite backend, which re-runs the match per candidate.
"""

from django.db import connection

from search.analysis import analyzed_text

from .base import SearchBackend

TABLE = "archive_search_fts"
COLUMNS = ["title", "summary", "meta", "body", "files"]
# Title and summary weigh more than metadata, metadata more than the body
# and the text of attached files.
WEIGHTS = [10.0, 5.0, 3.0, 1.0, 1.0]
TITLE_BONUS = 1000.0


def fts_expression(query):
    """FTS5 MATCH syntax from search keys only (letters and digits), never raw input."""
    clauses = []
    for clause in query.clauses:
        alternatives = ['"' + " ".join(keys) + '"' for keys in clause.alternatives]
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(clauses)


class SQLiteBackend(SearchBackend):
    name = "sqlite"

    def write(self, record):
        self.write_many([record])

    def write_many(self, records):
        rows = [[record.pk, *(analyzed_text(getattr(record, c)) for c in COLUMNS)] for record in records]
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [[r[0]] for r in rows])  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
                rows,
            )

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        placeholders = ", ".join(["%s"] * len(page_ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", page_ids)  # noqa: S608

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def match(self, query):
        weights = ", ".join(str(w) for w in WEIGHTS)
        expression = fts_expression(query)
        # Documents whose title holds every word come first: bm25 alone cannot
        # tell them apart when a word is in most of a small archive (its IDF
        # falls to nothing), and people typing a title expect that document.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25({TABLE}, {weights}) + CASE WHEN rowid IN "  # noqa: S608 - constants
                f"(SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) THEN {TITLE_BONUS} ELSE 0 END "
                f"FROM {TABLE} WHERE {TABLE} MATCH %s",
                ["{title} : (" + expression + ")", expression],
            )
            rows = cursor.fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]
