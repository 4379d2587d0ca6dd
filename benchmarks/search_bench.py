#!/usr/bin/env python
"""Time the public search on the archive generate.py built, and check the goals of issue 15.

    DATABASE_URL=sqlite:////tmp/archivo-bench-100k.sqlite3 .venv/bin/python benchmarks/search_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archivo_bench .venv/bin/python benchmarks/search_bench.py --json out.json

Requests go through Django's test Client to /api/buscar/: the whole HTTP
stack (middleware, URL routing, view, JSON) minus the network. Each case is
run a few times to warm up, then --reps times; p50 and p95 are of those.

Cases: a word found in (nearly) every document, a rare word, a question of
eight words, a misspelt word, a word with three facets selected, and browsing
(no words). Goals:
  (a) HTTP p95 < 50 ms for every case;
  (b) the word in every document costs at most 3x the rare word (p50).

When the archive's records exist but the engine's index does not (an
archive generated before the engine), the index is first written from the
records, timed. The index's size on disk and this process's peak memory are
printed. The last line of the output is the figures as JSON (also --json).
"""

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_env  # noqa: E402
from corpus import RANKED_ITEMS, RARE_NAMES  # noqa: E402

API = "/api/buscar/"
GOAL_P95_MS = 50
GOAL_COMMON_VS_RARE = 3


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


def timed(function, reps, warmup):
    for _ in range(warmup):
        function()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def directory_mb(path):
    path = Path(path)
    if not path.exists():
        return 0.0
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024


def single_words():
    """Words of the synthetic corpus that are one search key each, in corpus order."""
    from search.query import parse_query

    words, seen = [], set()
    for word in RANKED_ITEMS + RARE_NAMES:
        if " " in word:
            continue
        query = parse_query(word)
        if len(query.clauses) == 1 and query.clauses[0].alternatives == [query.clauses[0].alternatives[0]]:
            keys = query.clauses[0].alternatives[0]
            if len(keys) == 1 and keys[0] not in seen:
                seen.add(keys[0])
                words.append(word)
    return words


def misspell(word):
    """One transposition in the middle, as people type: «participacion» -> «particpiacion»."""
    middle = len(word) // 2
    return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=40, help="timed runs per case (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default: %(default)s)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    def log(message):
        print(message, flush=True)

    setup_env.setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from search import indexing
    from search.backends import get_backend
    from search.models import SearchRecord
    from search.query import parse_query

    total = SearchRecord.objects.count()
    if not total:
        sys.exit("The archive has no search records: run benchmarks/generate.py first.")
    backend = get_backend()
    log(f"Database: {connection.vendor} {connection.settings_dict['NAME']}, {total} records, engine {backend.name}")
    figures = {"records": total, "engine": backend.name, "load_before": os.getloadavg()}

    index_dir = getattr(settings, "SEARCH_INDEX_DIR", None)
    if backend.name == "tantivy" and backend.searcher().num_docs < total:
        start = time.perf_counter()
        indexing.reload_engine()
        seconds = time.perf_counter() - start
        figures["index_from_records_s"] = round(seconds, 1)
        log(f"  index written from the records: {total} documents in {seconds:.1f} s ({total / seconds:.0f}/s)")
    if index_dir:
        figures["index_mb"] = round(directory_mb(index_dir), 1)
        log(f"  index on disk: {figures['index_mb']} MB ({index_dir})")

    def count(q):
        return backend.search(parse_query(q), {}, "relevancia", 0, 1)[1]

    words = single_words()
    counts = {word: count(word) for word in words}
    present = {w: c for w, c in counts.items() if c}
    common = max(present, key=present.get)
    rare = min(present, key=lambda w: abs(math.log(present[w] / max(3, total / 1000))))
    middling = sorted((w for w in present if total / 50 < present[w] < total / 3), key=present.get)
    question = " ".join(middling[:: max(1, len(middling) // 8)][:8])
    long_words = [w for w in middling if len(w) >= 8]
    typo = misspell(long_words[len(long_words) // 2]) if long_words else misspell(common)
    log(f"  words: in every document {common!r} ({present[common]}), rare {rare!r} ({present[rare]}), "
        f"question {question!r}, misspelt {typo!r}")

    cases = [
        ("word in every document", {"q": common}),
        ("rare word", {"q": rare}),
        ("8-word question", {"q": question}),
        ("misspelt word", {"q": typo}),
        ("word + 3 facets", {"q": common, "tipo": "minuta", "etapa": "mesas-de-cocreacion", "actor": "adip"}),
        ("browse", {}),
    ]
    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, params in cases:
        response = client.get(API, params)
        if response.status_code != 200:
            sys.exit(f"{name}: {API} answered {response.status_code}")
        data = response.json()
        times = timed(lambda params=params: client.get(API, params), args.reps, args.warmup)
        results[name] = {
            "params": params, "count": data["count"], "fallback": data["fallback"],
            "suggestion": data.get("suggestion", ""),
            "http_p50": round(statistics.median(times), 2), "http_p95": round(percentile(times, 0.95), 2),
        }
        log(f"  {name:<24} {data['count']:>7} hits  p50 {results[name]['http_p50']:>7.2f} ms  "
            f"p95 {results[name]['http_p95']:>7.2f} ms")

    ratio = results["word in every document"]["http_p50"] / results["rare word"]["http_p50"]
    slow = [name for name, r in results.items() if r["http_p95"] >= GOAL_P95_MS]
    figures.update({
        "cases": results,
        "goal_p95": {"limit_ms": GOAL_P95_MS, "missed": slow, "met": not slow},
        "goal_common_vs_rare": {"ratio": round(ratio, 2), "limit": GOAL_COMMON_VS_RARE,
                                "met": ratio <= GOAL_COMMON_VS_RARE},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_after": os.getloadavg(),
    })
    log(f"(a) p95 < {GOAL_P95_MS} ms for every case: {'met' if not slow else 'MISSED: ' + ', '.join(slow)}")
    log(f"(b) word in every document vs rare word: {ratio:.2f}x (goal <= {GOAL_COMMON_VS_RARE}): "
        f"{'met' if ratio <= GOAL_COMMON_VS_RARE else 'MISSED'}")
    log(f"Peak memory of this process (ru_maxrss): {figures['peak_rss_mb']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
