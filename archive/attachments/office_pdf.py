"""The first page's picture and the real page count of office files, drawn by LibreOffice.

A DOCX or PPTX rarely carries a picture of itself (Word and PowerPoint
save none unless asked; LibreOffice writes one into ODF only), and the page
count a word processor stores is whatever it last counted, or nothing.
Mature archives do what we do here: DSpace's and Alfresco's thumbnailers,
Plone's document viewer, all print the file to PDF with LibreOffice and draw
the PDF's first page. The PDF is drawn by the code that draws uploaded PDFs
(pdf.render_first_page), so a thumbnail looks the same whatever the format.

Only what is missing is made: a file with its own picture and page count is
not converted. ``soffice`` runs in a child process with its own profile
(two workers never share one), a deadline, and its process group killed
with it (child.py). Where LibreOffice is not installed the file simply has
no picture, as before; ``manage.py make_thumbnails`` reads such files again
once it is.

A document that points outside itself (a linked picture or object: an
http address, a file elsewhere on the disk) is not converted: LibreOffice
would fetch it, and a picture of the worker's own files or network must
never reach a public thumbnail.
"""

import atexit
import logging
import os
import posixpath
import shutil
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from . import child
from .limits import LimitExceeded
from .office import REL, Package, Unreadable
from .pdf import TextStatus, render_first_page

logger = logging.getLogger(__name__)

# Formats with pages (slides): spreadsheets print to as many pages as their printer settings say, which is no count.
PAGED = {"docx", "odt", "pptx", "odp"}
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ODF_LINK = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}a"
# One conversion at a time per process: soffice locks its profile.
_lock = threading.Lock()


def setting(name):
    """ARCHIVE_OFFICE_<name> from the settings, else OFFICE_<name> from the environment, else the default.

    COMMAND: LibreOffice's program; SECONDS: how long one conversion may take.
    """
    defaults = {"COMMAND": "soffice", "SECONDS": "180"}
    value = getattr(settings, f"ARCHIVE_OFFICE_{name}", None) or os.environ.get(f"OFFICE_{name}") or defaults[name]
    return value if name == "COMMAND" else int(value)


def available():
    return shutil.which(setting("COMMAND")) is not None


class ConversionFailed(Exception):
    pass


def points_outside(data, kind):
    """Whether the document links a picture or object kept outside it (which LibreOffice would fetch)."""
    package = Package(data)
    if kind in {"docx", "pptx"}:
        for name in sorted(package.names):
            if not name.endswith(".rels"):
                continue
            for _event, element in package.events(name):
                if (element.tag == REL + "Relationship" and element.get("TargetMode") == "External"
                        and not element.get("Type", "").endswith("/hyperlink")):
                    return True
        return False
    for name in ("content.xml", "styles.xml"):
        if not package.has(name):
            continue
        for _event, element in package.events(name):
            href = element.get(XLINK_HREF)
            if href and element.tag != ODF_LINK:
                inside = posixpath.normpath(href.removeprefix("./"))
                if inside not in package.names and not any(n.startswith(inside + "/") for n in package.names):
                    return True
    return False


def _profile():
    """This process's LibreOffice profile: made on the first conversion (about a second), reused, removed at exit."""
    profile = Path(tempfile.gettempdir(), f"archivo-soffice-{os.getpid()}")
    if not profile.exists():
        atexit.register(shutil.rmtree, profile, ignore_errors=True)
    return profile


def to_pdf(data, kind):
    """The office file ``data`` printed to PDF by LibreOffice. Raises ConversionFailed."""
    profile = _profile()
    with _lock, tempfile.TemporaryDirectory(prefix="archivo-office-") as folder:
        source = Path(folder, f"documento.{kind}")
        source.write_bytes(data)
        command = [
            setting("COMMAND"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--nologo", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder, str(source),
        ]
        env = {**os.environ, "HOME": str(profile)}  # nothing written into the worker's own home
        try:
            code, errors = child.run(command, setting("SECONDS"), env=env)
        except child.TimedOut as exc:
            raise ConversionFailed(f"LibreOffice took more than {exc.seconds} s") from None
        except OSError as exc:
            raise ConversionFailed(f"LibreOffice could not start: {exc}") from None
        target = Path(folder, "documento.pdf")
        if code != 0 or not target.exists():
            raise ConversionFailed(f"LibreOffice exit {code}: {errors[-500:]}")
        return target.read_bytes()


class OfficePages:
    """The reading's step (steps.py) after OfficeText: a picture and page count for the files without them."""

    def applies(self, document):
        return document.format_key in PAGED

    def run(self, reading):
        document = reading.document
        if document.text_status == TextStatus.DAMAGED:
            return  # LibreOffice would fail, or draw a file the record says cannot be read
        if reading.thumbnail is not None and document.page_count:
            return
        if not available():
            logger.info("File %s has no picture: LibreOffice (%s) is not installed", document.pk, setting("COMMAND"))
            return
        try:
            if points_outside(reading.data, document.format_key):
                logger.warning("File %s links content outside itself: not drawn", document.pk)
                return
        except (Unreadable, LimitExceeded):
            return
        reading.report(_("miniatura de la primera página"))
        try:
            pdf = to_pdf(reading.data, document.format_key)
        except ConversionFailed as exc:
            # A picture is a courtesy: the text is read and the file is «listo» without one.
            logger.warning("File %s not drawn: %s", document.pk, exc)
            return
        count, thumbnail = render_first_page(pdf)
        if count:
            document.page_count = count
        if reading.thumbnail is None:
            reading.thumbnail = thumbnail
