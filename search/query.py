"""From what a person typed to a backend-neutral query.

A query is a list of *clauses*. A clause is a list of alternatives (OR); an
alternative is a sequence of search keys matched as a phrase. A plain word
is one clause with one one-key alternative; a quoted phrase is one clause
with one multi-key alternative (``phrase``: required); a name people search
by several ways (AGA, OGP, Alianza para el Gobierno Abierto) becomes one
clause whose alternatives are all its names; a hyphenated compound
(«co-Presidente») also matches the joined word («copresidente»). Words the
person excludes («-borrador») are clauses of their own list.

Plain clauses are OR'ed by the engines, and a document must hold most of
them (``minimum_should_match``, Elasticsearch's "3<75%"): a question in
plain words finds the document that answers it without every word in it.

Nothing the person typed reaches a backend's query syntax: backends build
their own syntax from search keys, which are letters and digits only.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .analysis import STOP_WORDS, analyze, fold, stem, tokens
from .synonyms import SYNONYM_GROUPS

MAX_QUERY_CHARS = 256
MAX_CLAUSES = 12

QUOTE_RE = re.compile(r'"([^"]*)"?')


def _synonym_index():
    """Map the folded, stop-word-free key sequence of every name to its group's alternatives."""
    index = {}
    for group in SYNONYM_GROUPS:
        alternatives = []
        for name in group:
            keys = tuple(analyze(name))
            if keys and keys not in alternatives:
                alternatives.append(keys)
        for keys in alternatives:
            index[keys] = alternatives
    return index


SYNONYMS = _synonym_index()
LONGEST_NAME = max(len(keys) for keys in SYNONYMS)


@dataclass
class Clause:
    alternatives: list  # list of tuples of keys
    text: str = ""  # what the person typed, for engines that analyse text themselves
    phrase: bool = False
    # The folded word typed, for spelling: only a one-word clause has one.
    word: str = ""
    # Set by spelling (search/spelling.py): the archive's word it was taken for,
    # or that no document holds the word in any form.
    corrected: str = ""
    unknown: bool = False

    def __eq__(self, other):
        return isinstance(other, Clause) and self.alternatives == other.alternatives


def minimum_should_match(count):
    """How many of `count` plain clauses a document must hold: all up to 3, then 75% (rounded down)."""
    return count if count <= 3 else (3 * count) // 4


@dataclass
class ParsedQuery:
    raw: str = ""
    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    # «Quizá quiso decir»: the query with its unknown words replaced (search/spelling.py).
    suggestion: str = ""

    @property
    def is_empty(self):
        return not self.clauses and not self.excluded

    @property
    def optional(self):
        return [clause for clause in self.clauses if not clause.phrase]

    @property
    def required(self):
        return [clause for clause in self.clauses if clause.phrase]

    @property
    def minimum_should_match(self):
        # A word no document holds in any form cannot help a document match.
        known = [clause for clause in self.optional if not clause.unknown]
        return max(1, minimum_should_match(len(known)))


def clean_input(raw):
    """Drop control and format characters; collapse white space; cap the length."""
    text = "".join(
        " " if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} else c for c in raw or ""
    )
    text = re.sub(r"\s+", " ", text).strip()
    return text


HYPHENS = "-‐‑–"


def _word_clauses(words_text):
    words = [
        (start, end, stem(word), word) for start, end, word in tokens(words_text) if word not in STOP_WORDS
    ]
    keys = [key for _s, _e, key, _w in words]
    clauses = []
    i = 0
    while i < len(keys):
        size = 1
        alternatives = [(keys[i],)]
        for candidate_size in range(min(LONGEST_NAME, len(keys) - i), 0, -1):
            candidate = tuple(keys[i : i + candidate_size])
            if candidate in SYNONYMS:
                size, alternatives = candidate_size, list(SYNONYMS[candidate])
                break
        if size == 1 and i + 1 < len(words) and words_text[words[i][1] : words[i + 1][0]] in HYPHENS:
            # «co-Presidente», «pre-registro»: the parts as a phrase, or the joined word.
            size = 2
            alternatives = [(keys[i], keys[i + 1]), (stem(words[i][3] + words[i + 1][3]),)]
        text = words_text[words[i][0] : words[i + size - 1][1]]
        clauses.append(Clause(alternatives, text, word=words[i][3] if size == 1 else ""))
        i += size
    return clauses


EXCLUDED_RE = re.compile(r'(?:^|(?<=\s))-(?:"([^"]*)"?|([^\s"]+))')


def _excluded_clauses(text):
    """«-borrador», «-"sin fecha"»: what a document must not hold; the text without them."""
    excluded = []
    for match in EXCLUDED_RE.finditer(text):
        words = match.group(1) if match.group(1) is not None else match.group(2)
        keys = tuple(analyze(words))
        if keys:
            excluded.append(Clause([keys], words, phrase=len(keys) > 1))
    return excluded, EXCLUDED_RE.sub(" ", text)


def parse_query(raw):
    query = ParsedQuery(raw=raw or "")
    text = clean_input(raw)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.notices.append(_("La búsqueda era muy larga: usamos sus primeros %(count)s caracteres.") % {"count": MAX_QUERY_CHARS})
    query.excluded, text = _excluded_clauses(text)
    position = 0
    for match in QUOTE_RE.finditer(text):
        query.clauses.extend(_word_clauses(text[position : match.start()]))
        phrase = tuple(analyze(match.group(1)))
        if len(phrase) == 1:
            query.clauses.extend(_word_clauses(match.group(1)))
        elif phrase:
            synonyms = SYNONYMS.get(phrase)
            query.clauses.append(Clause(list(synonyms) if synonyms else [phrase], match.group(1), phrase=True))
        position = match.end()
    query.clauses.extend(_word_clauses(text[position:]))
    # The same clause twice adds nothing but cost.
    unique = []
    for clause in query.clauses:
        if clause not in unique:
            unique.append(clause)
    if len(unique) > MAX_CLAUSES:
        query.notices.append(_("La búsqueda tenía muchas palabras: usamos las primeras %(count)s.") % {"count": MAX_CLAUSES})
        unique = unique[:MAX_CLAUSES]
    query.clauses = unique
    if not query.clauses and text.strip() and all(fold(w) in STOP_WORDS for w in text.split()):
        query.notices.append(_("Las palabras buscadas son demasiado comunes; prueba con otras."))
    return query


__all__ = ["Clause", "ParsedQuery", "parse_query", "stem", "minimum_should_match", "MAX_QUERY_CHARS", "MAX_CLAUSES"]
