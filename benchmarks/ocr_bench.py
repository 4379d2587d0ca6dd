"""OCR throughput and word accuracy on scans made from a known text of the corpus.

    .venv/bin/python benchmarks/ocr_bench.py [--pages 4] [--jobs 1 2] [--dpi 200] [--angle 0.7] [--noise 0.02]

Prints pages of the Memoria (the corpus's 2023-memoria-proceso-primer-plan-accion.txt)
to greyscale pictures at --dpi with Pillow (tests/attachments/scans.py: DejaVu Serif
11 pt, scanner grain, turned by --angle degrees, alternately left and right),
wraps them as a PDF without any text layer, and runs the archive's own OCR
(archive/attachments/ocr.recognise: ocrmypdf --skip-text --output-type pdfa
--rotate-pages, Tesseract's Spanish model) once per --jobs value.

Word accuracy: the printed words and the recognised words of each page,
lower-cased, without punctuation (accents kept), aligned with difflib; the
share of printed words found in the alignment. Pages per minute: pages over
the wall-clock time of the whole ocrmypdf run (PDF/A conversion included);
CPU seconds per page (ocrmypdf and its children) do not depend on how busy
the machine is, and give the best case: 60 * cores / (CPU s/page) pages/min.
"""

import argparse
import difflib
import os
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = Path("/work/shared/corpus/2023-memoria-proceso-primer-plan-accion.txt")
if not CORPUS.exists():
    CORPUS = ROOT / "archive/demo/corpus/2023-memoria-proceso-primer-plan-accion.txt"
WORD_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def paragraphs(text):
    """The corpus's paragraphs as printed text: markdown marks, links and URLs out, long ones only."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = re.sub(r"[*#_`>]|\[\^?\d+\]|https?://\S+", "", " ".join(block.split())).strip()
        if len(block.split()) >= 12:
            out.append(block)
    return out


def words(text):
    return WORD_RE.findall(text.lower())


def accuracy(printed, recognised):
    expected, got = words(printed), words(recognised)
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    return found, len(expected)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--angle", type=float, default=0.7)
    parser.add_argument("--noise", type=float, default=0.02)
    parser.add_argument("--skip", type=int, default=6, help="paragraphs of the Memoria to skip (its cover)")
    args = parser.parse_args()

    import django
    from django.conf import settings

    settings.configure(USE_I18N=False)
    django.setup()
    from archive.attachments import ocr
    from tests.attachments.scans import fitting_text, image_pdf, page_image

    if why := ocr.unavailable_reason():
        sys.exit(f"OCR no disponible: {why}. apt-get install ocrmypdf tesseract-ocr-spa")

    remaining = paragraphs(CORPUS.read_text(encoding="utf-8"))[args.skip:]
    printed, images = [], []
    for number in range(args.pages):
        text, used = fitting_text(remaining, dpi=args.dpi)
        remaining = remaining[used:]
        printed.append(text)
        angle = args.angle if number % 2 == 0 else -args.angle
        images.append(page_image(text, dpi=args.dpi, noise=args.noise, angle=angle, seed=number))
    scan = image_pdf(images, dpi=args.dpi)
    total_words = sum(len(words(text)) for text in printed)
    print(f"Scan: {args.pages} pages of {CORPUS.name}, {total_words} words, {args.dpi} dpi, "
          f"±{args.angle}° rotation, {args.noise:.0%} speckles; {len(scan) / 1e6:.1f} MB image-only PDF")

    for jobs in args.jobs:
        settings.ARCHIVE_OCR_JOBS = jobs
        load = os.getloadavg()[0]
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        copy, pages = ocr.recognise(scan, "es")
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        found = expected = 0
        per_page = []
        for text, got in zip(printed, pages, strict=False):
            ok, of = accuracy(text, got)
            found, expected = found + ok, expected + of
            per_page.append(f"{ok / of:.1%}")
        # The wall clock depends on what else the machine runs (load average shown); CPU seconds per page do not.
        print(f"jobs={jobs} (load {load:.1f}): {elapsed:.1f} s, {args.pages / elapsed * 60:.1f} pages/min; "
              f"{cpu / args.pages:.1f} CPU s/page; "
              f"word accuracy {found / expected:.2%} ({found} of {expected}; per page {', '.join(per_page)}); "
              f"PDF/A copy {len(copy) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
