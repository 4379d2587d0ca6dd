"""What the archive reads from a PDF: text per page (pypdf), page count and
a thumbnail of the first page (PDFium through pypdfium2).

Nothing here raises on a bad file: a damaged or encrypted PDF is stored and
marked, never refused and never a 500.
"""

import io
import logging
from dataclasses import dataclass, field

from django.db import models

logger = logging.getLogger(__name__)

# Thumbnails fit in this box (CSS pixels); small enough to sit beside a file's
# details, large enough to recognise a cover page.
THUMBNAIL_WIDTH = 240
THUMBNAIL_MAX_HEIGHT = 480


class TextStatus(models.TextChoices):
    NOT_APPLICABLE = "n/a", "Sin texto que extraer"
    EXTRACTED = "ok", "Texto extraído"
    EMPTY = "empty", "Sin texto (posiblemente escaneado)"
    DAMAGED = "damaged", "Archivo dañado: no se pudo leer"
    ENCRYPTED = "encrypted", "Archivo cifrado: no se pudo leer"


ENCRYPTED_NOTE = "El PDF está cifrado; su texto no se indexa."
DAMAGED_NOTE = "El PDF está dañado; su texto no se indexa."
EMPTY_NOTE = "El PDF no tiene texto (¿es un escaneo?); su texto no se indexa."


@dataclass(frozen=True)
class Thumbnail:
    data: bytes  # WebP
    width: int
    height: int


@dataclass
class PdfFacts:
    status: str
    pages: list = field(default_factory=list)
    note: str = ""
    page_count: int | None = None
    thumbnail: Thumbnail | None = None
    title: str = ""

    @property
    def readable(self):
        return self.status not in {TextStatus.DAMAGED, TextStatus.ENCRYPTED}


def extract_pdf_pages(fileobj, progress=None):
    """Return (status, pages, note) from pypdf. Never raises: a bad PDF is stored, not refused.

    ``progress(done, total)`` is called after each page.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(fileobj)
        if reader.is_encrypted:
            # Many official PDFs are "encrypted" only to forbid printing or
            # copying, with an empty password to open them: their text is readable.
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError, PdfReadError, ValueError, KeyError, TypeError):
                opened = 0
            if not opened:
                return TextStatus.ENCRYPTED, [], ENCRYPTED_NOTE
        pages = []
        total = len(reader.pages)
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
            if progress is not None:
                progress(len(pages), total)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError, IndexError) as exc:
        logger.warning("PDF unreadable: %s", exc)
        return TextStatus.DAMAGED, [], DAMAGED_NOTE
    if not any(pages):
        return TextStatus.EMPTY, pages, EMPTY_NOTE
    return TextStatus.EXTRACTED, pages, ""


def render_first_page(data):
    """(page count, Thumbnail of the first page or None) from PDFium; (None, None) if it cannot open the file.

    PDFium opens many PDFs whose cross-reference table pypdf rejects, so the
    page count comes from it. A PDF it cannot open, or whose first page it
    cannot draw, simply has no thumbnail.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # PDFium reports failures as PdfiumError or worse; none may reach the editor as a 500
        logger.info("PDFium cannot open the PDF: %s", exc)
        return None, None
    count = None
    try:
        count = len(pdf)
        if not count:
            return 0, None
        page = pdf[0]
        try:
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                return count, None
            # Scale to fit the box; a page of absurd proportions still gets a bounded bitmap.
            scale = min(THUMBNAIL_WIDTH / width, THUMBNAIL_MAX_HEIGHT / height)
            image = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            page.close()
        out = io.BytesIO()
        image.save(out, format="WEBP", quality=80, method=4)
        return count, Thumbnail(out.getvalue(), *image.size)
    except Exception as exc:  # a page PDFium cannot draw means no thumbnail, not an error
        logger.info("PDFium cannot draw the first page: %s", exc)
        return count, None
    finally:
        pdf.close()


# Titles producers write for every file, which say nothing about this one.
PLACEHOLDER_TITLES = {"untitled", "sin título", "sin titulo", "documento", "document", "microsoft word", "presentación de powerpoint",
                      "powerpoint presentation", "diapositiva 1"}


def pdf_title(data):
    """The title the PDF's own metadata gives, when it is a real one; "" otherwise. Never raises."""
    from pypdf import PdfReader

    try:
        title = (PdfReader(io.BytesIO(data)).metadata or {}).get("/Title") or ""
    except Exception:  # noqa: BLE001 - metadata is a courtesy: any failure means «no title»
        return ""
    title = " ".join(str(title).split())
    if len(title) < 4 or title.lower() in PLACEHOLDER_TITLES or title.lower().endswith((".doc", ".docx", ".odt", ".pdf")):
        return ""
    return title[:255]


def read_pdf(fileobj):
    """Everything the archive records about a PDF, as PdfFacts."""
    fileobj.seek(0)
    data = fileobj.read()
    status, pages, note = extract_pdf_pages(io.BytesIO(data))
    facts = PdfFacts(status=status, pages=pages, note=note, title=pdf_title(data) if status != TextStatus.ENCRYPTED else "")
    count, thumbnail = render_first_page(data)
    facts.page_count = count or len(pages) or None
    # A file that pypdf found damaged or could not decrypt gets no picture:
    # its record says it could not be read, and the thumbnail must not contradict it.
    if facts.readable:
        facts.thumbnail = thumbnail
    return facts
