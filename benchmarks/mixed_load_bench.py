#!/usr/bin/env python
"""50 clients mixing pages, faceted search and the APIs on the production stack, then the same while an editor publishes.

    .venv/bin/python benchmarks/mixed_load_bench.py [--setup] [--clients 50] [--duration 120] [--publish-every 5]

gunicorn with the production settings (deploy/gunicorn.conf.py), PostgreSQL
(DATABASE_URL, default the local ``archivo_prod_bench``) and Redis
(REDIS_URL, default db 5), as benchmarks/load_bench.py; ``--setup`` migrates
and loads the demo archive first. Each client is a thread with its own
keep-alive connection, asking one request after another (no pause) from a
weighted mix:

- page: home, kind listings, document pages, /id/ addresses, phases, timeline, figures;
- search: /buscar/ and /api/buscar/ with words and one or two facets, and 40-word questions;
- api: Wagtail's /api/v2/ listings and records, OAI-PMH, a feed.

It prints, per request type, the count, errors (any 5xx, 4xx or socket
error) and p50/p95/max latency. Run 1 is the mix alone; run 2 is the mix
while another process publishes a document every ``--publish-every``
seconds (its title gains a counter). After each publish returns, the page
is fetched at once, then again every 0.1 s until it shows the new title:
how many first answers were stale and for how long (a process keeps the
pages it served last for PAGE_CACHE_LOCAL_SECONDS, 1 s, without asking Redis).
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_bench import PYTHON, ROOT, create_database, environment, get, gunicorn, manage  # noqa: E402

PORT = 8115


def discover(base):
    """Addresses of each type, read from the running site."""
    sitemap = get(base + "/sitemap.xml").decode()
    paths = ["/" + u.split("/", 3)[3] for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    documents = [p for p in paths if p.count("/") >= 3][:20]
    listings = sorted({"/" + p.split("/")[1] + "/" for p in documents})
    codes = []
    for path in documents[:6]:
        found = re.search(r'href="(?:https?://[^/"]+)?(/id/[^/"]+/)"', get(base + path).decode())
        if found:
            codes.append(found.group(1))
    api = json.loads(get(base + "/api/v2/pages/?limit=20&type=pages.MinutesPage"))
    ids = [item["id"] for item in api["items"]] or [json.loads(get(base + "/api/v2/pages/?limit=5"))["items"][0]["id"]]
    phases = re.findall(r'href="/etapas/([^/"]+)/"', get(base + "/etapas/").decode()) or ["mesas-de-cocreacion"]
    words = ["mesa", "gobierno abierto", "participación ciudadana", "datos", "convocatoria", "memoria", "grupo asesor",
             "transparencia", "acta de la sesión", "propuestas"]
    kinds = ["minuta", "convocatoria", "informe"]
    pages = ["/", "/etapas/", "/linea-de-tiempo/", "/cifras/", *listings, *documents, *codes]
    searches = []
    for word in words:
        q = urllib.parse.quote_plus(word)
        searches.append(f"/buscar/?q={q}&tipo={random.choice(kinds)}")
        searches.append(f"/buscar/?q={q}&etapa={random.choice(phases)}&anio=2022")
        searches.append(f"/api/buscar/?q={q}&tipo={random.choice(kinds)}&etapa={random.choice(phases)}")
    # Long questions: every word goes through the stemmer, which gunicorn's threads share (issue 20: a
    # shared Snowball stemmer gave 76 errors in 2,310 such searches).
    corpus = [w for w in re.findall(r"\w{5,}", (ROOT / "archive/demo/corpus/2023-memoria-proceso-primer-plan-accion.txt")
                                    .read_text(encoding="utf-8"))]
    for n in range(5):
        searches.append("/buscar/?q=" + urllib.parse.quote_plus(" ".join(corpus[n * 400:n * 400 + 400:10])))
    apis = ["/api/v2/pages/?limit=20", "/api/v2/pages/?type=pages.MinutesPage&fields=title",
            "/api/v2/documents/?limit=20", *[f"/api/v2/pages/{i}/" for i in ids[:5]],
            "/oai/?verb=ListRecords&metadataPrefix=oai_dc", "/oai/?verb=Identify", "/feeds/documentos.atom"]
    return {"page": pages, "search": searches, "api": apis}


WEIGHTS = {"page": 5, "search": 3, "api": 2}


def client(port, addresses, stop, results, seed):
    rnd = random.Random(seed)
    kinds = [k for k, w in WEIGHTS.items() for _ in range(w)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        kind = rnd.choice(kinds)
        path = rnd.choice(addresses[kind])
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            status = response.status
            hit = response.getheader("X-Page-Cache") == "hit"
        except (OSError, http.client.HTTPException):
            status, hit = 0, False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        results.append((kind, time.perf_counter() - start, status, path, hit))
    connection.close()


def run_mix(port, addresses, clients, duration):
    stop, results = threading.Event(), []
    threads = [threading.Thread(target=client, args=(port, addresses, stop, results, n)) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(duration)
    stop.set()
    for thread in threads:
        thread.join()
    return results


def report(title, results, duration):
    print(f"\n{title}")
    print(f"{'type':8} {'requests':>9} {'req/s':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'cache hits':>10}")
    summary = {}
    for kind in [*WEIGHTS, "all"]:
        rows = [r for r in results if kind in (r[0], "all")]
        if not rows:
            continue
        times = sorted(r[1] * 1000 for r in rows)
        errors = [r for r in rows if not 200 <= r[2] < 400]
        p95 = times[int(0.95 * (len(times) - 1))]
        hits = sum(1 for r in rows if r[4]) / len(rows)
        summary[kind] = {"requests": len(rows), "errors": len(errors), "p50_ms": statistics.median(times),
                         "p95_ms": p95, "max_ms": times[-1], "cache_hits": hits}
        print(f"{kind:8} {len(rows):9d} {len(rows) / duration:7.1f} {len(errors):7d} {statistics.median(times):8.1f} "
              f"{p95:8.1f} {times[-1]:8.1f} {hits:10.0%}")
        for kind_, _t, status, path, _hit in errors[:5]:
            print(f"    error {status} {kind_} {path}")
    return summary


PUBLISHER = r"""
import json, sys, time, urllib.request
import django
django.setup()
from archive.pages.models import DocumentPage
every, port, until = float(sys.argv[1]), int(sys.argv[2]), time.monotonic() + float(sys.argv[3])
pages = list(DocumentPage.objects.live().public().order_by("pk")[:5])
n = 0
while time.monotonic() < until:
    page = pages[n % len(pages)].specific
    page.refresh_from_db()
    base = page.title.split(" · v")[0]
    page.title = f"{base} · v{n}"
    started = time.monotonic()
    error = ""
    try:
        page.save_revision().publish()
    except Exception as exc:
        error = repr(exc)
    published = time.monotonic()
    stale_first, fresh_after = None, None
    if not error:
        url = f"http://127.0.0.1:{port}{page.url}"
        while time.monotonic() - published < 10:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": "127.0.0.1"}), timeout=30) as r:
                fresh = page.title in r.read().decode()
            if stale_first is None:
                stale_first = not fresh
            if fresh:
                fresh_after = time.monotonic() - published
                break
            time.sleep(0.1)
    print(json.dumps({"n": n, "publish_s": published - started, "error": error, "stale_first": stale_first,
                      "fresh_after_s": fresh_after}), flush=True)
    n += 1
    time.sleep(max(0.0, every - (time.monotonic() - started)))
