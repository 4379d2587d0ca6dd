"""Memory and time the archive spends on hostile files (issue 20 item 4).

    .venv/bin/python benchmarks/hostile_bench.py [CASE ...]

Each file is handled in its own child process, as an upload and then the
worker would: the upload's checks (format by content, then the limits), and,
when the upload accepts the file, the worker's reading (steps.read). The
child prints its peak resident memory above what the imports cost, the time,
and what the editor is told; this process prints one line per file. Touches
no database.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

# name -> (builder in tests/attachments/hostile.py, arguments, file name)
CASES = {
    "odt-mimetype-bomb": ("odt_mimetype_bomb", (600,), "informe.odt"),
    "odt-content-bomb": ("odt_content_bomb", (1000,), "informe.odt"),
    "docx-bomb": ("docx_bomb", (1000,), "informe.docx"),
    "docx-lying-bomb": ("lying_docx_bomb", (200,), "informe.docx"),
    "docx-60mb-text-node": ("docx_one_text_node", (60,), "informe.docx"),
    "docx-400mb-text-node": ("docx_one_text_node", (400,), "informe.docx"),
    "docx-60000-entries": ("many_entries_docx", (60_000,), "informe.docx"),
    "docx-800000-entries": ("many_entries_docx", (800_000,), "informe.docx"),
    "pdf-compression-bomb": ("pdf_compression_bomb", (1000,), "informe.pdf"),
    "pdf-bad-tounicode": ("pdf_bad_tounicode", (), "informe.pdf"),
    "pdf-2000-pages": ("pdf_of_pages", (2000,), "informe.pdf"),
    "pdf-20000-pages": ("pdf_of_pages", (20_000,), "informe.pdf"),
    "png-121-megapixels": ("huge_png", (), "plano.png"),
    # Stored before the upload's bounds existed (or imported): only the worker's bounds stand.
    "docx-bomb-in-worker": ("docx_bomb", (1000,), "informe.docx", "worker"),
    "odt-content-bomb-in-worker": ("odt_content_bomb", (1000,), "informe.odt", "worker"),
    "pdf-20000-pages-in-worker": ("pdf_of_pages", (20_000,), "informe.pdf", "worker"),
}


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(case):
    """Handle one hostile file in this process; print a JSON line."""
    import io
    from types import SimpleNamespace

    import django

    django.setup()
    from django.core.exceptions import ValidationError

    from archive.attachments import formats, steps
    from tests.attachments import hostile

    builder, args, name, *where = CASES[case]
    worker_only = where == ["worker"]
    data = getattr(hostile, builder)(*args)
    # Whatever the imports and the file itself cost is the baseline.
    import PIL.Image  # noqa: F401 - imported by the checks below; not the file's cost

    try:
        from archive.attachments import limits
    except ImportError:  # the code before limits existed
        limits = None
    baseline = peak_mb()
    started = time.perf_counter()
    outcome = {}
    try:
        fmt = formats.FORMATS[name.rsplit(".", 1)[1]] if worker_only else formats.detect_format(io.BytesIO(data), name)
        if limits is not None and not worker_only:
            limits.check_upload(io.BytesIO(data), fmt)
        if fmt.family == "image":
            # What Wagtail's image upload does with it: its renditions decode it whole.
            from PIL import Image

            with Image.open(io.BytesIO(data)) as image:
                image.load()
            outcome = {"result": "imagen decodificada"}
        else:
            document = SimpleNamespace(format_key=fmt.key, file_format=fmt, language="es", pk=None)
            steps.forget(document)
            reading = steps.read(document, data)
            outcome = {"result": "leído", "text_status": str(document.text_status), "note": document.text_note,
                       "pages": document.page_count, "thumbnail": bool(reading.thumbnail)}
    except ValidationError as exc:
        outcome = {"result": "rechazado al subir", "message": " ".join(exc.messages)}
    except Exception as exc:  # noqa: BLE001 - what would have been a 500 or a failed job
        outcome = {"result": f"excepción {type(exc).__name__}", "message": str(exc)[:200]}
    outcome.update(file_kb=round(len(data) / 1024), seconds=round(time.perf_counter() - started, 2),
                   extra_mb=round(peak_mb() - baseline, 1))
    print(json.dumps(outcome, ensure_ascii=False))


def run(case):
    """The child's JSON for one case (extra_mb: peak resident memory above the baseline)."""
    process = subprocess.run([sys.executable, __file__, "--child", case], capture_output=True, text=True,  # noqa: S603 - our own script
                             timeout=600, cwd=ROOT)
    try:
        return json.loads(process.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"result": f"child died (exit {process.returncode})", "message": process.stderr.strip()[-300:],
                "file_kb": 0, "extra_mb": None, "seconds": None}


def main(names):
    print(f"{'case':27} {'file':>8} {'+RSS MB':>8} {'s':>6}  outcome")
    for case in names or CASES:
        result = run(case)
        what = result.pop("result")
        detail = result.get("message") or " ".join(f"{k}={result[k]}" for k in ("text_status", "pages", "thumbnail", "note") if k in result)
        print(f"{case:27} {result['file_kb']:>6}KB {str(result['extra_mb']):>8} {str(result['seconds']):>6}  {what}: {detail}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main(sys.argv[1:])
