"""The demo archive, built from the real corpus of the process.

``corpus/`` holds the plain text extracted from five real PDFs, byte for byte
as it came out of the extraction (a user who clones the project has nothing
else). ``data/`` holds what the Memoria says about the process, as data files
(its README says what each holds): the site frame, the vocabularies, the
timeline, the glossary and the documents, the last as a manifest in the
importer's own form. The modules here only load them: ``loader`` (the
idempotent load ``manage.py load_demo`` runs) with ``site``, ``timeline``,
``glossary`` and ``comments``; ``corpus`` and ``text`` (how a corpus text
becomes a page body, and quotations cut from it); ``upsert`` (create or
update by slug). The demo uses the importer; nothing outside this package
and the tests imports the demo.
"""

import json
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
CORPUS_DIR = DEMO_DIR / "corpus"
DATA_DIR = DEMO_DIR / "data"


def read_data(name):
    """The content of data/<name>.json: its records, in the file's order."""
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))
