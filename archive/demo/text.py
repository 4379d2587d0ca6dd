"""Turn text extracted from a PDF into StreamField blocks, changing as little as possible.

The extraction keeps every word, but also what a PDF puts around the words:
repeated page headers, ``**`` marks, hard line breaks inside sentences,
slide titles in capitals. A reader of the page needs the words in order,
with headings where the document has them; the attached file keeps the
extraction exactly as it came. So this module only:

- drops lines that are page headers (given per document, never guessed);
- drops ``**`` marks;
- makes headings of lines marked with ``#``, of lines the caller names, and,
  for slide decks, of one-line slide titles written in capitals;
- makes bullet lists of lines that start with ``-``;
- turns web addresses into links;
- for prose (``join_page_breaks``), joins a paragraph cut by a page break
  when the next block continues the same sentence.

Rich text is escaped as the importer escapes a manifest's text: the
extraction is text, never HTML.
"""

import re

from archive.importer.richtext import URL_RE, rich_inline

BULLET_RE = re.compile(r"^\s*[-•]\s*")
SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
SENTENCE_END = ".:;!?…”\"»)"


def _clean_line(line):
    line = line.replace("**", "").rstrip()
    if line.count("\t") >= 2:
        # A table row: keep the cells apart so their words do not run together.
        return " · ".join(cell.strip() for cell in line.split("\t") if cell.strip())
    return line.replace("\t", " ").strip()


def _split_blocks(text, drop_lines):
    """Blocks of consecutive non-blank lines, without the page-header lines."""
    blocks, current = [], []
    for raw in text.splitlines():
        stripped = raw.strip()
        if any(pattern.fullmatch(stripped) for pattern in drop_lines):
            # A dropped header ends the block it interrupts, like a blank line.
            stripped = ""
        if not stripped:
            if current:
                blocks.append(current)
                current = []
            continue
        line = _clean_line(raw)
        if line:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _is_caps_title(line):
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(line) <= 100


def _joins_sentence(previous, following):
    """True when ``following`` continues the sentence ``previous`` leaves open."""
    return bool(previous) and bool(following) and previous[-1] not in SENTENCE_END and following[0].islower()


def _paragraph(lines):
    """One rich-text paragraph; a line break is kept unless the sentence goes on."""
    parts = [rich_inline(lines[0])]
    for previous, line in zip(lines, lines[1:], strict=False):
        parts.append(" " if _joins_sentence(previous, line) else "<br/>")
        parts.append(rich_inline(line))
    return f"<p>{''.join(parts)}</p>"


def _bullet_list(lines):
    items = []
    for line in lines:
        if BULLET_RE.match(line):
            text = BULLET_RE.sub("", line, count=1).strip()
            items.append([text] if text else [])
        elif items:
            items[-1].append(line)  # a bullet's text wrapped onto the next line
        else:
            items.append([line])
    items = [" ".join(item) for item in items if item]
    if not items:
        return None
    return "<ul>" + "".join(f"<li>{rich_inline(item)}</li>" for item in items) + "</ul>"


def _is_footnote_or_address(lines):
    first, last = lines[0], lines[-1]
    return first[0] in SUPERSCRIPT_DIGITS or bool(URL_RE.search(last.split()[-1]))


def text_to_blocks(text, *, drop_lines=(), headings=(), caps_titles=False, join_page_breaks=False):
    """StreamField raw data (a list of ``{"type", "value"}``) for extracted text.

    ``drop_lines``: compiled patterns of whole lines to leave out (page headers).
    ``headings``: exact lines that are section headings.
    ``caps_titles``: one-line blocks in capitals are headings (slide titles).
    ``join_page_breaks``: join a block to the next one when a page break cut a sentence.
    """
    headings = {h.strip() for h in headings}
    blocks = _split_blocks(text, drop_lines)

    if join_page_breaks:
        joined = []
        for lines in blocks:
            if (
                joined
                and not _is_footnote_or_address(joined[-1])
                and not BULLET_RE.match(lines[0])
                and _joins_sentence(joined[-1][-1], lines[0])
            ):
                joined[-1] = joined[-1][:-1] + [f"{joined[-1][-1]} {lines[0]}"] + lines[1:]
            else:
                joined.append(lines)
        blocks = joined

    stream = []
    for lines in blocks:
        if len(lines) == 1:
            line = lines[0]
            if line.startswith("#") and line.lstrip("#").startswith(" "):
                stream.append({"type": "heading", "value": line.lstrip("#").strip()})
                continue
            if line in headings or (caps_titles and _is_caps_title(line)):
                stream.append({"type": "heading", "value": line.rstrip(".").strip()})
                continue
        if BULLET_RE.match(lines[0]):
            value = _bullet_list(lines)
            if value:
                stream.append({"type": "paragraph", "value": value})
            continue
        stream.append({"type": "paragraph", "value": _paragraph(lines)})
    return stream


def passage(text, start, end, *, drop_lines=()):
    """The words of ``text`` from ``start`` to ``end`` inclusive, as plain paragraphs.

    Page headers are left out and a paragraph cut by a page break is joined
    again, so a quotation reads as its author wrote it. Raises ``ValueError``
    when the anchors are not in the text: a quotation must never be guessed.
    """
    blocks = _split_blocks(text, drop_lines)
    flat = "\n\n".join("\n".join(lines) for lines in blocks)
    first = flat.find(start)
    if first < 0:
        raise ValueError(f"No se encontró el inicio de la cita: {start!r}")
    last = flat.find(end, first)
    if last < 0:
        raise ValueError(f"No se encontró el final de la cita: {end!r}")
    paragraphs = []
    for chunk in flat[first : last + len(end)].split("\n\n"):
        lines = chunk.split("\n")
        text_ = " ".join(lines)
        if paragraphs and _joins_sentence(paragraphs[-1], text_):
            paragraphs[-1] = f"{paragraphs[-1]} {text_}"
        else:
            paragraphs.append(text_)
    return "\n\n".join(paragraphs)
