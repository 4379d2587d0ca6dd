"""Snippets with what matched marked, computed on the original text.

The index holds stems; people read words. Each word of the original text is
analysed like the query, and what the query asked for is wrapped in <mark>:
a word typed, in any of its forms, or a name as a whole phrase. A name is
never marked word by word: «OGP» marks «Alianza para el Gobierno Abierto»
where those words stand together, not every «Gobierno» of the text; an
acronym marks the name it stands for (an actor's, from the vocabulary).
Everything else is escaped.
"""

from html import escape

from .analysis import key_of, tokens

WINDOW_WORDS = 30


class Marks:
    """What a query marks: for each of its clauses, the phrases (tuples of keys) that count as that clause."""

    def __init__(self, groups):
        self.clauses = 0
        self._by_first = {}
        for number, phrases in enumerate(groups):
            phrases = [tuple(phrase) for phrase in phrases if phrase]
            if not phrases:
                continue
            self.clauses += 1
            for phrase in phrases:
                self._by_first.setdefault(phrase[0], []).append((phrase, number))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[0]))  # the longest name first

    def __bool__(self):
        return bool(self._by_first)

    def find(self, text):
        """(words, spans): each span is (first word, last word, clause) of one occurrence."""
        words = list(tokens(text or ""))
        content = [(i, key_of(word)) for i, (_s, _e, word) in enumerate(words)]
        content = [(i, key) for i, key in content if key is not None]
        keys = [key for _i, key in content]
        spans = []
        j = 0
        while j < len(keys):
            for phrase, number in self._by_first.get(keys[j], ()):
                if tuple(keys[j : j + len(phrase)]) == phrase:
                    spans.append((content[j][0], content[j + len(phrase) - 1][0], number))
                    j += len(phrase)
                    break
            else:
                j += 1
        return words, spans


NOTHING = Marks([])


def score(text, marks):
    """How many of the query's clauses a text contains."""
    _words, spans = marks.find(text)
    return len({number for _first, _last, number in spans})


def _window_start(spans, window):
    """The first word of the window of `window` words that holds most occurrences."""
    starts = [first for first, _last, _n in spans]
    best_start, best_count = starts[0], 0
    j = 0
    for i, start in enumerate(starts):
        while starts[j] < start - window // 2:
            j += 1
        count = i - j + 1
        if count > best_count:
            best_count, best_start = count, starts[j]
    return max(0, best_start - window // 4)


def snippet(text, marks=NOTHING, window=WINDOW_WORDS):
    """An escaped excerpt of about `window` words around the densest occurrences, each marked."""
    text = text or ""
    words, spans = marks.find(text)
    if not words:
        return ""
    first = _window_start(spans, window) if spans else 0
    last = min(len(words), first + window)
    begin = 0 if first == 0 else words[first][0]
    end = len(text) if last == len(words) else words[last - 1][1]
    # A name cut by the window's edge is marked as far as it is shown.
    opening = {span_first: min(span_last, last - 1) for span_first, span_last, _n in spans
               if first <= span_first < last}
    out = ["… " if first > 0 else ""]
    cursor = begin
    i = first
    while i < last:
        start, stop, _word = words[i]
        out.append(escape(text[cursor:start]))
        if i in opening:
            closing = opening[i]
            out.append(f"<mark>{escape(text[start : words[closing][1]])}</mark>")
            cursor, i = words[closing][1], closing + 1
            continue
        out.append(escape(text[start:stop]))
        cursor, i = stop, i + 1
    out.append(escape(text[cursor:end]))
    if last < len(words):
        out.append(" …")
    return " ".join("".join(out).split())
