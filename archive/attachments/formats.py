"""Tell a file's format by its content, never by its name.

Wagtail trusts the extension; an archive that serves files to the public
cannot: an HTML page or a script renamed ``.pdf`` must be refused.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    mime: str
    open_format: bool
    family: str  # document, data, text, captions, video, image


FORMATS = {
    f.key: f
    for f in [
        FileFormat("pdf", "PDF", "application/pdf", False, "document"),
        FileFormat("odt", "ODT (texto abierto)", "application/vnd.oasis.opendocument.text", True, "document"),
        FileFormat("ods", "ODS (hoja de cálculo abierta)", "application/vnd.oasis.opendocument.spreadsheet", True, "data"),
        FileFormat("odp", "ODP (presentación abierta)", "application/vnd.oasis.opendocument.presentation", True, "document"),
        FileFormat("docx", "DOCX (Word)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False, "document"),
        FileFormat("xlsx", "XLSX (Excel)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False, "data"),
        FileFormat("pptx", "PPTX (PowerPoint)", "application/vnd.openxmlformats-officedocument.presentationml.presentation", False, "document"),
        FileFormat("csv", "CSV (datos abiertos)", "text/csv", True, "data"),
        FileFormat("txt", "Texto plano", "text/plain", True, "text"),
        FileFormat("vtt", "Subtítulos WebVTT", "text/vtt", True, "captions"),
        FileFormat("mp4", "Video MP4", "video/mp4", False, "video"),
        FileFormat("webm", "Video WebM", "video/webm", True, "video"),
        FileFormat("png", "Imagen PNG", "image/png", True, "image"),
        FileFormat("jpg", "Imagen JPEG", "image/jpeg", False, "image"),
    ]
}

OOXML = {
    "word/": "docx",
    "xl/": "xlsx",
    "ppt/": "pptx",
}


def _zip_format(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                for fmt in FORMATS.values():
                    if fmt.mime == mimetype:
                        return fmt.key
                return None
            for prefix, key in OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return key
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _text_format(head, name):
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head[:-3].decode("utf-8")  # a multibyte character cut at the edge
        except UnicodeDecodeError:
            return None
    if "\x00" in text:
        return None
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    lowered = stripped[:512].lower()
    if lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")) or "<script" in lowered:
        return None
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return "csv" if extension == "csv" else "txt"


def detect_format(fileobj, name=""):
    """Return the FileFormat of an uploaded file, or raise a ValidationError in Spanish."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    key = None
    if head.startswith(b"%PDF-"):
        key = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        key = _zip_format(fileobj)
        fileobj.seek(0)
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        key = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        key = "jpg"
    elif head[4:8] == b"ftyp":
        key = "mp4"
    elif head.startswith(b"\x1a\x45\xdf\xa3"):
        key = "webm"
    elif head.startswith((b"MZ", b"\x7fELF", b"#!")):
        key = None
    else:
        key = _text_format(head, name)
    fileobj.seek(position)
    if key is None:
        raise ValidationError(
            "Archivo Abierto no acepta este tipo de archivo. Se aceptan PDF, ODT, ODS, ODP, "
            "DOCX, XLSX, PPTX, CSV, texto plano, subtítulos WebVTT, imágenes PNG o JPEG y video "
            "MP4 o WebM. No se aceptan páginas HTML, SVG, programas ni archivos comprimidos.",
            code="unsupported_format",
        )
    return FORMATS[key]
