#!/usr/bin/env python
"""Throughput of ``manage.py import_documents``: N documents, each with its own PDF.

    .venv/bin/python benchmarks/import_bench.py                # 1,000 rows, fresh SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archivo_import_bench .venv/bin/python benchmarks/import_bench.py

The database is always dropped and created again (its name must contain
"bench"); files go to a temporary MEDIA_ROOT deleted at the end. Two
manifests are written, A of N rows and B of ``--publish-count`` rows, each
row with its own real small PDF carrying two pages of text (so text
extraction runs as for a real upload), and timed:

1. a dry run of A (everything validated, nothing kept);
2. the first import of A, as drafts;
3. a second run of A: every row "sin cambios";
4. the first import of B with ``--publish`` (permanent codes, search index);
5. a second run of B with ``--publish``: every row "sin cambios".

B is smaller by default only to keep the run short on a shared machine;
``--publish-count 1000`` measures it at the same size.

The rows store their files and queue their reading; after A and after B a
worker in this process runs every queued job (the files' reading, and
Wagtail's index jobs) and the pages it read per second are printed. Last, a
manifest C of ``--admin-count`` rows goes through the admin's form with its
files in one ZIP: the request's time (it stores the upload and queues the
run), the run's rows in the worker, and the reading of C's files.
"""

import argparse
import csv
import io
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_env  # noqa: E402

KINDS = ["minuta", "convocatoria", "carta", "informe", "presentacion", "lineamiento"]
COLUMNS = ["kind", "slug", "title", "summary", "date", "phase", "actors", "axes", "elements", "tags", "files", "body"]


def vocabularies():
    """The slugs of the demo archive's phases, actors, axes and elements, in their order."""
    from archive.taxonomy.models import Actor, Axis, OpennessElement, Phase

    return {model: list(model.objects.order_by(*order).values_list("slug", flat=True))
            for model, order in ((Phase, ["order"]), (Actor, ["pk"]), (Axis, ["order"]), (OpennessElement, ["order"]))}


def write_manifest(folder, prefix, count, minimal_pdf, terms):
    """A manifest of ``count`` rows and one distinct PDF per row under ``folder``."""
    phases, actors, axes, elements = terms.values()
    files = folder / "archivos"
    files.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(count):
        name = f"{prefix}-{n:05d}.pdf"
        (files / name).write_bytes(minimal_pdf(
            f"Documento {prefix} {n}: minuta de la sesion de la mesa de cocreacion numero {n}.",
            f"Acuerdos de la sesion {n}: publicar la convocatoria y revisar los compromisos del plan.",
        ))
        rows.append({
            "kind": KINDS[n % len(KINDS)],
            "slug": f"{prefix}-{n:05d}",
            "title": f"Documento {prefix} número {n}",
            "summary": f"Resumen en lenguaje sencillo del documento {n}: qué se acordó y por qué importa.",
            "date": f"{2020 + n % 3}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "phase": phases[n % len(phases)],
            "actors": f"{actors[n % len(actors)]}:autor; {actors[(n + 1) % len(actors)]}",
            "axes": axes[n % len(axes)],
            "elements": elements[n % len(elements)],
            "tags": f"sesión; lote {n % 10}",
            "files": f"archivos/{name}|documento original",
            "body": f"Primer párrafo del documento {n}.\n\nSegundo párrafo con los acuerdos de la sesión.",
        })
    manifest = folder / f"{prefix}.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    manifest.write_text(out.getvalue(), encoding="utf-8")
    return manifest


