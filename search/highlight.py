"""Snippets with the matched words marked, computed on the original text.

The index holds stems; people read words. Each word of the original text is
analysed like the query, and the words whose key the query asked for are
wrapped in <mark>. Everything else is escaped.
"""

from html import escape

from .analysis import key_of, tokens

WINDOW_WORDS = 30


def hit_positions(text, keys):
    words = list(tokens(text))
    hits = [i for i, (_s, _e, word) in enumerate(words) if key_of(word) in keys]
    return words, hits


def score(text, keys):
    """How many distinct query keys a text contains."""
    words, hits = hit_positions(text, keys)
    return len({key_of(words[i][2]) for i in hits})


def snippet(text, keys, window=WINDOW_WORDS):
    """An escaped excerpt of about `window` words around the densest hits, hits marked."""
    text = text or ""
    words, hits = hit_positions(text, keys)
    if not words:
        return ""
    if hits:
        best_start, best_count = hits[0], 0
        j = 0
        for i, start in enumerate(hits):
            while hits[j] < start - window // 2:
                j += 1
            count = i - j + 1
            if count > best_count:
                best_count, best_start = count, hits[j]
        first = max(0, best_start - window // 4)
    else:
        first = 0
    last = min(len(words), first + window)
    begin = 0 if first == 0 else words[first][0]
    end = len(text) if last == len(words) else words[last - 1][1]
    hit_set = set(hits)
    out = ["… " if first > 0 else ""]
    cursor = begin
    for i in range(first, last):
        start, stop, _word = words[i]
        out.append(escape(text[cursor:start]))
        piece = escape(text[start:stop])
        out.append(f"<mark>{piece}</mark>" if i in hit_set else piece)
        cursor = stop
    out.append(escape(text[cursor:end]))
    if last < len(words):
        out.append(" …")
    return " ".join("".join(out).split())
