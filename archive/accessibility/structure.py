"""Rebuild headings, paragraphs and lists from the text extracted from a PDF.

A PDF keeps where words are drawn, not what they are: its extracted text
comes as lines cut at the page's edge, with running headers, page numbers
and no mark of what is a heading. A screen-reader user, or someone reading
at 400 % zoom, needs the structure back. This module guesses it, plainly:

- lines repeated on most pages (running headers and footers) and lone page
  numbers are dropped;
- a short line written in capitals, or a short numbered line («2.1 Ejes de
  trabajo»), or a short line standing alone between blank lines, is a
  heading; numbering gives its level;
- a line starting with a bullet is a list item;
- other lines are joined into paragraphs; a paragraph ends at a blank line
  or at a short line that closes a sentence, and a word cut by a hyphen at
  the end of a line is joined again.

It never invents words: every word of the text appears once, in order.
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

BULLET_RE = re.compile(r"^[•·▪◦●○■□➢►\-–—*]\s+")
NUMBERED_RE = re.compile(r"^(?P<number>(?:\d{1,2}\.)*\d{1,2})\.?\)?\s+(?P<text>\S.*)$")
ROMAN_RE = re.compile(r"^(?P<number>[IVXL]{1,5})\.\s+(?P<text>\S.*)$")
SECTION_RE = re.compile(r"^(cap[ií]tulo|anexo|secci[oó]n|apartado)\b", re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^(p[aá]g(ina|\.)?\s*)?\d{1,4}(\s*(de|/)\s*\d{1,4})?$", re.IGNORECASE)
SENTENCE_END = ".:;!?…”\"»)"
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "list"
    text: str = ""
    level: int = 2
    items: list = field(default_factory=list)
    anchor: str = ""


@dataclass
class TextPage:
    number: int
    blocks: list


def _signature(line):
    """A line with its digits blurred: «Página 3 de 20» and «Página 4 de 20» are the same footer."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _repeated_lines(pages):
    """Signatures of lines printed on most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts = Counter()
    for text in pages:
        counts.update({_signature(line) for line in text.splitlines() if line.strip()})
    return {signature for signature, count in counts.items() if count >= max(3, 0.6 * len(pages))}


def _letters(line):
    return [c for c in line if c.isalpha()]


def _is_capitals(line):
    letters = _letters(line)
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _is_short(line):
    return len(line) <= MAX_HEADING_CHARS and len(line.split()) <= MAX_HEADING_WORDS


def heading_level(line, alone=False):
    """The level (2 to 4) if the line reads as a heading, else None.

    ``alone``: the line stands between blank lines, as titles do in text
    where the extraction kept the spacing.
    """
    if not _is_short(line) or line[-1] in ".,;" or BULLET_RE.match(line):
        return None
    numbered = NUMBERED_RE.match(line)
    if numbered:
        text = numbered.group("text")
        if text[0].isupper() and len(_letters(text)) >= 3 and not text.rstrip().endswith(":"):
            return min(4, 1 + numbered.group("number").count(".") + 1)
        return None
    if ROMAN_RE.match(line) and ROMAN_RE.match(line).group("text")[0].isupper():
        return 2
    if line.endswith(":"):
        return None
    if _is_capitals(line) or SECTION_RE.match(line):
        return 2
    # Alone between blank lines: a title, unless it reads like a sign-off,
    # an address or a handle («Ciudad de México, 2023», «Estado Abierto / Info CDMX»).
    if alone and line[0].isupper() and len(line.split()) <= 8 and len(_letters(line)) >= 4 \
            and not any(mark in line for mark in ",/:@#"):
        return 3
    return None


def _join(lines):
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line  # «partici-» + «pación»
        else:
            text = f"{text} {line}"
    return text


def _chunks(text, repeated):
    """Runs of non-blank lines, without running headers and page numbers."""
    chunks, current = [], []
    for raw in text.splitlines():
        line = " ".join(raw.replace("**", "").split())
        if line and (PAGE_NUMBER_RE.match(line) or _signature(line) in repeated):
            continue
        if not line:
            if current:
                chunks.append(current)
                current = []
            continue
        current.append(line)
    if current:
        chunks.append(current)
    return chunks


class _Blocks:
    """Blocks of one page as they are built: the open paragraph or list is flushed on a change."""

    def __init__(self):
        self.blocks, self.paragraph, self.items = [], [], []

    def flush(self):
        if self.paragraph:
            self.blocks.append(Block("paragraph", _join(self.paragraph)))
            self.paragraph = []
        if self.items:
            self.blocks.append(Block("list", items=[_join(item) for item in self.items]))
            self.items = []


def _page_blocks(text, repeated):
    chunks = _chunks(text, repeated)
    long_lines = [len(line) for chunk in chunks for line in chunk if len(line) > 40]
    # A line much shorter than the page's usual line that ends a sentence ends its paragraph.
    paragraph_end = 0.7 * statistics.median(long_lines) if long_lines else 0
    out = _Blocks()
    for chunk in chunks:
        for index, line in enumerate(chunk):
            continues = out.paragraph and out.paragraph[-1][-1] not in SENTENCE_END and line[0].islower()
            level = None if continues else heading_level(line, alone=len(chunk) == 1)
            if level:
                out.flush()
                out.blocks.append(Block("heading", line.rstrip(":").strip(), level))
            elif BULLET_RE.match(line):
                if out.paragraph:
                    out.flush()
                out.items.append([BULLET_RE.sub("", line, count=1)])
            elif out.items and line[0].islower():
                out.items[-1].append(line)  # a list item wrapped onto the next line
            else:
                if out.items:
                    out.flush()
                out.paragraph.append(line)
                last = index == len(chunk) - 1
                if not last and line[-1] in ".!?…»”" and len(line) < paragraph_end:
                    out.flush()
        out.flush()
    return out.blocks


def _fix_levels(pages):
    """Headings go down one level at a time (h2, h3, h4), never skipping."""
    previous = 1
    for page in pages:
        for block in page.blocks:
            if block.kind == "heading":
                block.level = min(block.level, previous + 1)
                previous = block.level


def structure(text_pages):
    """TextPage (number and blocks) for each page of extracted text; headings get anchors."""
    repeated = _repeated_lines(text_pages)
    pages = [TextPage(number, _page_blocks(text or "", repeated)) for number, text in enumerate(text_pages, start=1)]
    _fix_levels(pages)
    count = 0
    for page in pages:
        for block in page.blocks:
            if block.kind == "heading":
                count += 1
                block.anchor = f"seccion-{count}"
    return pages


def headings(pages):
    return [block for page in pages for block in page.blocks if block.kind == "heading"]
