"""What the archive reads from a PDF: text per page (pypdf), page count and
a thumbnail of the first page (PDFium through pypdfium2).

Nothing here raises on a bad file: a damaged or encrypted PDF is stored and
marked, never refused and never a 500.
"""

import io
import logging
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _

from .limits import Deadline, LimitExceeded, max_pages, pages_message

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
class FileFacts:
    """What reading a file records about it: its text status and pages, a note, page count, thumbnail, title.

    The same for every format that has pages (PDF here, office files in office.py)."""

    status: str
    pages: list = field(default_factory=list)
    note: str = ""
    page_count: int | None = None
    thumbnail: Thumbnail | None = None
    title: str = ""

    @property
    def readable(self):
        return self.status not in {TextStatus.DAMAGED, TextStatus.ENCRYPTED}


def limit_note():
    return _("El PDF contiene datos que exceden los límites de lectura (una bomba de compresión o un mapa de "
             "caracteres dañado); su texto no se indexa.")


def extract_pdf_pages(fileobj, progress=None, deadline=None):
    """Return (status, pages, note) from pypdf. Never raises: a bad PDF is stored, not refused.

    ``progress(done, total)`` is called after each page. pypdf's own bounds
    (decompressed stream size, ToUnicode map size, ...) and ours (pages,
    time: limits.py) make a hostile PDF «dañado», with the reason as note.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadError, PyPdfError

    deadline = deadline or Deadline()
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
        if total > max_pages():
            return TextStatus.DAMAGED, [], pages_message(total)
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip())
            if progress is not None:
                progress(len(pages), total)
            deadline.check()
    except LimitReachedError as exc:
        logger.warning("PDF beyond pypdf's limits: %s", exc)
        return TextStatus.DAMAGED, [], limit_note()
    except LimitExceeded as exc:
        logger.warning("PDF reading stopped: %s", exc)
        return TextStatus.DAMAGED, [], exc.message
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError, IndexError) as exc:
        logger.warning("PDF unreadable: %s", exc)
        return TextStatus.DAMAGED, [], DAMAGED_NOTE
    if not any(pages):
        return TextStatus.EMPTY, pages, EMPTY_NOTE
    return TextStatus.EXTRACTED, pages, ""


# A first page whose content inflates past this is not drawn: PDFium would
# hold all of it (a compression bomb's gigabyte) to draw a 240-pixel picture.
MAX_FIRST_PAGE_CONTENT = 20 * 1024 * 1024


def first_page_drawable(data):
    """Whether PDFium may draw the first page within the bounds: its content (and its forms'), inflated by
    pypdf under pypdf's own limits, is small enough. Unsure means yes.

    Images are not judged: PDFium draws a 144-megapixel one at thumbnail size with 4 MB, and a scan
    at 600 dpi is a big image that deserves its thumbnail."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return True  # PDFium cannot open it either
        page = reader.pages[0]
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        xobjects = resources.get("/XObject")
        for reference in (xobjects.get_object() if xobjects is not None else {}).values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Form":
                size += len(xobject.get_data())
        return size <= MAX_FIRST_PAGE_CONTENT
    except LimitReachedError:
        return False
    except Exception:  # noqa: BLE001 - pypdf's other complaints are not about size; PDFium judges the file itself
        return True


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
        if not first_page_drawable(data):
            logger.warning("First page of a PDF beyond the drawing bounds: no thumbnail")
            return count, None
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
    return real_title(title)


def real_title(title):
    """``title`` when it names the document, "" when it is a placeholder or a file name (any format's metadata)."""
    title = " ".join(str(title).split())
    if len(title) < 4 or title.lower() in PLACEHOLDER_TITLES or title.lower().endswith((".doc", ".docx", ".odt", ".pdf")):
        return ""
    return title[:255]


def read_pdf(fileobj):
    """Everything the archive records about a PDF, as FileFacts."""
    fileobj.seek(0)
    data = fileobj.read()
    status, pages, note = extract_pdf_pages(io.BytesIO(data))
    facts = FileFacts(status=status, pages=pages, note=note, title=pdf_title(data) if status != TextStatus.ENCRYPTED else "")
    count, thumbnail = render_first_page(data)
    facts.page_count = count or len(pages) or None
    # A file that pypdf found damaged or could not decrypt gets no picture:
    # its record says it could not be read, and the thumbnail must not contradict it.
    if facts.readable:
        facts.thumbnail = thumbnail
    return facts
