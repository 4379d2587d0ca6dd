"""What the archive reads from a stored file, as a list of steps.

A file's reading is the steps that apply to it, run in order on its bytes:
a PDF's text page by page, then its page count and first-page thumbnail; an
office file's text, then (when it carries none) its picture, drawn by
LibreOffice; a text file's text. Each step fills fields of the document in memory and may
say how far it got («texto, página 12 de 80»); the job that runs them
(archive/attachments/analysis.py) stores the result. A new kind of reading
(OCR of scanned pages) is one more Step in STEPS.

Nothing here touches the database.
"""

import io
from dataclasses import dataclass, field

from django.db import models

from .ocr import PdfOcr
from .office import OfficeText
from .office_pdf import OfficePages
from .pdf import TextStatus, extract_pdf_pages, pdf_title, render_first_page


class AnalysisState(models.TextChoices):
    QUEUED = "queued", "en cola"
    RUNNING = "running", "leyendo"
    DONE = "done", "listo"
    FAILED = "failed", "falló"
    # Read, but its scanned pages wait for OCR to be installed (archive/attachments/ocr.py).
    OCR_WAITING = "ocr-wait", "pendiente de OCR"


PENDING = (AnalysisState.QUEUED, AnalysisState.RUNNING)


@dataclass
class Reading:
    document: object  # ArchiveDocument
    data: bytes
    report: object = field(default=lambda text: None)  # report(text): how far the reading got
    title: str = ""  # the title the file gives itself, if it has a real one
    thumbnail: object = None  # pdf.Thumbnail
    ocr_copy: bytes | None = None  # a searchable PDF/A copy of a scanned PDF
    state: str = AnalysisState.DONE  # what the file is once read: listo, or pendiente de OCR


class Step:
    """One reading of a file. ``applies`` decides from the document's format; ``run`` fills its fields."""

    def applies(self, document):
        raise NotImplementedError

    def run(self, reading):
        raise NotImplementedError


class PdfText(Step):
    def applies(self, document):
        return document.format_key == "pdf"

    def run(self, reading):
        document = reading.document
        document.text_status, document.text_pages, document.text_note = extract_pdf_pages(
            io.BytesIO(reading.data), progress=lambda done, total: reading.report(f"texto, página {done} de {total}"),
        )
        if document.text_status != TextStatus.ENCRYPTED:
            reading.title = pdf_title(reading.data)


class PdfPicture(Step):
    def applies(self, document):
        return document.format_key == "pdf"

    def run(self, reading):
        document = reading.document
        reading.report("miniatura de la primera página")
        count, thumbnail = render_first_page(reading.data)
        document.page_count = count or len(document.text_pages) or None
        # A file that pypdf found damaged or could not decrypt gets no picture:
        # its record says it could not be read, and the thumbnail must not contradict it.
        if document.text_status not in {TextStatus.DAMAGED, TextStatus.ENCRYPTED}:
            reading.thumbnail = thumbnail


class PlainText(Step):
    def applies(self, document):
        fmt = document.file_format
        return bool(fmt) and (fmt.family in {"text", "captions"} or fmt.key == "csv")

    def run(self, reading):
        document = reading.document
        document.text_pages = [reading.data.decode("utf-8", "replace")]
        document.text_status = TextStatus.EXTRACTED
        document.page_count = None


class EditorCorrections(Step):
    """An editor's corrections of recognised text outlive every new reading of the same file."""

    def applies(self, document):
        return bool(getattr(document, "text_corrections", None))

    def run(self, reading):
        apply_corrections(reading.document)


def apply_corrections(document):
    pages = list(document.text_pages or [])
    for number, text in (document.text_corrections or {}).items():
        if number.isdigit() and 1 <= int(number) <= len(pages):
            pages[int(number) - 1] = text
    document.text_pages = pages


# EditorCorrections last: it corrects what the steps before it read.
STEPS = [PdfText(), PdfOcr(), PdfPicture(), PlainText(), OfficeText(), OfficePages(), EditorCorrections()]


def steps_for(document):
    return [step for step in STEPS if step.applies(document)]


def forget(document):
    """What a reading fills, emptied: a new file has not been read yet."""
    document.text_pages, document.text_status, document.text_note = [], TextStatus.NOT_APPLICABLE, ""
    # Recognised pages and their corrections belonged to the old file.
    document.ocr_pages, document.text_corrections = [], {}
    document.page_count = None


def read(document, data, report=None):
    """Run every step that applies on ``data``; returns the Reading (the document's fields are filled)."""
    reading = Reading(document=document, data=data)
    if report is not None:
        reading.report = report
    for step in steps_for(document):
        step.run(reading)
    return reading
