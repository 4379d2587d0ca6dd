"""Indexes for OAI-PMH's lists (archive/interop/oai.py) on Wagtail's own table.

The columns are Wagtail's (wagtailcore_page), so the indexes are created here
rather than declared on a model of ours. The first is on the datestamp
expression oai.py orders and filters live documents by: with it a
harvester's thousandth page costs what its first does instead of a sort of
every page. The second, partial, holds only unpublished pages, among which
the deleted records are found without reading every page
(benchmarks/oai_bench.py).
"""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce

INDEXES = [
    models.Index(
        Coalesce("last_published_at", "first_published_at", "latest_revision_created_at"), F("id"),
        name="page_oai_datestamp",
    ),
    models.Index(fields=["id"], condition=models.Q(live=False), name="page_not_live"),
]


def add_indexes(apps, schema_editor):
    for index in INDEXES:
        schema_editor.add_index(apps.get_model("wagtailcore", "Page"), index)


def remove_indexes(apps, schema_editor):
    for index in INDEXES:
        schema_editor.remove_index(apps.get_model("wagtailcore", "Page"), index)


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0007_consultation_and_analysis_kinds"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
