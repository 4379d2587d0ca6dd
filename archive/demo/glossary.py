"""The glossary of the demo archive: the acronyms and terms of the process (data/glossary.json).

Definitions are written for someone who never took part: short sentences,
no acronym left unexplained. Keyed by slug and written only when different,
like the rest of the load, so running it again changes nothing.
"""

from django.db import transaction

from archive.glossary.models import GlossaryTerm

from . import read_data
from .upsert import upsert_object

CATEGORY = "Glosario"


def load_glossary(tally=None):
    with transaction.atomic():
        for entry in read_data("glossary"):
            upsert_object(
                GlossaryTerm, entry["slug"],
                {
                    "term": entry["term"], "expansion": entry.get("expansion", ""),
                    "expansion_language": entry.get("expansion_language", "es"),
                    "variants": "\n".join(entry.get("variants", [])), "definition": entry["definition"],
                    "mark_in_documents": True,
                },
                tally=tally, category=CATEGORY,
            )
