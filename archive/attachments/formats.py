"""Tell a file's format by its content, never by its name.

Wagtail trusts the extension; an archive that serves files to the public
cannot: an HTML page or a script renamed ``.pdf`` must be refused, and the
editor must be told what the file really is.
"""

import functools
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop as N_

from .limits import zip_directory_problem, zip_problem


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    mime: str
    open_format: bool
    family: str  # document, data, text, captions, video, image
    extensions: tuple = ()

    @property
    def extension(self):
        return self.extensions[0] if self.extensions else self.key


FORMATS = {
    f.key: f
    for f in [
        FileFormat("pdf", N_("PDF"), "application/pdf", False, "document", ("pdf",)),
        FileFormat("odt", N_("ODT (texto abierto)"), "application/vnd.oasis.opendocument.text", True, "document", ("odt",)),
        FileFormat("ods", N_("ODS (hoja de cálculo abierta)"), "application/vnd.oasis.opendocument.spreadsheet", True, "data", ("ods",)),
        FileFormat("odp", N_("ODP (presentación abierta)"), "application/vnd.oasis.opendocument.presentation", True, "document", ("odp",)),
        FileFormat("docx", N_("DOCX (Word)"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False, "document", ("docx",)),
        FileFormat("xlsx", N_("XLSX (Excel)"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False, "data", ("xlsx",)),
        FileFormat("pptx", N_("PPTX (PowerPoint)"), "application/vnd.openxmlformats-officedocument.presentationml.presentation", False, "document", ("pptx",)),
        FileFormat("csv", N_("CSV (datos abiertos)"), "text/csv", True, "data", ("csv",)),
        FileFormat("txt", N_("Texto plano"), "text/plain", True, "text", ("txt", "text", "md")),
        FileFormat("vtt", N_("Subtítulos WebVTT"), "text/vtt", True, "captions", ("vtt",)),
        FileFormat("mp4", N_("Video MP4"), "video/mp4", False, "video", ("mp4",)),
        FileFormat("m4v", N_("Video M4V"), "video/x-m4v", False, "video", ("m4v", "mp4")),
        FileFormat("mov", N_("Video QuickTime (MOV)"), "video/quicktime", False, "video", ("mov", "qt")),
        FileFormat("webm", N_("Video WebM"), "video/webm", True, "video", ("webm",)),
        FileFormat("mkv", N_("Video Matroska (MKV)"), "video/x-matroska", True, "video", ("mkv",)),
        FileFormat("ogv", N_("Video Ogg"), "video/ogg", True, "video", ("ogv", "ogg")),
        FileFormat("avi", N_("Video AVI"), "video/x-msvideo", False, "video", ("avi",)),
        FileFormat("png", N_("Imagen PNG"), "image/png", True, "image", ("png",)),
        FileFormat("jpg", N_("Imagen JPEG"), "image/jpeg", False, "image", ("jpg", "jpeg")),
        FileFormat("gif", N_("Imagen GIF"), "image/gif", True, "image", ("gif",)),
        FileFormat("webp", N_("Imagen WebP"), "image/webp", True, "image", ("webp",)),
        FileFormat("tif", N_("Imagen TIFF"), "image/tiff", False, "image", ("tif", "tiff")),
        FileFormat("svg", N_("Imagen SVG"), "image/svg+xml", True, "image", ("svg",)),
    ]
}

# Every extension a stored file may end with; a file whose name says
# otherwise is renamed after its content (see ArchiveDocument.prepare_file).
ACCEPTED_EXTENSIONS = sorted({ext for fmt in FORMATS.values() for ext in fmt.extensions})

ACCEPTED_SUMMARY = (
    "Se aceptan PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, CSV, texto plano, subtítulos WebVTT, "
    "imágenes (PNG, JPEG, GIF, WebP, TIFF o SVG sin código) y video (MP4, MOV, WebM, MKV, Ogg o AVI)."
)

OOXML = {
    "word/": "docx",
    "xl/": "xlsx",
    "ppt/": "pptx",
}


class Refused(Exception):
    """A file that is recognised, and refused for what it is."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def _html():
    return Refused(
        "El archivo es una página web (HTML). Archivo Abierto no guarda páginas web porque pueden ejecutar "
        "código al abrirse; guárdala como PDF y súbela de nuevo.",
        "html",
    )


def _executable(what):
    return Refused(
        f"El archivo es un programa ejecutable ({what}). Archivo Abierto no acepta programas ni scripts.",
        "executable",
    )


def _compressed(what):
    return Refused(
        f"El archivo es un archivo comprimido ({what}). Descomprímelo y sube cada documento por separado.",
        "archive",
    )


def _svg_script(what):
    return Refused(
        f"La imagen SVG contiene {what}. Por seguridad no se acepta: expórtala como PNG o como SVG sin "
        "código ni referencias a otros archivos.",
        "svg_script",
    )


def _macros():
    return Refused(
        "El documento contiene macros (código que se ejecuta al abrirlo). Guárdalo sin macros "
        "(como .docx, .xlsx, .pptx u OpenDocument normal, o como PDF) y súbelo de nuevo.",
        "macros",
    )


# Magic numbers of programs and compressed files: what to call them in the refusal.
EXECUTABLES = [
    (b"MZ", "programa de Windows"),
    (b"\x7fELF", "programa de Linux"),
    (b"\xfe\xed\xfa\xce", "programa de macOS"),
    (b"\xfe\xed\xfa\xcf", "programa de macOS"),
    (b"\xce\xfa\xed\xfe", "programa de macOS"),
    (b"\xcf\xfa\xed\xfe", "programa de macOS"),
    (b"\xca\xfe\xba\xbe", "programa de macOS o de Java"),
    (b"\x00asm", "WebAssembly"),
    (b"#!", "script"),
]

COMPRESSED = [
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"MSCF", "CAB"),
]

# ISO base media (MP4 family) brands, read from the ``ftyp`` box.
QUICKTIME_BRANDS = {b"qt  "}
AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
M4V_BRANDS = {b"M4V ", b"M4VH", b"M4VP"}
VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash",
    b"msnv", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"f4v ", b"mmp4", b"XAVC",
}


def _ftyp_format(head):
    size = int.from_bytes(head[0:4], "big")
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, min(max(size, 16), len(head)) - 3, 4)}
    if major in AUDIO_BRANDS:
        return None  # an audio file (its compatible brands would pass it for an MP4)
    if major in QUICKTIME_BRANDS:
        return "mov"
    if major in M4V_BRANDS:
        return "m4v"
    if major in VIDEO_BRANDS or compatible & (VIDEO_BRANDS | M4V_BRANDS):
        return "mp4"
    return None  # audio only (M4A), HEIC/AVIF stills, or something else


def _matroska_format(head):
    # The EBML header names its DocType: "webm" or "matroska".
    if b"webm" in head[:64]:
        return "webm"
    if b"matroska" in head[:64]:
        return "mkv"
    return None


def _ogg_format(head):
    # An Ogg stream is video when its first pages announce a video codec;
    # Vorbis or Opus alone is audio, which the archive does not take.
    return "ogv" if b"\x80theora" in head or b"OVP80" in head else None


# OpenDocument's ``mimetype`` entry is one short line; nothing more of it is read.
MIMETYPE_READ = 256


def _zip_format(fileobj):
    if problem := zip_directory_problem(fileobj):
        raise Refused(problem, "zip_bomb")
    try:
        with zipfile.ZipFile(fileobj) as archive:
            # Before any entry is unpacked: a 600 KB file may declare gigabytes.
            if problem := zip_problem(archive, fileobj.seek(0, 2)):
                raise Refused(problem, "zip_bomb")
            names = archive.namelist()
            lowered = [n.lower() for n in names]
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(MIMETYPE_READ).decode("ascii", "replace").strip()
                for fmt in FORMATS.values():
                    if fmt.mime == mimetype:
                        # OpenDocument keeps Basic macros under Basic/ and other scripts under Scripts/.
                        if any(n.startswith(("basic/", "scripts/")) for n in lowered):
                            raise _macros()
                        return fmt.key
                raise _compressed("ZIP")
            for prefix, key in OOXML.items():
                if any(n.startswith(prefix) for n in names) and "[Content_Types].xml" in names:
                    if any(n.endswith("vbaproject.bin") for n in lowered):
                        raise _macros()
                    return key
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        raise _compressed("ZIP dañado") from None
    raise _compressed("ZIP")


HTML_START = ("<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<title", "<style")
HTML_ANYWHERE = re.compile(r"<(html|script|iframe|body|frameset)\b", re.IGNORECASE)


def _markup_format(text):
    """Classify a text that starts like markup: an SVG image, an HTML page, or other XML."""
    start = re.sub(r"^(\s|<\?xml[^>]*\?>|<!--.*?-->)*", "", text[:4096], flags=re.DOTALL).lower()
    if start.startswith("<svg") or (start.startswith("<!doctype svg") and "<svg" in text[:4096].lower()):
        return _svg_check(text)
    if start.startswith(HTML_START) or HTML_ANYWHERE.search(text[:4096]):
        raise _html()
    return None


SVG_FORBIDDEN_ELEMENTS = {
    "script": "código (un elemento <script>)",
    "foreignobject": "contenido incrustado (<foreignObject>)",
    "iframe": "contenido incrustado (<iframe>)",
    "embed": "contenido incrustado (<embed>)",
    "object": "contenido incrustado (<object>)",
    "handler": "código (un elemento <handler>)",
    "listener": "código (un elemento <listener>)",
}
# Raster images embedded in the file itself are not references to anything else.
SAFE_DATA_URI = re.compile(r"^data:image/(png|jpe?g|gif|webp);", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(java|vb)script:")
WHITESPACE = re.compile(r"\s")
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def _local_name(name):
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _is_external(reference):
    reference = reference.strip()
    return bool(reference) and not reference.startswith("#") and not SAFE_DATA_URI.match(reference)


def _css_problem(css):
    if "@import" in css.lower():
        return "referencias a otros archivos (@import)"
    if any(_is_external(ref) for ref in CSS_URL.findall(css)):
        return "referencias a otros archivos (url() en sus estilos)"
    if SCRIPT_URL.search(WHITESPACE.sub("", css.lower())):
        return "código (un enlace javascript:)"
    return None


def _svg_check(text):
    """Accept an SVG only when it can do nothing but draw itself.

    A blocklist over the parsed tree, on top of serving SVGs only as
    downloads: scripts, event handlers, javascript: links, embedded HTML
    and references to any other resource are refused.
    """
    lowered = text.lower()
    if "<!entity" in lowered or re.search(r"<!doctype[^>]*\[", lowered):
        # Entities can hide anything from the checks below (and expand without bound).
        raise _svg_script("definiciones de entidades XML (<!ENTITY>)")
    if "<?xml-stylesheet" in lowered:
        raise _svg_script("referencias a otros archivos (una hoja de estilo externa)")
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - entities and DTD subsets are refused above
    except ElementTree.ParseError:
        raise Refused(
            "El archivo parece una imagen SVG, pero está dañado: no se pudo leer. Expórtalo de nuevo o súbelo como PNG.",
            "svg_damaged",
        ) from None
    if _local_name(root.tag) != "svg":
        return None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local_name(element.tag)
        if name in SVG_FORBIDDEN_ELEMENTS:
            raise _svg_script(SVG_FORBIDDEN_ELEMENTS[name])
        if name == "style" and (problem := _css_problem(element.text or "")):
            raise _svg_script(problem)
        for attribute, value in element.attrib.items():
            attr = _local_name(attribute)
            if attr.startswith("on"):
                raise _svg_script(f"código (el atributo {attr})")
            # The cheap test first: a drawing has tens of thousands of attributes.
            if "script" in value.lower() and SCRIPT_URL.search(WHITESPACE.sub("", value.lower())):
                raise _svg_script("código (un enlace javascript:)")
            if attr in {"href", "src"} and _is_external(value):
                raise _svg_script("referencias a otros archivos o sitios (un enlace externo)")
            if name in {"animate", "set"} and attr == "attributename" and value.strip().lower().endswith("href"):
                raise _svg_script("código (una animación que cambia un enlace)")
            if attr == "style" and (problem := _css_problem(value)):
                raise _svg_script(problem)
    return "svg"


def _decode_text(head):
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return head[:-3].decode("utf-8")  # a multibyte character cut at the edge
        except UnicodeDecodeError:
            return None


# An SVG is read whole (a script may sit anywhere in it), up to this much.
MAX_MARKUP = 32 * 1024 * 1024


def _text_format(fileobj, head, name):
    text = _decode_text(head)
    if text is None or "\x00" in text:
        return None
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if stripped.startswith("<"):
        fileobj.seek(0)
        whole = fileobj.read(MAX_MARKUP + 1)
        full = _decode_text(whole) if len(whole) <= MAX_MARKUP else None
        if full is None:
            return None
        kind = _markup_format(full.lstrip("\ufeff"))
        if kind or stripped.startswith("<?xml"):
            return kind  # an SVG, or XML of another kind, which the archive does not take
    elif HTML_ANYWHERE.search(stripped[:4096]):
        raise _html()
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return "csv" if extension == "csv" else "txt"


def _sniff(fileobj, head, name):
    """The format key of the content, None when unknown; raise Refused for what is known and refused."""
    if not head:
        raise Refused("El archivo está vacío.", "empty")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(fileobj)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tif"
    if head.startswith(b"RIFF") and head[8:12] in {b"WEBP", b"AVI "}:
        return "webp" if head[8:12] == b"WEBP" else "avi"
    if head[4:8] == b"ftyp":
        return _ftyp_format(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _matroska_format(head)
    if head.startswith(b"OggS"):
        return _ogg_format(head)
    for magic, what in EXECUTABLES:
        if head.startswith(magic):
            raise _executable(what)
    for magic, what in COMPRESSED:
        if head.startswith(magic):
            raise _compressed(what)
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] in {b"1AY&SY", b"\x17rE8P\x90"}:
        raise _compressed("bzip2")
    if head[257:262] == b"ustar":
        raise _compressed("tar")
    return _text_format(fileobj, head, name)


def detect_format(fileobj, name=""):
    """Return the FileFormat of an uploaded file, or raise a ValidationError in Spanish saying why not."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    try:
        key = _sniff(fileobj, head, name)
    except Refused as refusal:
        raise ValidationError(refusal.message, code=refusal.code) from None
    finally:
        fileobj.seek(position)
    if key is None:
        raise ValidationError(
            "Archivo Abierto no acepta este tipo de archivo. " + ACCEPTED_SUMMARY
            + " No se aceptan páginas HTML, programas, archivos comprimidos ni audio sin video.",
            code="unsupported_format",
        )
    return FORMATS[key]
