"""Plain text as rich text: escaped, with its web addresses made links.

A manifest's text is never read as HTML: what an editor typed shows as
typed. The demo's load (archive/demo/text.py) makes the corpus texts'
paragraphs with the same escaping.
"""

import html
import re

URL_RE = re.compile(r"https?://[^\s<>]+")


def rich_inline(text):
    """Escape plain text for rich text and make its web addresses links."""
    out = []
    position = 0
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        end = match.start() + len(url)
        out.append(html.escape(text[position : match.start()], quote=False))
        out.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
        position = end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def _paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()]


def rich_text(text):
    """Plain text as rich text: blank lines separate paragraphs, and nothing in it is read as HTML."""
    return "".join(
        "<p>" + "<br/>".join(rich_inline(line.strip()) for line in p.split("\n") if line.strip()) + "</p>"
        for p in _paragraphs(text)
    )


def body_blocks(text):
    """A body's StreamField raw data: one paragraph block per paragraph of the text."""
    return [{"type": "paragraph", "value": rich_text(p)} for p in _paragraphs(text)]
