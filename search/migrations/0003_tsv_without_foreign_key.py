"""Drop the tsvector table's foreign key to the records.

Django's flush (used between transactional tests, and by `manage.py flush`)
truncates only the tables it knows, and PostgreSQL refuses to truncate a
table another references. The search code removes a page's vector itself
whenever it removes its record, and a vector without a record is never
returned (matches are checked against the records).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE archive_search_tsv DROP CONSTRAINT IF EXISTS archive_search_tsv_page_id_fkey"
        )


class Migration(migrations.Migration):
    dependencies = [("archive_search", "0002_fulltext_tables")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
