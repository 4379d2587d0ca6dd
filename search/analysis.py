"""Spanish text analysis shared by every backend.

Index and query pass through the same function, so whatever the backend does
afterwards, "participacion" meets "participación", "convocatorias" meets
"convocatoria" and "gobiernos" meets "gobierno".

The Snowball Spanish stemmer alone treats plurals unevenly (gobierno ->
gobiern but gobiernos -> gobi; mujer -> muj but mujeres -> mujer), so plurals
are reduced first with the light rules Elasticsearch's ``light_spanish`` uses,
then Snowball runs on the singular.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Words too common to help find anything; the same list PostgreSQL's and
# Elasticsearch's Spanish stop filters start from, trimmed to the frequent ones.
STOP_WORDS = frozenset(
    """
    a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella
    ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta estaba estado estas este
    esto estos fue fueron ha han hasta hay la las le les lo los mas me mi mis mucho muy nada ni no nos
    o os otra otros para pero poco por porque que quien se sea ser si sido sin sobre son su sus tambien
    te tiene tienen toda todo todos tu un una uno unos y ya yo
    quienes cuales cuanto cuanta cuantos cuantas
    """.split()
)

# Snowball's stemmer objects keep state between calls: shared by gunicorn's
# threads they gave wrong stems (a silently missed result) and exceptions.
# One per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("spanish")
    return stemmer


def fold(text):
    """Lower case without accents (ñ keeps its tilde: 'año' is not 'ano')."""
    text = text.lower().replace("ñ", "\x00")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("\x00", "ñ")


def singular(word):
    if len(word) > 5 and word.endswith("ces"):
        return word[:-3] + "z"  # luces -> luz, veces -> vez
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        return word[:-2]  # ciudades -> ciudad, mujeres -> mujer
    if len(word) > 3 and word.endswith("s") and word[-2] in "aeiou":
        return word[:-1]  # gobiernos -> gobierno, mesas -> mesa
    return word


@lru_cache(maxsize=100_000)
def stem(word):
    """The search key of one folded word; digits and short words stay as they are."""
    if len(word) <= 3 or word.isdigit():
        return word
    return _stemmer().stemWord(singular(word))


@lru_cache(maxsize=200_000)
def fold_word(word):
    # Words repeat (Zipf): folding each distinct word once halves the cost of
    # indexing and of snippets, where folding through unicodedata dominated.
    return fold(word)


@lru_cache(maxsize=200_000)
def key_of(folded):
    """The search key of a folded word, or None for a stop word."""
    return None if folded in STOP_WORDS else stem(folded)


def tokens(text):
    """(start, end, folded word) for every word in the original text."""
    for match in TOKEN_RE.finditer(text):
        yield match.start(), match.end(), fold_word(match.group())


COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def words(text):
    """The folded words of a text, in order (what tokens() gives, without positions).

    Indexing reads every word of every document: folding the whole text at
    once (normalize and a regular expression, in C) is several times faster
    than word by word in Python. Words left with other marks or scripts take
    fold()'s exact way.
    """
    lowered = (text or "").lower()
    if lowered.isascii():
        return TOKEN_RE.findall(lowered)
    decomposed = unicodedata.normalize("NFD", lowered.replace("ñ", "\x00"))
    folded = COMBINING_MARKS.sub("", decomposed).replace("\x00", "ñ")
    return [word if word.isascii() or word.replace("ñ", "").isascii() else fold_word(word)
            for word in TOKEN_RE.findall(folded)]


def analyze(text, keep_stop_words=False):
    """The list of search keys of a text, in order."""
    analyse_one = stem if keep_stop_words else key_of
    return [key for key in map(analyse_one, words(text)) if key is not None]

