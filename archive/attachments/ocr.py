"""OCR of scanned PDF pages: the pages without a text layer are recognised by
OCRmyPDF with Tesseract's Spanish model.

Why the ``ocrmypdf`` program (Debian's package) in a child process rather
than the pip package inside the site's Python: OCRmyPDF drives Tesseract,
Ghostscript and pikepdf, all of which it needs installed by the system anyway;
a child process can be given a deadline and killed with everything it started
(its own process group), and a page that exhausts memory kills it, not the
worker. Progress comes from a small plugin (ocr_progress.py) that OCRmyPDF
loads, and is shown as «OCR página 12 de 80».

The original file is never touched: OCRmyPDF writes a new, searchable PDF/A
copy (``--skip-text`` leaves the pages that have text as they are), which is
kept beside the file and offered on the document page. The text of each page
that had none is read from that copy with pypdf, as any PDF's text is, and
the page numbers are recorded (``ocr_pages``) so the text is shown as
recognised automatically until an editor corrects it (``text_corrections``,
applied after every reading by EditorCorrections in steps.py).

Where OCRmyPDF or the Spanish model is not installed the reading still ends:
the text found is kept and the file waits «pendiente de OCR»; a worker that
starts once they are installed, or ``manage.py run_ocr``, reads it again.
"""

import io
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from . import child
from .pdf import TextStatus, extract_pdf_pages

logger = logging.getLogger(__name__)

PLUGIN = Path(__file__).with_name("ocr_progress.py")
PROGRESS_MARK = "@@archivo-progreso"
# Tesseract's model for each language a file may be in; Spanish for the rest.
MODELS = {"es": "spa", "en": "eng"}
DEFAULT_MODEL = "spa"
# A page whose darkest pixel is lighter than this (0 black, 255 white) is blank paper.
BLANK_LEVEL = 200
# Exit codes of ocrmypdf after which the copy is usable: done, or done but
# Ghostscript's output failed the PDF/A check (the text layer is there all the same).
USABLE_EXIT_CODES = {0, 10}
EXIT_REASONS = {
    2: "el PDF no se pudo abrir",
    8: "el PDF está cifrado",
    15: "faltan programas que el reconocimiento necesita",
}


def setting(name):
    """ARCHIVE_OCR_<name> from the settings, else OCR_<name> from the environment, else the default.

    COMMAND: the ocrmypdf program; JOBS: pages read at once (one leaves the
    other core to the web on a small machine); SECONDS_PER_PAGE: how long it
    may take per page before it is stopped; MAX_PAGES: more scanned pages than
    this are not recognised (at some 4 CPU seconds a page, 1,000 pages hold a
    worker for over an hour).
    """
    defaults = {"COMMAND": "ocrmypdf", "JOBS": "1", "SECONDS_PER_PAGE": "120", "MAX_PAGES": "1000"}
    value = getattr(settings, f"ARCHIVE_OCR_{name}", None) or os.environ.get(f"OCR_{name}") or defaults[name]
    return value if name == "COMMAND" else int(value)


class OcrFailed(Exception):
    """The recognition ran and failed; the message says why, in Spanish."""


def installed_models():
    """Tesseract's language models on this machine (empty when Tesseract is missing)."""
    tesseract = shutil.which("tesseract")
    if not tesseract:
        return set()
    try:
        listed = subprocess.run(  # noqa: S603 - the tesseract found on PATH, a fixed argument
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in listed.stdout.splitlines()[1:] if line.strip()}


def unavailable_reason():
    """Why OCR cannot run on this machine, or "" when it can."""
    if not shutil.which(setting("COMMAND")):
        return _("falta el programa ocrmypdf")
    if DEFAULT_MODEL not in installed_models():
        return _("falta el modelo de español de Tesseract (tesseract-ocr-spa)")
    return ""


def pages_without_text(text_pages):
    """Numbers (from 1) of the pages whose text layer gave nothing."""
    return [number for number, text in enumerate(text_pages, start=1) if not (text or "").strip()]


