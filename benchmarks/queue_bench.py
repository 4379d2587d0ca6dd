"""What an editor waits for when uploading a large PDF, with the reading in the request (before the
worker) and queued for the worker (now); and how fast the worker reads.

    .venv/bin/python benchmarks/queue_bench.py [--mb 100] [--pages 300] [--reps 3]

Builds a synthetic PDF of about --mb MB (10^6 bytes; 100 MB is 95 MiB, under the
archive's 100 MiB limit for documents): --pages pages, each with 44 lines
of text and an uncompressed grey picture (noise: it cannot be compressed away).
In a throwaway site (SQLite file, media folder, search index under a temporary
directory, migrated first) it posts the admin's upload form through Django's
full request handling, body encoded beforehand:

- inline: TASKS_BACKEND=immediate, the reading runs inside the request, as
  every upload did before the worker;
- queued: the database backend, the request stores the file and queues the job;
  a worker (``manage.py run_worker``, one process for the whole run) reads it.

Prints medians of --reps uploads; the worker's pages per second come from the
file's own analysis_started_at and analysis_finished_at.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = ["Minuta de la sesion del Nucleo Promotor", "Acuerdos sobre el plan de accion y su calendario",
         "Compromisos de las dependencias y de la sociedad civil", "Seguimiento de la mesa de cocreacion"]


def synthetic_pdf(megabytes, pages, seed=0):
    """A valid PDF of about ``megabytes`` MB: ``pages`` pages of text, each over a picture of grey noise."""
    from tests.factories import pdf_from_objects  # after django.setup(): it imports the models
    side = int((megabytes * 1000 * 1000 / pages) ** 0.5)
    rng = __import__("random").Random(seed)
    objects = [(1, b"<< /Type /Catalog /Pages 2 0 R >>"),
               (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")]
    kids, number = [], 4
    for page in range(1, pages + 1):
        image, content, page_id = number, number + 1, number + 2
        number += 3
        pixels = rng.randbytes(side * side)
        objects.append((image, b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                               b"/BitsPerComponent 8 /Length %d >>\nstream\n" % (side, side, len(pixels))
                        + pixels + b"\nendstream"))
        text = " ".join(f"BT /F1 12 Tf 72 {700 - 16 * i} Td ({line}, pagina {page}) Tj ET"
                        for i, line in enumerate(LINES * 11))
        stream = f"q 468 0 0 300 72 72 cm /Im1 Do Q {text}".encode("latin-1")
        stream = zlib.compress(stream)
        objects.append((content, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"))
        objects.append((page_id, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
                                 f"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 {image} 0 R >> >> >>".encode()))
        kids.append(page_id)
    objects.append((2, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {pages} >>".encode()))
    return pdf_from_objects(objects)


def expect(document, state, pages):
    if (document.analysis_state, document.page_count) != (state, pages):
        sys.exit(f"expected {state} with {pages} pages, found: {document.analysis_label}, {document.page_count} pages")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="queue-bench-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "TASKS_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "archive.settings.dev", "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'archivo.sqlite3'}", "DATA_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"), "SEARCH_INDEX_DIR": str(folder / "indice"), "TASKS_BACKEND": "database",
    })
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,  # noqa: S603
                   check=True)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client, override_settings
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Collection

    from archive.attachments.models import ArchiveDocument

    inline_tasks = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                "QUEUES": ["default", "analysis"]}}
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("wagtaildocs:add")
    root = Collection.get_first_root_node().pk

    def post(data, name):
        body = encode_multipart(BOUNDARY, {"title": name, "collection": root, "language": "es",
                                           "file": SimpleUploadedFile(f"{name}.pdf", data)})
        started = time.perf_counter()
        response = client.generic("POST", url, body, content_type=MULTIPART_CONTENT)
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            errors = response.context["form"].errors if response.context else ""
            sys.exit(f"the upload was refused ({response.status_code}): {errors}")
        return elapsed, ArchiveDocument.objects.get(title=name.capitalize())

    def read_by_worker(document):
        """Seconds from now until the worker has read ``document``."""
        started = time.perf_counter()
        while document.analysis_state in ("queued", "running"):
            if worker.poll() is not None:
                sys.exit("the worker stopped")
            time.sleep(0.05)
            document.refresh_from_db()
        return time.perf_counter() - started

    # One worker for the whole run, as in production: it imports PDFium and
    # pypdf once, and a first small file takes that cost before the figures.
    worker = subprocess.Popen([sys.executable, "manage.py", "run_worker", "--queue-name", "analysis",  # noqa: S603
                               "--interval", "0.1", "--no-startup-delay", "-v", "0"], cwd=ROOT, env=env)
    inline, queued, until_read, pages_per_second = [], [], [], []
    size = 0
    try:
        read_by_worker(post(synthetic_pdf(1, 3, seed=-1), "warmup")[1])
        for rep in range(args.reps):
            # Each upload a different file: the archive refuses the same bytes twice.
            data = synthetic_pdf(args.mb, args.pages, seed=2 * rep)
            size = len(data)
            with override_settings(TASKS=inline_tasks):
                elapsed, document = post(data, f"inline{rep}")
            expect(document, "done", args.pages)
            inline.append(elapsed)

            data = synthetic_pdf(args.mb, args.pages, seed=2 * rep + 1)
            elapsed, document = post(data, f"queued{rep}")
            queued.append(elapsed)
            until_read.append(elapsed + read_by_worker(document))
            expect(document, "done", args.pages)
            reading = (document.analysis_finished_at - document.analysis_started_at).total_seconds()
            pages_per_second.append(args.pages / reading)
            print(f"  rep {rep + 1}: inline {inline[-1]:.2f} s, queued {queued[-1]:.2f} s, read by the worker "
                  f"{until_read[-1]:.2f} s after the upload began ({pages_per_second[-1]:.0f} pages/s)", flush=True)
    finally:
        # The file is «listo» a moment before its job is marked finished: let it finish.
        deadline = time.monotonic() + 30
        while DBTaskResult.objects.running().exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.terminate()
        worker.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)

    median = statistics.median
    print(f"\nPDF of {size / 1000 / 1000:.0f} MB ({size / 1024 / 1024:.0f} MiB), {args.pages} pages; "
          f"medians of {args.reps}")
    print(f"{'upload request, reading inline (before)':<48} {median(inline):>8.2f} s")
    print(f"{'upload request, reading queued (now)':<48} {median(queued):>8.2f} s")
    print(f"{'upload begun to file «listo» (queued)':<48} {median(until_read):>8.2f} s")
    print(f"{'worker: reading the file (job start to end)':<48} {args.pages / median(pages_per_second):>8.2f} s")
    print(f"{'worker: pages per second':<48} {median(pages_per_second):>8.0f}")


if __name__ == "__main__":
    main()
