#!/usr/bin/env python
"""Time the public search on the archive generate.py built, and check the goals.

    DATABASE_URL=sqlite:////tmp/archivo-bench-10k.sqlite3 .venv/bin/python benchmarks/search_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archivo_bench .venv/bin/python benchmarks/search_bench.py --json out.json

Requests go through Django's test Client to /api/buscar/: the whole HTTP
stack (middleware, URL routing, view, JSON) minus the network. Each case is
run a few times to warm up, then --reps times; p50 and p95 are of those.
The same queries are then timed stage by stage with the engine's own
functions: the full-text SQL alone (``backend.match``: FTS5 MATCH with bm25,
or tsvector @@ with ts_rank), the facet counting, the ordering and the
hits with their snippets.

Goals checked:
  (a) a word matching ~10x more documents costs at most 12x the time;
  (b) HTTP median <= 2 x full-text SQL median + 10 ms;
  (c) counting the facets is no slower than ranking (the full-text SQL).

The last line of the output is the figures as JSON (also written to --json).
"""

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_env  # noqa: E402
from corpus import RANKED_ITEMS, RARE_NAMES  # noqa: E402

API = "/api/buscar/"
# Numbers of oficios in the synthetic text ("oficio INFOCDMX/DEAEE/0412/2022"): one in 3,000 of them.
FOLIO_NUMBERS = ["0412", "0937", "1568", "2871"]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))
    return ordered[index]


def timed(function, reps, warmup, cpu=None):
    """Milliseconds (wall clock) of each of reps calls, after warmup calls.

    With a list as ``cpu``, the process's CPU milliseconds of each call are
    appended to it: on a machine shared with other work, wall time includes
    waiting for a core, CPU time does not (nor the PostgreSQL server's work).
    """
    for _ in range(warmup):
        function()
    times = []
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
    return times


def summary(times, cpu=None):
    result = {"p50": round(statistics.median(times), 2), "p95": round(percentile(times, 0.95), 2)}
    if cpu:
        result["cpu_p50"] = round(statistics.median(cpu), 2)
    return result


def single_key(word):
    """The word's one search key, or None if it is a stop word, several words or has synonyms."""
    from search.query import parse_query

    query = parse_query(word)
    if len(query.clauses) == 1 and len(query.clauses[0].alternatives) == 1:
        keys = query.clauses[0].alternatives[0]
        if len(keys) == 1:
            return keys[0]
    return None


def candidate_counts(backend, log):
    """How many documents each of a spread of single words matches."""
    from search.query import parse_query

    singles, seen = [], set()
    for word in RANKED_ITEMS + RARE_NAMES:
        key = single_key(word) if " " not in word else None
        if key and key not in seen:
            seen.add(key)
            singles.append(word)
    ranked = [w for w in singles if w in RANKED_ITEMS]
    # Every third ranked word covers the whole frequency range; names and the
    # numbers of official letters (folios people look up) are the rare tail.
    candidates = ranked[::3] + [w for w in singles if w in RARE_NAMES][::2] + FOLIO_NUMBERS
    counts = {}
    for word in candidates:
        counts[word] = len(backend.match(parse_query(word))[0])
    log(f"  counted matches of {len(counts)} candidate words")
    return counts


def choose_words(counts, total):
    present = {w: c for w, c in counts.items() if c > 0}
    common = max(present, key=present.get)
    rare_target = max(3, total / 1000)
    rare = min(present, key=lambda w: abs(math.log(present[w] / rare_target)))
    # The 1x word matches ~1% of the archive, the 10x word ~10 times as many.
    small_target = max(5, total / 100)
    best, best_cost = None, math.inf
    for small, small_count in present.items():
        for large, large_count in present.items():
            ratio = large_count / small_count
            if ratio <= 1:
                continue
            cost = abs(math.log(ratio / 10)) * 2 + abs(math.log(small_count / small_target))
            if cost < best_cost:
                best, best_cost = (small, large), cost
    return common, rare, best[0], best[1]


