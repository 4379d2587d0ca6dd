"""The corpus texts as the demo reads them, and the passages it quotes from them.

A corpus text stays byte for byte as extracted; data/corpus.json says how
to read each one (which lines are page headers, which are headings). A
passage names its source file and its first and last words, so every
quotation says where in the corpus it comes from and is its exact words:
text.passage refuses anchors it cannot find rather than guess.
"""

import re
from functools import cache

from . import DEMO_DIR, read_data
from .text import passage, text_to_blocks

PASSAGE_KEYS = {"source", "from", "to"}


@cache
def _readings():
    return {entry["file"]: entry for entry in read_data("corpus")}


@cache
def corpus_text(path):
    return (DEMO_DIR / path).read_text(encoding="utf-8")


def reading(path):
    """How to read a corpus text (``path`` from the demo's folder): text.text_to_blocks's options."""
    entry = _readings().get(path)
    if entry is None:
        raise ValueError(f"«{path}» no está en data/corpus.json: di allí cómo se lee.")
    return {
        "drop_lines": [re.compile(pattern) for pattern in entry.get("page_headers", [])],
        "headings": entry.get("headings", []),
        "caps_titles": entry.get("caps_titles", False),
        "join_page_breaks": entry.get("join_page_breaks", False),
    }


def corpus_blocks(path):
    """A corpus text as a page body: its headings, paragraphs and lists, without its page headers."""
    return text_to_blocks(corpus_text(path), **reading(path))


def is_passage(value):
    """A passage (``{"source", "from", "to"}``) or a list of them."""
    if isinstance(value, dict):
        return set(value) == PASSAGE_KEYS
    return bool(value) and isinstance(value, list) and all(
        isinstance(item, dict) and set(item) == PASSAGE_KEYS for item in value
    )


def passage_text(value):
    """The words a passage names. A list of passages (a sentence that a page break and its
    footnotes cut in two) reads as its parts joined by a space."""
    if isinstance(value, list):
        return " ".join(passage_text(item) for item in value)
    source = value["source"]
    return passage(corpus_text(source), value["from"], value["to"], drop_lines=reading(source)["drop_lines"])
