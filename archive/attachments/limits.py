"""How much a file may cost the archive to read: bounds on what it
decompresses to, its entries, pages, pixels and time.

Two places use them. The upload (ArchiveDocument.clean, formats.py) refuses
at once what it can tell cheaply: a ZIP whose directory declares more than
it may unpack, a PDF with more pages than may be read, an image with more
pixels than may be decoded. The worker's readings (pdf.py, office.py) keep
to the same bounds while they read, for what only reading shows and for
files stored before these rules.

Every message is Spanish and says what to do.
"""

import time
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from archive.spanish import whole

MB = 1024 * 1024


def _setting(name, default):
    return getattr(settings, name, default)


def max_unzipped():
    """Bytes all the entries of a ZIP (DOCX, ODT, ...) may declare together."""
    return _setting("ARCHIVE_MAX_UNZIPPED_MB", 500) * MB


def max_xml_part():
    """Bytes of one XML part of an office file that are parsed: one text node may hold all of them, twice."""
    return _setting("ARCHIVE_MAX_XML_PART_MB", 64) * MB


def max_zip_entries():
    return _setting("ARCHIVE_MAX_ZIP_ENTRIES", 10_000)


def max_pages():
    """Pages (or slides, or sheets) read from one file."""
    return _setting("ARCHIVE_MAX_PAGES", 5_000)


def max_pixels():
    return _setting("ARCHIVE_MAX_IMAGE_PIXELS", 50_000_000)


def max_seconds():
    """How long one reading of one file may take in the worker."""
    return _setting("ARCHIVE_MAX_READING_SECONDS", 600)


def max_text_chars():
    """Characters of text kept from one file (they are stored, indexed and served)."""
    return _setting("ARCHIVE_MAX_TEXT_CHARS", 20_000_000)


