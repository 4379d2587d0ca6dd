"""The Spanish analysis under threads (issue 20 item 2).

Gunicorn runs each worker with threads; Snowball's stemmer objects keep
state between calls, and one shared by every thread gave wrong stems (a
silently missed result) and exceptions. Many threads stemming the archive's
own words at once must give exactly what one thread gives.
"""

import threading
from pathlib import Path

from search import analysis

CORPUS = Path(__file__).resolve().parents[2] / "archive" / "demo" / "corpus"
THREADS = 16


def corpus_words():
    words = set()
    for path in sorted(CORPUS.rglob("*.txt")) + sorted(CORPUS.rglob("*.md")):
        words.update(analysis.words(path.read_text(encoding="utf-8")))
    return sorted(w for w in words if len(w) > 3 and not w.isdigit())


def stem_uncached(word):
    # Past the lru_cache, which would answer repeats without touching the stemmer.
    return analysis.stem.__wrapped__(word)


def test_many_threads_stem_as_one_thread():
    words = corpus_words()
    assert len(words) > 1000  # enough calls for threads to interleave inside the stemmer
    expected = [stem_uncached(w) for w in words]
    start = threading.Barrier(THREADS)
    results, errors = [None] * THREADS, []

    def run(n):
        # Each thread walks the words from a different place, so they stem different words at the same moment.
        order = words[n * 97 % len(words):] + words[: n * 97 % len(words)]
        start.wait()
        try:
            for _ in range(3):
                got = {w: stem_uncached(w) for w in order}
            results[n] = [got[w] for w in words]
        except Exception as exc:  # noqa: BLE001 - reported below, with the others
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for n, got in enumerate(results):
        wrong = [(w, e, g) for w, e, g in zip(words, expected, got, strict=True) if e != g]
        assert wrong == [], f"thread {n}: {len(wrong)} wrong stems, e.g. {wrong[:5]}"


def test_analyze_in_threads_matches_one_thread():
    text = " ".join(corpus_words()[:3000])
    analysis.stem.cache_clear()
    analysis.key_of.cache_clear()
    expected = analysis.analyze(text)
    analysis.stem.cache_clear()
    analysis.key_of.cache_clear()
    results = [None] * THREADS
    start = threading.Barrier(THREADS)

    def run(n):
        start.wait()
        results[n] = analysis.analyze(text)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r == expected for r in results)