def drawn_pages(data, numbers):
    """Those of ``numbers`` whose page has anything drawn on it (PDFium at 36 dpi): blank pages have nothing to recognise.

    Separator pages and the backs of single-sided scans are common; sending
    them to OCRmyPDF costs seconds each. A page that cannot be drawn counts as
    drawn: OCRmyPDF decides.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - PDFium's errors vary; OCRmyPDF will judge the file
        return list(numbers)
    drawn = []
    try:
        for number in numbers:
            try:
                page = pdf[number - 1]
                try:
                    darkest, _lightest = page.render(scale=0.5).to_pil().convert("L").getextrema()
                finally:
                    page.close()
            except Exception:  # noqa: BLE001 - see above
                darkest = 0
            if darkest < BLANK_LEVEL:
                drawn.append(number)
    finally:
        pdf.close()
    return drawn


def model_for(language):
    wanted = MODELS.get(language, DEFAULT_MODEL)
    return wanted if wanted == DEFAULT_MODEL or wanted in installed_models() else DEFAULT_MODEL


def recognise(data, language="es", report=None):
    """Run OCRmyPDF on the PDF ``data``; returns (searchable PDF/A copy, text of each of its pages).

    ``report(done, total)`` is called as pages are recognised. Raises
    OcrFailed with the reason when OCRmyPDF fails or runs out of time.
    """
    with tempfile.TemporaryDirectory(prefix="archivo-ocr-") as folder:
        source, target = Path(folder, "original.pdf"), Path(folder, "ocr.pdf")
        source.write_bytes(data)
        command = [
            setting("COMMAND"), "--plugin", str(PLUGIN), "--language", model_for(language),
            "--skip-text", "--output-type", "pdfa", "--rotate-pages", "--jobs", str(setting("JOBS")),
            str(source), str(target),
        ]
        code, errors = _run(command, timeout=_deadline(data), report=report)
        if code not in USABLE_EXIT_CODES or not target.exists():
            why = EXIT_REASONS.get(code) or _("ocrmypdf terminó con el código %(code)s") % {"code": code}
            logger.warning("OCR failed (exit %s): %s", code, errors[-2000:])
            raise OcrFailed(why)
        copy = target.read_bytes()
    status, pages, _note = extract_pdf_pages(io.BytesIO(copy))
    if status != TextStatus.EXTRACTED and status != TextStatus.EMPTY:
        raise OcrFailed(_("la copia con texto no se pudo leer"))
    return copy, pages


def _deadline(data):
    from pypdf import PdfReader

    try:
        count = len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 - a count is only for the deadline; pypdf already judged the file
        count = 1
    return 60 + setting("SECONDS_PER_PAGE") * max(count, 1)


def _run(command, timeout, report):
    """(exit code, last stderr lines) of OCRmyPDF; its progress lines go to ``report``."""
    def on_line(line):
        if line.startswith(PROGRESS_MARK):
            _progress(line, report)
            return True
        return False

    try:
        return child.run(command, timeout, on_line)
    except child.TimedOut:
        raise OcrFailed(_("el reconocimiento tardó más de %(minutes)s minutos") % {"minutes": round(timeout / 60)}) from None


def _progress(line, report):
    try:
        _mark, desc, done, total = line.rstrip("\n").split("\t")
        done, total = float(done), float(total)
    except ValueError:
        return
    # OCRmyPDF counts half a page when a page is recognised and the other half when it is put back in the PDF.
    if desc == "OCR" and report is not None and total and done >= 1 and done.is_integer():
        report(int(done), int(total))


class PdfOcr:
    """The reading's step (steps.py) for the pages of a PDF without text: after PdfText, before the thumbnail."""

    def applies(self, document):
        return document.format_key == "pdf"

    def run(self, reading):
        from .steps import AnalysisState

        document = reading.document
        document.ocr_pages = []
        if document.text_status not in {TextStatus.EXTRACTED, TextStatus.EMPTY}:
            return  # damaged or encrypted: there is nothing OCRmyPDF could open either
        missing = drawn_pages(reading.data, pages_without_text(document.text_pages))
        if not missing:
            return
        if len(missing) > setting("MAX_PAGES"):
            document.text_note = (_("Tiene %(count)s páginas escaneadas; el reconocimiento automático (OCR) lee hasta "
                                    "%(limit)s, así que su texto no se indexa.")
                                  % {"count": len(missing), "limit": setting("MAX_PAGES")})[:255]
            return
        if why := unavailable_reason():
            logger.warning("File %s waits for OCR: %s", document.pk, why)
            reading.state = AnalysisState.OCR_WAITING
            return
        def progress(done, total):
            reading.report(_("OCR página %(done)s de %(total)s") % {"done": done, "total": total})

        try:
            copy, recognised = recognise(reading.data, document.language, report=progress)
        except OcrFailed as exc:
            # What the text layer gave stays readable and searchable; the editor reads why the rest is not.
            document.text_note = (_("No se pudo reconocer el texto de las páginas escaneadas: %(why)s.") % {"why": exc})[:255]
            return
        pages = list(document.text_pages)
        for number in missing:
            text = recognised[number - 1].strip() if number <= len(recognised) else ""
            if text:
                pages[number - 1] = text
                document.ocr_pages.append(number)
        document.text_pages = pages
        if document.ocr_pages:  # a copy of blank scans has no text to offer
            reading.ocr_copy = copy
            document.text_status, document.text_note = TextStatus.EXTRACTED, ""


def waiting_files():
    from .models import ArchiveDocument
    from .steps import AnalysisState

    return ArchiveDocument.objects.filter(analysis_state=AnalysisState.OCR_WAITING).order_by("pk")


def queue_waiting():
    """Queue again the reading of the files left «pendiente de OCR», once OCR can run here; returns how many.

    Called when a worker starts: installing OCRmyPDF and restarting the
    worker is all it takes. Each file is claimed by a conditional update, so
    two workers starting at once queue it once.
    """
    if unavailable_reason():
        return 0
    from django.db import transaction

    from archive.worker.jobs import enqueue

    from .analysis import read_file
    from .steps import AnalysisState

    queued = 0
    for pk, sha256 in waiting_files().values_list("pk", "sha256"):
        with transaction.atomic():
            claimed = waiting_files().filter(pk=pk, sha256=sha256).update(
                analysis_state=AnalysisState.QUEUED, analysis_attempts=0, analysis_error="", analysis_progress="",
            )
            if claimed:
                enqueue(read_file, pk, sha256, "")
                queued += 1
    return queued