class LimitExceeded(Exception):
    """A reading stopped at one of the bounds; ``message`` says which, in Spanish, for the editor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# A directory entry is 46 bytes and its name; a real document's names are
# short. More directory than this per allowed entry means too many entries.
DIRECTORY_BYTES_PER_ENTRY = 512


def zip_directory_problem(fileobj):
    """Why a ZIP's directory may not even be parsed (a Spanish sentence), or None; reads only its end record.

    zipfile builds an object per entry of the whole directory before anything
    can be counted: 800,000 entries in a 92 MB file took 150 MB and 29 s. The
    end record gives the directory's size and its count first.
    """
    end = fileobj.seek(0, 2)
    fileobj.seek(max(0, end - 65_557))  # the end record (22 bytes) and at most a 64 KB comment
    tail = fileobj.read()
    fileobj.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None  # not a ZIP zipfile can open: it says so itself
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    directory = int.from_bytes(tail[at + 12:at + 16], "little")
    if count == 0xFFFF or directory == 0xFFFFFFFF:
        locator = tail.rfind(b"PK\x06\x07", 0, at)
        if locator >= 0:
            fileobj.seek(int.from_bytes(tail[locator + 8:locator + 16], "little"))
            record = fileobj.read(56)
            fileobj.seek(0)
            if record[:4] == b"PK\x06\x06":
                count = int.from_bytes(record[32:40], "little")
                directory = int.from_bytes(record[40:48], "little")
    if count > max_zip_entries() or directory > max_zip_entries() * DIRECTORY_BYTES_PER_ENTRY:
        return too_many_entries_message(max(count, directory // DIRECTORY_BYTES_PER_ENTRY))
    return None


def too_many_entries_message(count):
    return _("El archivo tiene %(count)s partes internas; el máximo es %(limit)s. Puede ser un archivo "
             "malicioso: guárdalo de nuevo desde tu programa o como PDF.") % {
        "count": whole(count), "limit": whole(max_zip_entries())}


def zip_problem(archive, size):
    """Why a ZIP may not be unpacked (a Spanish sentence), or None. Reads only its directory.

    ``size`` is the file's own size, to say how much it grows. Reading an
    entry never yields more than its declared size (zipfile stops there and
    calls a longer one damaged), so bounding the declared sizes bounds what
    any reading of the file can unpack.
    """
    entries = archive.infolist()
    if len(entries) > max_zip_entries():
        return too_many_entries_message(len(entries))
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unzipped():
        return _("El archivo ocupa %(size)s, pero descomprimido ocuparía %(unpacked)s (el máximo es %(limit)s): "
                 "es una «bomba de descompresión» o un documento demasiado grande. No se acepta; si es un "
                 "documento real, guárdalo como PDF o divídelo.") % {
            "size": human_size(size), "unpacked": human_size(unpacked), "limit": human_size(max_unzipped())}
    return None


def human_size(size):
    """A size as the editor reads it: «312 MB», «1,5 MB», «800 KB»."""
    for unit, factor in (("MB", MB), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0").replace(".", ",")
            return f"{text} {unit}"
    return f"{size} bytes"


def pages_message(count):
    return _("El PDF tiene %(count)s páginas; el máximo que se lee es %(limit)s. Divídelo en partes y súbelas "
             "por separado.") % {"count": whole(count), "limit": whole(max_pages())}


def pixels_message(width, height):
    if width is None:
        return _("La imagen tiene demasiados píxeles para leerla (el máximo es %(limit)s megapíxeles). Redúcela "
                 "y súbela de nuevo.") % {"limit": whole(max_pixels() // 1_000_000)}
    return _("La imagen mide %(width)s × %(height)s píxeles (%(megapixels)s megapíxeles); el máximo es %(limit)s "
             "megapíxeles. Redúcela y súbela de nuevo.") % {
        "width": whole(width), "height": whole(height),
        "megapixels": whole(round(width * height / 1_000_000)),
        "limit": whole(max_pixels() // 1_000_000)}


def pdf_page_count(fileobj):
    """The PDF's page count from PDFium (its page tree only, milliseconds even for 20,000 pages); None if it cannot tell."""
    import pypdfium2 as pdfium

    fileobj.seek(0)
    try:
        # Read through the file object: a 100 MB upload on disk is not copied into memory.
        pdf = pdfium.PdfDocument(fileobj)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # noqa: BLE001 - encrypted or damaged: the worker reads it and says so
        return None
    finally:
        fileobj.seek(0)


def image_size(fileobj):
    """(width, height) from the image's header, without decoding it; None if Pillow cannot tell.

    Raises Image.DecompressionBombError for one so large Pillow will not even open it.
    """
    from PIL import Image

    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(fileobj) as image:
                return image.size
    except Image.DecompressionBombError:
        raise
    except Exception:  # noqa: BLE001 - Pillow's refusals are many; an image it cannot open has no size to judge
        return None
    finally:
        fileobj.seek(0)


def check_upload(fileobj, fmt):
    """Raise a ValidationError (Spanish) for a file whose reading would exceed the bounds; cheap checks only.

    ZIPs are judged by format detection already (formats.py calls zip_problem).
    """
    if fmt.key == "pdf":
        count = pdf_page_count(fileobj)
        if count is not None and count > max_pages():
            raise ValidationError(pages_message(count), code="too_many_pages")
    elif fmt.family == "image" and fmt.key != "svg":
        from PIL import Image

        try:
            size = image_size(fileobj)
        except Image.DecompressionBombError:
            raise ValidationError(pixels_message(None, None), code="too_many_pixels") from None
        if size is not None and size[0] * size[1] > max_pixels():
            raise ValidationError(pixels_message(*size), code="too_many_pixels")


class Deadline:
    """The time one reading may take; ``check()`` raises LimitExceeded once it is spent."""

    def __init__(self, seconds=None):
        self.seconds = max_seconds() if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def check(self):
        if time.monotonic() > self.ends:
            raise LimitExceeded(_("La lectura del archivo tardó más de %(seconds)s segundos y se detuvo; su texto "
                                  "no se indexa.") % {"seconds": whole(self.seconds)})
