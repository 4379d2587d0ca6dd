"""The full-text side of the index, which differs per database.

SQLite: an FTS5 table of search keys (already folded and stemmed in Python).
PostgreSQL: a Spanish configuration with unaccent before the stemmer, and a
GIN-indexed tsvector per record.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS archive_search_fts USING fts5("
    "title, summary, meta, body, files, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS archive_search_fts"]

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'archivo_es') THEN
        CREATE TEXT SEARCH CONFIGURATION archivo_es (COPY = pg_catalog.spanish);
        ALTER TEXT SEARCH CONFIGURATION archivo_es
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
      END IF;
    END $$;
    """,
    "CREATE TABLE IF NOT EXISTS archive_search_tsv ("
    "page_id bigint PRIMARY KEY REFERENCES archive_search_searchrecord(page_id) ON DELETE CASCADE "
    "DEFERRABLE INITIALLY DEFERRED, vector tsvector NOT NULL)",  # the key is dropped again in 0003
    "CREATE INDEX IF NOT EXISTS archive_search_tsv_gin ON archive_search_tsv USING gin (vector)",
]
POSTGRES_DOWN = ["DROP TABLE IF EXISTS archive_search_tsv"]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)
    apps.get_model("archive_search", "IndexState").objects.get_or_create(pk=1)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
