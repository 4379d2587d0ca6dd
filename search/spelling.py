"""Words the archive does not hold, taken for the archive's words nearest to them.

A word typed that no document holds is most often a typo («transparensia»)
or a compound written another way («copresidente» where the text says
«co-Presidente»). Before the query runs, each such word gets alternatives
from the archive's own vocabulary: words within an edit distance that grows
with the word's length (Elasticsearch's AUTO: none up to 2 letters, 1 up to
5, 2 beyond), or the two words it joins. The page then offers the corrected
query («Quizá quiso decir: …»).

The vocabulary is the engine's (search/backends/embedded.py): the folded
words of every public document, with how many documents hold each.
"""

from .analysis import stem

MAX_CORRECTIONS = 3


def allowed_distance(word):
    if len(word) <= 2:
        return 0
    return 1 if len(word) <= 5 else 2


def edit_distance(a, b, limit):
    """Damerau-Levenshtein (adjacent transpositions count one), or limit + 1 once it is exceeded."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def corrections(word, vocabulary):
    """The archive's words nearest to `word`, most common first (at most MAX_CORRECTIONS)."""
    limit = allowed_distance(word)
    if not limit:
        return []
    found = []
    # Typos rarely touch the first two letters together: the vocabulary is read
    # under the word's first two letters, and under them swapped («tarnsparencia»).
    prefixes = dict.fromkeys([word[:2], word[1::-1]])
    candidates = [entry for prefix in prefixes for entry in vocabulary.words_starting(prefix)]
    for candidate, frequency in candidates:
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            found.append((distance, -frequency, candidate))
    found.sort()
    return [candidate for _d, _f, candidate in found[:MAX_CORRECTIONS]]


def split_compound(word, vocabulary):
    """«copresidente» -> («co», «presidente») when both parts are the archive's words."""
    for cut in range(2, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if vocabulary.holds(head) and vocabulary.holds(tail):
            return head, tail
    return None


def same_root(word, vocabulary):
    """The archive's words that share the typed word's root: «inauguración» -> «inaugural», «fundaron» -> «fundadores».

    For a long word no document holds and no typo explains: its stem (at
    least five letters) begins the words it derives from or into.
    """
    if len(word) < 6:
        return []
    root = stem(word)
    if len(root) < 5:
        root = word[:5]
    found = sorted(vocabulary.words_starting(root), key=lambda entry: -entry[1])
    return [candidate for candidate, _frequency in found[:MAX_CORRECTIONS]]


def correct(query, vocabulary):
    """Give each unknown one-word clause the archive's nearest words as alternatives; set the suggestion."""
    suggested = query.raw
    changed = False
    for clause in query.clauses:
        word = clause.word
        if not word or word.isdigit() or vocabulary.holds(word):
            continue
        parts = split_compound(word, vocabulary)
        if parts:
            clause.alternatives = clause.alternatives + [tuple(stem(part) for part in parts)]
            clause.corrected = " ".join(parts)
            continue
        nearest = corrections(word, vocabulary)
        related = same_root(word, vocabulary)
        alternatives = list(dict.fromkeys((stem(candidate),) for candidate in nearest + related))
        if not alternatives:
            # No document holds it in any form: requiring it would only empty the results.
            clause.unknown = True
            continue
        clause.alternatives = clause.alternatives + [keys for keys in alternatives if keys not in clause.alternatives]
        if nearest:
            clause.corrected = nearest[0]
            suggested = suggested.replace(clause.text, nearest[0], 1)
            changed = True
    query.suggestion = suggested if changed else ""
    return query