def git_state():
    """The commit measured, and which search files differed from it (others may be editing them)."""
    base = setup_env.BASE_DIR
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        commit = subprocess.run([git, "rev-parse", "--short", "HEAD"], cwd=base, capture_output=True,  # noqa: S603
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run([git, "status", "--porcelain", "--", "search"], cwd=base,  # noqa: S603
                               capture_output=True, text=True, check=True).stdout.split("\n")
        return {"commit": commit, "search_files_changed": [line[3:] for line in dirty if line.strip()]}
    except (OSError, subprocess.CalledProcessError):
        return {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=30, help="timed runs per case (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default: %(default)s)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    def log(message):
        print(message, flush=True)

    setup_env.setup_django()
    from django.db import connection
    from django.test import Client

    from search import engine
    from search import facets as facet_engine
    from search.backends import get_backend
    from search.indexing import current_version
    from search.models import SearchRecord
    from search.params import PAGE_SIZE
    from search.query import parse_query

    load_before = os.getloadavg()
    total = SearchRecord.objects.count()
    if not total:
        sys.exit("The index is empty: run benchmarks/generate.py first.")
    backend = get_backend()
    client = Client(HTTP_HOST="localhost")
    log(f"Database: {connection.vendor} {connection.settings_dict['NAME']}, {total} indexed documents, "
        f"backend {backend.name}")

    version = current_version()
    start = time.perf_counter()
    facet_engine.forget_snapshot()
    snapshot = facet_engine.current_snapshot(version)
    snapshot_ms = (time.perf_counter() - start) * 1000
    log(f"  facet snapshot load: {snapshot_ms:.0f} ms (once per process per index version)")

    counts = candidate_counts(backend, log)
    common, rare, small, large = choose_words(counts, total)
    log(f"  words: common {common!r} ({counts[common]}), rare {rare!r} ({counts[rare]}), "
        f"1x {small!r} ({counts[small]}), 10x {large!r} ({counts[large]})")

    cases = [
        ("common word", {"q": common}),
        ("rare word", {"q": rare}),
        ("browse (empty query)", {}),
        ("word + 3 filters", {"q": large, "tipo": "minuta", "etapa": "mesas-de-cocreacion", "actor": "adip"}),
        ("word + 2 facets", {"q": large, "eje": "participacion-ciudadana", "anio": "2022"}),
        ("1x word", {"q": small}),
        ("10x word", {"q": large}),
    ]
    results = {}
    for name, params in cases:
        response = client.get(API, params)
        if response.status_code != 200:
            sys.exit(f"{name}: {API} answered {response.status_code}")
        data = response.json()
        http_cpu = []
        http = timed(lambda params=params: client.get(API, params), args.reps, args.warmup, cpu=http_cpu)

        # The same search, stage by stage, with the engine's own functions.
        query = parse_query(params.get("q", ""))
        filters = {k: [v] for k, v in params.items() if k != "q"}
        stage = {}
        if not query.is_empty:
            stage["sql"] = timed(lambda query=query: backend.match(query), args.reps, args.warmup)
        # The SQL plus turning its page ids and scores into snapshot positions.
        stage["match"] = timed(lambda query=query: engine._matches(backend, snapshot, query), args.reps, args.warmup)
        base, scores = engine._matches(backend, snapshot, query)

        def facet_counting(base=base, filters=filters):
            masks = {facet: snapshot.mask_for(facet, values) for facet, values in filters.items()}
            return engine._facet_counts(snapshot, base, masks)

        stage["facets"] = timed(facet_counting, args.reps, args.warmup)
        hits = base.copy()
        for facet, values in filters.items():
            hits &= snapshot.mask_for(facet, values)
        order = "-fecha" if query.is_empty else "relevancia"

        def ordering(hits=hits, scores=scores, order=order):
            return engine._first_positions(snapshot, hits, scores, order, PAGE_SIZE)

        stage["order"] = timed(ordering, args.reps, args.warmup)
        page_ids = [int(i) for i in snapshot.ids[ordering()[0]]]
        stage["hits"] = timed(lambda page_ids=page_ids, query=query: engine._hits(page_ids, query),
                              args.reps, args.warmup)
        results[name] = {
            "params": params,
            "count": data["count"],
            "http": summary(http, http_cpu),
            **{key: summary(times) for key, times in stage.items()},
        }
        log(f"  {name}: {data['count']} matches, HTTP p50 {results[name]['http']['p50']:.1f} ms")

    # -- goals -------------------------------------------------------------
    def p50(case, key):
        return results[case][key]["p50"] if key in results[case] else 0.0

    ratio_http = p50("10x word", "http") / p50("1x word", "http")
    ratio_sql = p50("10x word", "sql") / p50("1x word", "sql")
    goal_a = {
        "count_1x": results["1x word"]["count"], "count_10x": results["10x word"]["count"],
        "count_ratio": round(results["10x word"]["count"] / results["1x word"]["count"], 2),
        "time_ratio_http": round(ratio_http, 2), "time_ratio_sql": round(ratio_sql, 2),
        "goal": "<= 12", "met": ratio_http <= 12,
    }
    goal_b = {}
    for name in results:
        limit = 2 * p50(name, "sql") + 10
        goal_b[name] = {"http_p50": p50(name, "http"), "sql_p50": p50(name, "sql"), "limit": round(limit, 2),
                        "met": p50(name, "http") <= limit}
    goal_c = {}
    for name in results:
        if "sql" in results[name]:
            goal_c[name] = {"facets_p50": p50(name, "facets"), "ranking_p50": p50(name, "sql"),
                            "met": p50(name, "facets") <= p50(name, "sql")}

    # -- report -------------------------------------------------------------
    log("")
    log(f"{'case':<22}{'matches':>9}{'HTTP p50':>10}{'HTTP p95':>10}{'CPU p50':>9}{'SQL p50':>9}{'map':>6}"
        f"{'facets':>8}{'order':>7}{'hits':>7}{'rest':>7}   (b) HTTP <= 2 SQL + 10")
    for name, row in results.items():
        mapping = max(0.0, p50(name, "match") - p50(name, "sql"))
        stages = p50(name, "sql") + mapping + p50(name, "facets") + p50(name, "order") + p50(name, "hits")
        rest = p50(name, "http") - stages
        sql = f"{p50(name, 'sql'):>9.1f}" if "sql" in row else f"{'-':>9}"
        log(f"{name:<22}{row['count']:>9}{row['http']['p50']:>10.1f}{row['http']['p95']:>10.1f}"
            f"{row['http']['cpu_p50']:>9.1f}{sql}{mapping:>6.1f}"
            f"{p50(name, 'facets'):>8.1f}{p50(name, 'order'):>7.1f}{p50(name, 'hits'):>7.1f}{rest:>7.1f}"
            f"   {'met' if goal_b[name]['met'] else 'MISSED'} (limit {goal_b[name]['limit']:.1f})")
    log("(ms, medians unless p95. CPU: this process's CPU time per request. SQL: backend.match alone."
        " map: its ids and scores onto the facet snapshot. facets: all six disjunctive counts."
        " order: the first page's positions. hits: records and snippets of one page of 20."
        " rest: HTTP minus those stages (request, parameters, index version, labels, JSON).)")
    log("")
    log(f"(a) 10x vs 1x: {goal_a['count_10x']} vs {goal_a['count_1x']} matches ({goal_a['count_ratio']}x): "
        f"HTTP time {goal_a['time_ratio_http']}x, SQL time {goal_a['time_ratio_sql']}x; goal <= 12: "
        f"{'met' if goal_a['met'] else 'MISSED'}")
    missed_b = [n for n, g in goal_b.items() if not g["met"]]
    log(f"(b) HTTP p50 <= 2 x SQL p50 + 10 ms: {'met for all' if not missed_b else 'MISSED for ' + ', '.join(missed_b)}")
    for name, g in goal_c.items():
        log(f"(c) {name}: facets {g['facets_p50']:.1f} ms vs ranking {g['ranking_p50']:.1f} ms: "
            f"{'met' if g['met'] else 'MISSED'}")
    peak = setup_env.peak_rss_mb()
    log(f"Peak memory (ru_maxrss): {peak:.0f} MB")
    load = [round(x, 2) for x in load_before] + [round(x, 2) for x in os.getloadavg()]
    log(f"Load average (1, 5, 15 min) before {load[:3]}, after {load[3:]} on {os.cpu_count()} cores")

    figures = {
        "backend": connection.vendor,
        "documents": total,
        "reps": args.reps,
        "snapshot_load_ms": round(snapshot_ms, 1),
        "words": {"common": common, "rare": rare, "1x": small, "10x": large},
        "cases": results,
        "goal_a": goal_a,
        "goal_b": goal_b,
        "goal_c": goal_c,
        "peak_rss_mb": round(peak, 1),
        "load_average_before_after": load,
        "cpus": os.cpu_count(),
        "git": git_state(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
