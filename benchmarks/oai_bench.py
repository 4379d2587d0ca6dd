#!/usr/bin/env python
"""Harvest a synthetic archive through OAI-PMH and print what each page costs.

    DATABASE_URL=sqlite:////tmp/archivo-bench-oai.sqlite3 .venv/bin/python benchmarks/oai_bench.py --create 100000
    DATABASE_URL=sqlite:////tmp/archivo-bench-oai.sqlite3 .venv/bin/python benchmarks/oai_bench.py

``--create N`` builds N documents with generate.py's bulk writer (no search
index: OAI-PMH does not read it), gives each a permanent code and withdraws
one in a hundred, so deleted records are interleaved with live ones. Then a
harvester walks the whole list with ListIdentifiers (every page, following
resumption tokens), a selective harvest by set, and the first and last pages
of ListRecords; for each it prints the time and the number of SQL queries per
page at the start, middle and end of the list. A flat cost per page is the
goal: the 1,000th page of 100,000 records costs what the first does.
"""

import argparse
import datetime
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_env  # noqa: E402

TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")
WITHDRAW_EVERY = 100


def add_identifiers(log):
    """A code for every document that has none, and one in WITHDRAW_EVERY withdrawn (unpublished)."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from archive.identifiers.models import Identifier, IdentifierSequence
    from archive.pages.models import DocumentPage

    todo = list(
        DocumentPage.objects.filter(identifier_record__isnull=True)
        .order_by("pk").values_list("pk", "content_type_id", "last_published_at")
    )
    if not todo:
        return
    from django.contrib.contenttypes.models import ContentType

    kind_codes = {}
    sequences = {}
    rows = []
    withdrawn_pages = []
    for number, (pk, content_type_id, published) in enumerate(todo):
        if content_type_id not in kind_codes:
            kind_codes[content_type_id] = ContentType.objects.get_for_id(content_type_id).model_class().kind_code
        kind_part = kind_codes[content_type_id]
        year_part = "2024"
        sequence = sequences[(year_part, kind_part)] = sequences.get((year_part, kind_part), 0) + 1
        withdrawn = number % WITHDRAW_EVERY == WITHDRAW_EVERY - 1
        rows.append(Identifier(
            code=f"AGA-CDMX-{year_part}-{kind_part}-{sequence:03d}", year_part=year_part, kind_part=kind_part,
            sequence=sequence, page_id=pk, assigned_at=published,
            withdrawn_at=published + datetime.timedelta(days=30) if withdrawn else None,
            withdrawal_reason="Prueba de rendimiento." if withdrawn else "",
        ))
        if withdrawn:
            withdrawn_pages.append(pk)
    with transaction.atomic():
        Identifier.objects.bulk_create(rows, batch_size=1000)
        for start in range(0, len(withdrawn_pages), 500):
            Page.objects.filter(pk__in=withdrawn_pages[start : start + 500]).update(live=False)
        for (year_part, kind_part), last in sequences.items():
            IdentifierSequence.objects.update_or_create(
                year_part=year_part, kind_part=kind_part, defaults={"last_value": last}
            )
    log(f"  codes: {len(rows)}, withdrawn: {len(withdrawn_pages)} ({timezone.now():%H:%M:%S})")


def harvest(client, query, limit=None):
    """[(seconds, queries, records)] for each page of one list request followed through its tokens."""
    from django.db import connection, reset_queries

    figures = []
    while True:
        reset_queries()
        started = time.perf_counter()
        response = client.get("/oai/", query)
        seconds = time.perf_counter() - started
        body = response.content
        if b"<error" in body:
            raise SystemExit(f"OAI error for {query}: {body[:600]!r}")
        records = body.count(b"<header")
        figures.append((seconds, len(connection.queries), records))
        match = TOKEN.search(body)
        if not match or (limit and len(figures) >= limit):
            return figures
        query = {"verb": query["verb"], "resumptionToken": match.group(1).decode()}


def summary(name, figures):
    times = [f[0] * 1000 for f in figures]
    tenth = max(1, len(times) // 10)
    line = {
        "pages": len(figures),
        "records": sum(f[2] for f in figures),
        "total_s": round(sum(times) / 1000, 2),
        "first_10pct_median_ms": round(statistics.median(times[:tenth]), 1),
        "last_10pct_median_ms": round(statistics.median(times[-tenth:]), 1),
        "max_ms": round(max(times), 1),
        "queries_per_page": sorted({f[1] for f in figures}),
    }
    print(f"{name}: {json.dumps(line)}", flush=True)
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--create", type=int, default=0, help="documents to create first")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    def log(message):
        print(message, flush=True)

    setup_env.check_is_bench_database()
    if args.create:
        setup_env.create_database(fresh=args.fresh)
    setup_env.setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    call_command("migrate", verbosity=0)
    if args.create:
        import generate

        t0 = time.perf_counter()
        generate.create_documents(args.create, 20200930, log)
        log(f"Created {args.create} documents in {time.perf_counter() - t0:.0f} s")
    add_identifiers(log)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from archive.pages.models import DocumentPage

    total = DocumentPage.objects.count()
    log(f"Database: {connection.vendor} {connection.settings_dict['NAME']}, {total} documents")
    settings.DEBUG = True  # keeps connection.queries, to count them (timings include that bookkeeping)
    client = Client(HTTP_HOST="localhost")
    figures = {"backend": connection.vendor, "documents": total, "page_size": args.page_size}
    with override_settings(OAI_PMH_PAGE_SIZE=args.page_size, ALLOWED_HOSTS=["*"]):
        figures["ListIdentifiers"] = summary(
            "ListIdentifiers, whole archive", harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
        )
        figures["ListIdentifiers_set"] = summary(
            "ListIdentifiers set=tipo:minuta",
            harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "tipo:minuta"}),
        )
        figures["ListIdentifiers_from"] = summary(
            "ListIdentifiers from=2024-01-01T12:00:00Z",
            harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-01-01T12:00:00Z"}),
        )
        figures["ListRecords_first_20"] = summary(
            "ListRecords, first 20 pages", harvest(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}, limit=20)
        )
        late = (datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(seconds=total - 20 * args.page_size))
        figures["ListRecords_last_20"] = summary(
            "ListRecords, last 20 pages (from the last records' datestamp)",
            harvest(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": late.strftime("%Y-%m-%dT%H:%M:%SZ")}),
        )
        started = time.perf_counter()
        client.get("/oai/", {"verb": "Identify"})
        figures["Identify_ms"] = round((time.perf_counter() - started) * 1000, 1)
        log(f"Identify: {figures['Identify_ms']} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
