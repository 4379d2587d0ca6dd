"""Kinds of change and the public note of each published version, for the «Historial de cambios».

Versions published before this migration get their kinds derived from their
stored contents, and no note: nobody wrote one for them.
"""

from django.db import migrations, models

# The same rules as new publications; they read plain dicts, so they do not
# depend on the state of any model.
from archive.identifiers.changes import change_kinds


def backfill(apps, schema_editor):
    DocumentVersion = apps.get_model("identifiers", "DocumentVersion")
    previous_identifier, previous_content = None, None
    for version in DocumentVersion.objects.order_by("identifier_id", "number").iterator():
        if version.identifier_id != previous_identifier:
            previous_identifier, previous_content = version.identifier_id, None
        version.change_kinds = change_kinds(previous_content, version.content or {})
        version.save(update_fields=["change_kinds"])
        previous_content = version.content or {}


class Migration(migrations.Migration):

    dependencies = [
        ('identifiers', '0002_codes_for_published_documents'),
    ]

    operations = [
        migrations.AddField(
            model_name='documentversion',
            name='change_kinds',
            field=models.JSONField(blank=True, default=list, verbose_name='tipos de cambio'),
        ),
        migrations.AddField(
            model_name='documentversion',
            name='change_note',
            field=models.CharField(blank=True, max_length=300, verbose_name='nota del cambio'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
