"""Time what an upload costs the archive: format detection and the PDF work
(text per page with pypdf, page count and first-page thumbnail with PDFium).

    .venv/bin/python benchmarks/upload_bench.py [--reps 5]

Prints milliseconds per file (median of the repetitions); touches no database.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.test")

import django  # noqa: E402

django.setup()

from archive.attachments.formats import detect_format  # noqa: E402
from archive.attachments.pdf import read_pdf, render_first_page  # noqa: E402
from tests.factories import minimal_pdf  # noqa: E402

PARAGRAPH = "El Núcleo Promotor acordó publicar las minutas de cada mesa de cocreación. "


def median_ms(function, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    reps = parser.parse_args().reps
    print(f"{'file':<34} {'size':>9} {'detect':>9} {'pypdf text':>11} {'pdfium':>9} {'all':>9}")
    for pages in (1, 20, 200):
        data = minimal_pdf(*[PARAGRAPH * 3] * pages)
        detect = median_ms(lambda data=data: detect_format(io.BytesIO(data), "x.pdf"), reps)
        facts = read_pdf(io.BytesIO(data))
        if facts.page_count != pages or not facts.thumbnail:
            sys.exit(f"PDFium did not read the {pages}-page PDF")
        pdfium = median_ms(lambda data=data: render_first_page(data), reps)
        everything = median_ms(lambda data=data: read_pdf(io.BytesIO(data)), reps)
        print(f"{f'PDF, {pages} pages of text':<34} {len(data) / 1024:>7.0f}KB {detect:>7.2f}ms "
              f"{everything - pdfium:>9.1f}ms {pdfium:>7.1f}ms {everything:>7.1f}ms")
    shapes = "".join(f'<rect x="{i % 500}" y="{i // 500}" width="1" height="1" fill="#123"/>' for i in range(50000))
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="500" height="100">{shapes}</svg>'.encode()
    detect = median_ms(lambda: detect_format(io.BytesIO(svg), "x.svg"), reps)
    print(f"{'SVG, 50,000 elements':<34} {len(svg) / 1024:>7.0f}KB {detect:>7.1f}ms")


if __name__ == "__main__":
    main()