# Back to the demo's titles.
for page in pages:
    page = page.specific
    page.refresh_from_db()
    page.title = page.title.split(" · v")[0]
    page.save_revision().publish()
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", action="store_true", help="migrate and load the demo archive first")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds per run")
    parser.add_argument("--publish-every", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="archivo-mixed-"))
    work.chmod(0o755)
    # The benchmark's own search index (not the development one in data/), and no worker:
    # background jobs (index updates after a publish) run inside the request that enqueues them.
    env = environment(work, SEARCH_INDEX_DIR=str(Path(tempfile.gettempdir()) / "archivo-prod-bench-index"),
                      TASKS_BACKEND="immediate")
    if args.setup:
        create_database(env["DATABASE_URL"])
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo")
        manage(env, "rebuild_search_index")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True, capture_output=True)  # noqa: S603, S607

    server = gunicorn(env, PORT, args.workers, args.threads)
    figures = {}
    try:
        base = f"http://127.0.0.1:{PORT}"
        addresses = discover(base)
        for kind, paths in addresses.items():
            for path in paths:
                get(base + path)  # warm, and fail early on an address that errs
            print(f"{kind}: {len(paths)} addresses")
        print(f"{args.clients} clients, {args.duration} s per run, gunicorn {args.workers} workers x "
              f"{args.threads} threads")

        results = run_mix(PORT, addresses, args.clients, args.duration)
        figures["mix"] = report("Run 1: the mix", results, args.duration)

        publisher = subprocess.Popen(  # noqa: S603
            [str(PYTHON), "-c", PUBLISHER, str(args.publish_every), str(PORT), str(args.duration)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        results = run_mix(PORT, addresses, args.clients, args.duration)
        out, _ = publisher.communicate(timeout=600)
        figures["mix_while_publishing"] = report("Run 2: the mix while an editor publishes", results, args.duration)
        publishes = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        stale = [p for p in publishes if p["stale_first"]]
        failed = [p for p in publishes if p["error"]]
        never = [p for p in publishes if not p["error"] and p["fresh_after_s"] is None]
        times = sorted(p["publish_s"] for p in publishes)
        print(f"\npublishes: {len(publishes)}, failed: {len(failed)}, publish p50 {statistics.median(times):.2f} s, "
              f"max {times[-1]:.2f} s")
        print(f"first answer after publish stale: {len(stale)}; never fresh within 10 s: {len(never)}; "
              f"longest until fresh: {max((p['fresh_after_s'] or 0) for p in publishes):.2f} s")
        for p in failed[:3]:
            print("   ", p["error"])
        figures["publishes"] = publishes
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
