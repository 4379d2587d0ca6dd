"""An OCRmyPDF plugin (loaded with ``--plugin``) that reports progress as plain lines on stderr.

OCRmyPDF draws tqdm bars, which are made for a terminal; the worker reads
these lines instead (archive/attachments/ocr.py) to say «OCR página 12 de 80».
This file runs inside the ``ocrmypdf`` process, not in Django.
"""

import sys

from ocrmypdf import hookimpl

MARK = "@@archivo-progreso"


class LineProgress:
    """tqdm's protocol, as OCRmyPDF uses it: a context manager with update()."""

    def __init__(self, *args, total=None, desc="", unit_scale=1, **kwargs):
        self.total = total or 0
        self.desc = desc or ""
        self.scale = unit_scale or 1
        self.done = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1, *args, **kwargs):
        self.done += n or 0
        # Never stdout: OCRmyPDF may write the PDF there.
        print(f"{MARK}\t{self.desc}\t{self.done * self.scale:g}\t{self.total * self.scale:g}", file=sys.stderr, flush=True)


@hookimpl
def get_progressbar_class():
    return LineProgress
