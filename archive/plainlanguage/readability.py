"""How easy a Spanish text is to read, in numbers and in words.

Two classic formulas, both computed by textstat for Spanish:

- Fernández-Huerta (1959), Flesch's formula adapted to Spanish;
- Szigriszt-Pazos (1993), read on the INFLESZ scale (Barrio-Cantalejo,
  2008), the one Spanish-speaking health and public bodies use.

Numbers alone tell an editor little, so each comes with what it means in
words («bastante fácil»), and with what to change: the sentences that are
too long, the acronyms and terms a reader may not know (from the glossary)
and bureaucratic phrases that have a plainer way to say them.
"""

import re
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils.html import strip_tags
from textstat.textstat import textstatistics

from .jargon import PLAINER

# A sentence longer than this is hard to follow in one breath; plain-language
# guides in Spanish recommend about 20 words on average and at most 30.
LONG_SENTENCE_WORDS = 30
# Below this the formulas say little: one short phrase can score anything.
MIN_WORDS = 3

# Fernández-Huerta, read like Flesch's scale.
FERNANDEZ_HUERTA_SCALE = [
    (90, "muy fácil"),
    (80, "fácil"),
    (70, "bastante fácil"),
    (60, "normal"),
    (50, "bastante difícil"),
    (30, "difícil"),
    (float("-inf"), "muy difícil"),
]
# Szigriszt-Pazos on the INFLESZ scale.
INFLESZ_SCALE = [
    (80, "muy fácil"),
    (65, "bastante fácil"),
    (55, "normal"),
    (40, "algo difícil"),
    (float("-inf"), "muy difícil"),
]

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at . ! ? or … (with any closing quote or bracket) before a
# capital, an opening sign or a digit.
SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[¿¡\"'«“(\[]?[A-ZÁÉÍÓÚÜÑ0-9])")


def _textstat():
    stats = textstatistics()
    stats.set_lang("es")
    return stats


TEXTSTAT = _textstat()


def summary_threshold():
    """The lowest INFLESZ score a summary may be published with without confirming."""
    return getattr(settings, "PLAIN_LANGUAGE_SUMMARY_MIN_SCORE", 55)


def label_for(score, scale):
    for floor, label in scale:
        if score >= floor:
            return label
    return scale[-1][1]


def split_sentences(text):
    """Sentences of a text; a line break also ends one (titles, list items)."""
    sentences = []
    for line in (text or "").splitlines():
        for piece in SENTENCE_BREAK_RE.split(line.strip()):
            piece = piece.strip()
            if WORD_RE.search(piece):
                sentences.append(piece)
    return sentences


def count_words(text):
    return len(WORD_RE.findall(text))


@dataclass
class LongSentence:
    text: str
    words: int


@dataclass
class Jargon:
    text: str
    explanation: str
    kind: str  # "glossary" (explain it) or "plainer" (say it another way)
    url: str = ""


@dataclass
class Readability:
    words: int = 0
    sentences: int = 0
    average_sentence_length: float = 0.0
    fernandez_huerta: float | None = None
    fernandez_huerta_label: str = ""
    szigriszt_pazos: float | None = None
    inflesz_label: str = ""
    long_sentences: list = field(default_factory=list)
    jargon: list = field(default_factory=list)

    @property
    def scored(self):
        return self.szigriszt_pazos is not None

    def below(self, threshold):
        return self.scored and self.szigriszt_pazos < threshold

    def as_dict(self):
        return asdict(self)


def _clamp(score):
    return round(max(0.0, min(100.0, score)), 1)


def find_jargon(text, glossary=None):
    found = []
    if glossary is not None:
        for term in glossary.find(text):
            explanation = f"{term.expansion}. {term.definition}" if term.expansion else term.definition
            found.append(Jargon(term.term, explanation, "glossary", term.get_absolute_url()))
    folded = text.casefold()
    for phrase, plainer in PLAINER:
        if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", folded):
            found.append(Jargon(phrase, f"Mejor: {plainer}", "plainer"))
    return found


def score(text, glossary=None):
    """Readability of a plain text. ``glossary`` (archive.glossary.marking.Glossary) finds the terms to explain."""
    sentences = split_sentences(text)
    words = sum(count_words(s) for s in sentences)
    result = Readability(words=words, sentences=len(sentences))
    if not sentences:
        return result
    result.average_sentence_length = round(words / len(sentences), 1)
    result.long_sentences = [
        LongSentence(s, n) for s in sentences if (n := count_words(s)) > LONG_SENTENCE_WORDS
    ]
    result.jargon = find_jargon(" ".join(sentences), glossary)
    if words >= MIN_WORDS:
        # textstat finds sentences by their final stop only: give it the same
        # sentences found here, so the average length and the scores agree.
        normalised = " ".join(s if s[-1] in ".!?…" else f"{s}." for s in sentences)
        result.fernandez_huerta = _clamp(TEXTSTAT.fernandez_huerta(normalised))
        result.fernandez_huerta_label = label_for(result.fernandez_huerta, FERNANDEZ_HUERTA_SCALE)
        result.szigriszt_pazos = _clamp(TEXTSTAT.szigriszt_pazos(normalised))
        result.inflesz_label = label_for(result.szigriszt_pazos, INFLESZ_SCALE)
    return result


def html_to_text(html):
    """Plain text of rich text: block ends become line breaks, so headings and list items stay sentences."""
    html = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|blockquote|div)>", "\n", html or "")
    return strip_tags(html)


def stream_text(value):
    """Plain text of a StreamField value (a document's body)."""
    parts = []
    for block in value or []:
        raw = block.value.source if hasattr(block.value, "source") else str(block.value)
        parts.append(html_to_text(raw))
    return "\n".join(parts)
