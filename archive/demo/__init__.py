"""The demo archive, built from the real corpus of the process.

``corpus/`` holds the plain text extracted from five real PDFs, byte for byte
as it came out of the extraction (a user who clones the project has nothing
else). The other modules hold what the Memoria says about the process, as
data: ``site`` (home page and listings), ``taxonomy`` (phases, axes,
elements, actors and memberships), ``documents`` (the pages), ``text`` (how
extracted text becomes a page body) and ``loader`` (the idempotent load that
``manage.py load_demo`` runs).
"""

from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
