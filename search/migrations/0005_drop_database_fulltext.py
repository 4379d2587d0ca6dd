"""The database's own full-text tables go: the embedded engine (Tantivy) serves both databases.

The records (SearchRecord) stay: they are what the engine's index is built
from, and what searches fall back to while the engine cannot answer.
"""

from django.db import migrations

DROP = {
    "sqlite": ["DROP TABLE IF EXISTS archive_search_fts"],
    "postgresql": ["DROP TABLE IF EXISTS archive_search_tsv"],
}


def forwards(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0004_engine_backlog")]

    # Not reversible into a working state: run rebuild_search_index after going back.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
