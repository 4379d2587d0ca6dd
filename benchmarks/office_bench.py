"""How long the worker takes to draw an office file that carries no picture of itself.

    .venv/bin/python benchmarks/office_bench.py [--pages 1 20 200] [--runs 3]

Builds DOCX and PPTX files without preview or declared page count, from the
paragraphs of the Memoria (the corpus's 2023-memoria-proceso-primer-plan-accion.txt),
of --pages pages or slides, and runs the archive's own step
(archive/attachments/office_pdf.py: LibreOffice prints the file to PDF,
PDFium draws the first page) --runs times each. Prints the median seconds
per file and per page, the page count found, and the first run apart: it
starts LibreOffice with a new profile, which later runs reuse.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

CORPUS = Path("/work/shared/corpus/2023-memoria-proceso-primer-plan-accion.txt")
if not CORPUS.exists():
    CORPUS = ROOT / "archive/demo/corpus/2023-memoria-proceso-primer-plan-accion.txt"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 20, 200])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from archive.attachments.office_pdf import available, to_pdf
    from archive.attachments.pdf import render_first_page
    from tests.attachments import office_samples as office

    if not available():
        raise SystemExit("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui libreoffice-impress-nogui")
    lines = [line.strip("# ").strip() for line in CORPUS.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    print(f"{'file':<22} {'first run':>10} {'median':>8} {'s/page':>8} {'pages':>6}")
    for count in args.pages:
        chunks = [lines[(i * 6) % len(lines):(i * 6) % len(lines) + 6] or lines[:6] for i in range(count)]
        files = {"docx": office.docx(chunks, thumbnail=False), "pptx": office.pptx([c[:2] for c in chunks], thumbnail=False)}
        for kind, data in files.items():
            times, pages = [], None
            for _ in range(args.runs):
                start = time.perf_counter()
                pages, thumbnail = render_first_page(to_pdf(data, kind))
                times.append(time.perf_counter() - start)
                if thumbnail is None:
                    raise SystemExit(f"No picture for the {kind} of {count} pages")
            median = statistics.median(times[1:] or times)
            print(f"{kind + f' of {count}':<22} {times[0]:>9.2f}s {median:>7.2f}s {median / pages:>8.3f} {pages:>6}", flush=True)


if __name__ == "__main__":
    main()