def timed_import(label, manifest, count, *options):
    from django.core.management import call_command

    out = io.StringIO()
    start, cpu_start = time.perf_counter(), time.process_time()
    call_command("import_documents", str(manifest), *options, stdout=out, stderr=io.StringIO())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    totals = out.getvalue().strip().splitlines()[-1]
    # CPU time too: on a shared machine the wall clock measures the neighbours as well.
    print(f"{label:<40} {seconds:7.1f} s {count / seconds:6.1f} docs/s | CPU {cpu:6.1f} s "
          f"{count / cpu:6.1f} docs/s | {totals}", flush=True)
    return {"label": label, "seconds": round(seconds, 2), "docs_per_s": round(count / seconds, 1),
            "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(count / cpu, 1), "totals": totals}


def run_worker(queue_names):
    """A worker in this process until no job is ready; returns the jobs it ran."""
    from archive.worker.runner import ArchiveWorker

    worker = ArchiveWorker(queue_names=queue_names, interval=0, batch=True, backend_name="default",
                           startup_delay=False, max_tasks=None, worker_id="bench", excluded_queue_names=[],
                           heartbeat=False)
    worker.run()
    return worker._run_tasks


def drain(label):
    """Run every queued job: the files' reading (queue analysis) and Wagtail's index jobs (default)."""
    from archive.attachments.models import ArchiveDocument

    pending = list(ArchiveDocument.objects.filter(analysis_state__in=["queued", "running"]).values_list("pk", flat=True))
    start, cpu_start = time.perf_counter(), time.process_time()
    jobs = run_worker(["*"])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    read = ArchiveDocument.objects.filter(pk__in=pending)
    pages = sum(read.exclude(page_count=None).values_list("page_count", flat=True))
    states = sorted(set(read.values_list("analysis_state", flat=True)))
    print(f"{label:<40} {seconds:7.1f} s {jobs} jobs | {len(pending)} files, {pages} pages: "
          f"{pages / seconds:6.1f} pages/s, {len(pending) / seconds:6.1f} files/s | CPU {cpu:6.1f} s | "
          f"states {states}", flush=True)
    return {"label": label, "seconds": round(seconds, 2), "jobs": jobs, "files": len(pending), "pages": pages,
            "pages_per_s": round(pages / seconds, 1), "files_per_s": round(len(pending) / seconds, 1),
            "cpu_seconds": round(cpu, 2), "states": states}


def admin_import(manifest, count):
    """The admin's «Importar sin revisar» with every file uploaded: the request, then the run in the worker."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from archive.importer.models import ImportRun

    user = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        "bench", "bench@example.org", "bench")
    client = Client()
    client.force_login(user)
    # One ZIP of the files, as an editor sends more than a form's 100 files.
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        for path in sorted((manifest.parent / "archivos").glob("c-*.pdf")):
            archive.write(path, f"archivos/{path.name}")
    files = [SimpleUploadedFile("archivos.zip", zipped.getvalue(), content_type="application/zip")]
    upload = SimpleUploadedFile(manifest.name, manifest.read_bytes(), content_type="text/csv")
    start = time.perf_counter()
    response = client.post("/admin/importar/", {"manifest": upload, "files": files, "action": "importar"},
                           HTTP_HOST="localhost")
    request_seconds = time.perf_counter() - start
    if response.status_code != 303:
        raise SystemExit(f"The admin refused the import: {response.status_code}")
    print(f"{'admin request (C): upload, queue':<40} {request_seconds:7.1f} s {count / request_seconds:6.1f} docs/s "
          f"| answered {response.status_code} -> {response['Location']}", flush=True)
    start = time.perf_counter()
    run_worker(["default"])
    rows_seconds = time.perf_counter() - start
    run = ImportRun.objects.latest("pk")
    print(f"{'worker: the run of C, rows':<40} {rows_seconds:7.1f} s {count / rows_seconds:6.1f} docs/s "
          f"| {run.get_state_display()}, {run.done} filas", flush=True)
    figures = [
        {"label": "admin request (C)", "seconds": round(request_seconds, 2),
         "docs_per_s": round(count / request_seconds, 1)},
        {"label": "worker: the run of C, rows", "seconds": round(rows_seconds, 2),
         "docs_per_s": round(count / rows_seconds, 1), "state": run.state},
    ]
    return figures + [drain("worker: reads C's files")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=1000, help="rows per manifest (default: %(default)s)")
    parser.add_argument("--publish-count", type=int, default=200,
                        help="rows of the manifest imported with --publish (default: %(default)s)")
    parser.add_argument("--admin-count", type=int, default=1000,
                        help="rows of the manifest sent through the admin's form, 0 for none (default: %(default)s)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/archivo-import-bench.sqlite3")
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["MEDIA_ROOT"] = str(work / "media")
    setup_env.check_is_bench_database()
    setup_env.create_database(fresh=True)
    setup_env.setup_django()
    from django.core.management import call_command
    from django.db import connection

    from tests.factories import minimal_pdf

    try:
        call_command("migrate", verbosity=0)
        # The rows import into the demo archive and name its vocabularies, as an editor's would.
        call_command("load_demo", stdout=io.StringIO())
        terms = vocabularies()
        manifest_a = write_manifest(work, "a", args.count, minimal_pdf, terms)
        manifest_b = write_manifest(work, "b", args.publish_count, minimal_pdf, terms)
        print(f"{connection.vendor}: A {args.count} rows, B {args.publish_count} rows, one PDF each", flush=True)
        figures = [
            timed_import("dry run (A)", manifest_a, args.count, "--dry-run"),
            timed_import("first import, drafts (A)", manifest_a, args.count),
            drain("worker: reads A's files, Wagtail's jobs"),
            timed_import("second run (A): sin cambios", manifest_a, args.count),
            timed_import("first import, --publish (B)", manifest_b, args.publish_count, "--publish"),
            timed_import("second run, --publish (B): sin cambios", manifest_b, args.publish_count, "--publish"),
            drain("worker: reads B's files, Wagtail's jobs"),
        ]
        if args.admin_count:
            manifest_c = write_manifest(work, "c", args.admin_count, minimal_pdf, terms)
            figures += admin_import(manifest_c, args.admin_count)
        rss = round(setup_env.peak_rss_mb(), 1)
        print(f"Peak memory (ru_maxrss): {rss:.0f} MB")
        if args.json:
            Path(args.json).write_text(json.dumps({"database": connection.vendor, "count": args.count,
                                                   "publish_count": args.publish_count,
                                                   "runs": figures, "peak_rss_mb": rss}, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
