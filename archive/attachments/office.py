"""What the archive reads from office files: the text of ODT, ODP, DOCX and
PPTX (and the cells of ODS and XLSX), per page, slide or sheet; the page
count they declare; the thumbnail they carry.

Read with zipfile and defusedxml's iterparse, not python-docx, python-pptx,
openpyxl or odfpy: the text is a handful of elements (w:t, a:t, text:p) in
one or a few XML parts, and a streaming parse keeps memory flat whatever the
part's size, where those libraries build the whole tree of every part (and
odfpy the whole document) and read only their own half of the formats.
defusedxml refuses DTDs and entities (billion laughs) and the ZIP is
judged before anything is unpacked (limits.zip_problem).

Pages: one per slide (ODP, PPTX) and per sheet (ODS, XLSX); a DOCX or ODT
is cut at its explicit page breaks (a page-break run, a paragraph that
starts a page), else it is one page; its headers and footers, which repeat
on every page, are read once, around the first page's text. The page count a word processor
stores (docProps/app.xml, meta.xml) is the document's, not the number of
text pages. Nothing here touches the database, and nothing raises on a bad
file: it is stored, marked «dañado» with the reason.
"""

import io
import logging
import posixpath
import zipfile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from archive.spanish import whole

from .limits import (
    Deadline,
    LimitExceeded,
    human_size,
    max_pages,
    max_pixels,
    max_text_chars,
    max_unzipped,
    max_xml_part,
    max_zip_entries,
    zip_directory_problem,
    zip_problem,
)
from .pdf import THUMBNAIL_MAX_HEIGHT, THUMBNAIL_WIDTH, FileFacts, TextStatus, Thumbnail, real_title

logger = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

# An embedded preview is a few hundred pixels wide; a bigger one is not decoded.
PREVIEW_PIXELS = 10_000_000
OFFICE_FORMATS = {"odt", "odp", "ods", "docx", "pptx", "xlsx"}
SLIDE_FORMATS = {"odp", "pptx"}
# How often (in elements) a parse looks at the clock.
CLOCK_EVERY = 5_000


class Unreadable(Exception):
    """Not a readable document of its kind; ``message`` says so in Spanish."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def damaged_note():
    return _("El documento está dañado; su texto no se indexa.")


def empty_note():
    return _("El documento no tiene texto; nada que indexar.")


class Pages:
    """Text accumulated page by page, within the bounds on pages and characters."""

    def __init__(self, deadline):
        self.done, self.current, self.chars, self.elements = [], [], 0, 0
        self.deadline, self.max_chars, self.max_pages = deadline, max_text_chars(), max_pages()
        # Headers and footers (a letterhead, an oficio's number) repeat on every page: indexed once, on the first.
        self.headers, self.footers = [], []

    def count(self, text):
        self.chars += len(text)
        if self.chars > self.max_chars:
            raise LimitExceeded(_("El documento tiene más de %(limit)s millones de caracteres de texto; su texto no "
                                  "se indexa.") % {"limit": self.max_chars // 1_000_000})

    def add(self, text):
        if not text:
            return
        self.count(text)
        self.current.append(text)

    def margin(self, text, header):
        """A header's or footer's text; the same one on several pages or sections is kept once."""
        text = text.strip()
        where = self.headers if header else self.footers
        if text and text not in where:
            self.count(text)
            where.append(text)

    def tick(self):
        self.elements += 1
        if self.elements % CLOCK_EVERY == 0:
            self.deadline.check()

    def new_page(self):
        self.done.append("\n".join(self.current).strip())
        self.current = []
        if len(self.done) > self.max_pages:
            raise LimitExceeded(_("El documento tiene más de %(limit)s páginas o diapositivas; su texto no se "
                                  "indexa.") % {"limit": self.max_pages})
        self.deadline.check()

    def finish(self):
        if self.current or not self.done:
            self.new_page()
        if self.headers or self.footers:
            self.done[0] = "\n".join([*self.headers, self.done[0], *self.footers]).strip()
        return self.done


def _margin_text(paragraphs):
    """The text of a header or footer from its paragraphs (a page break there means nothing)."""
    return "\n".join(text for text in paragraphs if text)


class Package:
    """A ZIP package whose parts are read within the bounds (declared sizes checked before any is opened)."""

    def __init__(self, data):
        stream = io.BytesIO(data)
        too_many = zip_directory_problem(stream)
        try:
            self.zip = None if too_many else zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise Unreadable(damaged_note()) from None
        if too_many or zip_problem(self.zip, len(data)):
            # Stored before the upload refused such files (or imported): said as a note, not a refusal.
            raise LimitExceeded(_("El documento se descomprime a más de %(limit)s o tiene más de %(entries)s partes "
                                  "internas (puede ser una «bomba de descompresión»); su texto no se indexa.") % {
                "limit": human_size(max_unzipped()), "entries": whole(max_zip_entries())})
        self.names = set(self.zip.namelist())

    def has(self, name):
        return name in self.names

    def open(self, name):
        try:
            return self.zip.open(name)
        except (KeyError, zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
            raise Unreadable(damaged_note()) from None

    def read(self, name, limit=16 * 1024 * 1024):
        """A small part (metadata, relationships, a thumbnail) whole; None when absent or larger than ``limit``."""
        if name not in self.names or self.zip.getinfo(name).file_size > limit:
            return None
        with self.open(name) as part:
            return part.read(limit + 1)[:limit]

    def events(self, name, events=("end",)):
        """iterparse over a part, entities and DTDs refused; a damaged part is Unreadable."""
        size = self.zip.getinfo(name).file_size
        if size > max_xml_part():
            # ElementTree keeps a text node whole (400 MB of «a» in one run took 800 MB): too big is not read.
            raise LimitExceeded(_("Una parte del documento («%(part)s») ocupa %(size)s sin comprimir; el máximo que "
                                  "se lee es %(limit)s. Su texto no se indexa.") % {
                "part": name[:60], "size": human_size(size), "limit": human_size(max_xml_part())})
        with self.open(name) as part:
            try:
                yield from iterparse(part, events=events, forbid_dtd=True)
            except (SyntaxError, DefusedXmlException, zipfile.BadZipFile, EOFError, OSError, ValueError):
                # ElementTree.ParseError is a SyntaxError; a CRC error is a BadZipFile.
                raise Unreadable(damaged_note()) from None

    def stream(self, name, units):
        """(event, element) of a part, at starts and ends. An element that has ended outside every ``units``
        element (paragraphs, rows: what the caller reads whole) is dropped from its parent once the caller
        has seen it, so memory stays flat however many million elements the part holds."""
        open_elements, inside = [], 0
        for event, element in self.events(name, events=("start", "end")):
            if event == "start":
                open_elements.append(element)
                inside += element.tag in units
                yield event, element
                continue
            open_elements.pop()
            inside -= element.tag in units
            yield event, element
            if not inside and open_elements:
                # It is its parent's last child (earlier ones are gone): removing it costs nothing.
                open_elements[-1].remove(element)

    def relationships(self, part):
        """{rId: (type, absolute target)} of an OOXML part (from its _rels/<name>.rels)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        result = {}
        if not self.has(rels):
            return result
        for _event, element in self.events(rels):
            if element.tag == REL + "Relationship" and element.get("TargetMode") != "External":
                target = element.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                result[element.get("Id")] = (element.get("Type", ""), target)
        return result


def _flag(value):
    return (value or "true").lower() not in {"0", "false", "off"}


# --- OOXML ---------------------------------------------------------------


def _ooxml_runs(element, pages):
    """The text of a w:p or a:p, in order; a page-break run starts a new page."""
    pieces = []

    def walk(node):
        tag = node.tag
        if tag == MC + "Fallback":
            return  # the same content as its mc:Choice, for older programs
        if tag in (W + "t", A + "t"):
            pieces.append(node.text or "")
        elif tag in (W + "tab", A + "tab"):
            pieces.append("\t")
        elif tag == W + "br":
            if node.get(W + "type") == "page":
                pages.add("".join(pieces))
                pieces.clear()
                pages.new_page()
            else:
                pieces.append("\n")
        elif tag in (W + "cr", A + "br"):
            pieces.append("\n")
        elif tag in (W + "p", A + "p") and node is not element:
            pieces.append("\n")  # a paragraph in a text box inside this one
        for child in node:
            walk(child)

    walk(element)
    return "".join(pieces)


def _paragraphs(package, part, tag, pages):
    """Feed ``pages`` the outermost paragraphs (``tag``) of a part, breaking pages where the document says."""
    depth = 0
    for event, element in package.stream(part, {tag}):
        pages.tick()
        if element.tag != tag:
            continue
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth:
            continue
        properties = element.find(W + "pPr")
        if properties is not None:
            before = properties.find(W + "pageBreakBefore")
            if before is not None and _flag(before.get(W + "val")) and (pages.current or pages.done):
                pages.new_page()
        pages.add(_ooxml_runs(element, pages))


def _metadata(data):
    """The elements of a small metadata part; none when it is absent or unreadable (metadata is a courtesy)."""
    if not data:
        return
    try:
        for _event, element in iterparse(io.BytesIO(data), forbid_dtd=True):
            yield element
    except (SyntaxError, DefusedXmlException, ValueError):
        return


def _core_title(package):
    for name in ("docProps/core.xml", "meta.xml"):
        for element in _metadata(package.read(name)):
            if element.tag == DC + "title":
                return real_title(element.text or "")
    return ""


def _ooxml_thumbnail(package):
    for kind, target in package.relationships("").values():
        if kind.endswith("/metadata/thumbnail"):
            return thumbnail_from(package.read(target))
    return None


def _main_part(package, default):
    """The OOXML package's main part, as its root relationships name it (else where Office puts it)."""
    main = next((target for kind, target in package.relationships("").values() if kind.endswith("/officeDocument")),
                default)
    if not package.has(main):
        raise Unreadable(damaged_note())
    return main


def read_docx(package, pages, progress):
    main = _main_part(package, "word/document.xml")
    _paragraphs(package, main, W + "p", pages)
    # Every header and footer the document's sections use (first page, even pages, default), in file order.
    for kind, target in sorted(package.relationships(main).values(), key=lambda rel: rel[1]):
        if (kind.endswith("/header") or kind.endswith("/footer")) and package.has(target):
            margin = Pages(pages.deadline)
            _paragraphs(package, target, W + "p", margin)
            pages.margin(_margin_text(margin.finish()), header=kind.endswith("/header"))
    for element in _metadata(package.read("docProps/app.xml")):
        if element.tag == EP + "Pages" and (element.text or "").strip().isdecimal():
            return int(element.text.strip()) or None
    return None


def _presentation_parts(package, main):
    """The slides of a PPTX in their order (presentation.xml's list, not the file names)."""
    rels = package.relationships(main)
    slides = []
    for event, element in package.stream(main, set()):
        if event == "end" and element.tag == P + "sldId":
            kind, target = rels.get(element.get(R + "id"), ("", ""))
            if kind.endswith("/slide") and package.has(target):
                slides.append(target)
                if len(slides) > max_pages():
                    break
    return slides


def read_pptx(package, pages, progress):
    main = _main_part(package, "ppt/presentation.xml")
    slides = _presentation_parts(package, main)
    if len(slides) > max_pages():
        raise LimitExceeded(_("La presentación tiene más de %(limit)s diapositivas, el máximo que se lee; su texto no "
                              "se indexa.") % {"limit": whole(max_pages())})
    for number, slide in enumerate(slides, start=1):
        _paragraphs(package, slide, A + "p", pages)
        # The speaker's notes belong to their slide: a phrase said there finds it.
        for kind, target in package.relationships(slide).values():
            if kind.endswith("/notesSlide") and package.has(target):
                _paragraphs(package, target, A + "p", pages)
        pages.new_page()
        if progress:
            progress(_("texto, diapositiva %(done)s de %(total)s") % {"done": number, "total": len(slides)})
    return len(slides)


def read_xlsx(package, pages, progress):
    main = _main_part(package, "xl/workbook.xml")
    rels = package.relationships(main)
    shared = []
    for kind, target in rels.values():
        if kind.endswith("/sharedStrings") and package.has(target):
            for event, element in package.stream(target, {S + "si"}):
                pages.tick()
                if event == "end" and element.tag == S + "si":
                    shared.append("".join(t.text or "" for t in element.iter(S + "t")))
                    if len(shared) > 5_000_000:
                        raise LimitExceeded(_("La hoja de cálculo tiene demasiados textos distintos; su texto no se indexa."))
    sheets = []
    for event, element in package.stream(main, set()):
        if event == "end" and element.tag == S + "sheet":
            kind, target = rels.get(element.get(R + "id"), ("", ""))
            if kind.endswith("/worksheet") and package.has(target):
                sheets.append(target)
    for sheet in sheets:
        for event, element in package.stream(sheet, {S + "row"}):
            pages.tick()
            if event == "end" and element.tag == S + "row":
                row = [_cell_text(cell, shared) for cell in element.iter(S + "c")]
                pages.add("\t".join(cell for cell in row if cell.strip()))
        pages.new_page()
    return None


def _cell_text(cell, shared):
    """A cell's text: a shared string, an inline string or a formula's text; numbers and dates are not words."""
    kind, value = cell.get("t"), cell.find(S + "v")
    if kind == "s" and value is not None and (value.text or "").strip().isdecimal():
        index = int(value.text)
        return shared[index] if index < len(shared) else ""
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(S + "t"))
    if kind == "str" and value is not None:
        return value.text or ""
    return ""


# --- OpenDocument -----------------------------------------------------------


def _odf_text(element):
    """The text of a text:p or text:h with its spaces, tabs and line breaks (ODF writes «a  b» as a<text:s/>b)."""
    pieces = []

    def walk(node, top):
        tag = node.tag
        if tag == TEXT + "s":
            count = node.get(TEXT + "c", "1")
            pieces.append(" " * min(int(count) if count.isdecimal() else 1, 100))
        elif tag == TEXT + "tab":
            pieces.append("\t")
        elif tag == TEXT + "line-break":
            pieces.append("\n")
        elif tag in (TEXT + "p", TEXT + "h") and not top:
            pieces.append("\n")
        if node.text and tag not in (TEXT + "s", TEXT + "tab", TEXT + "line-break"):
            pieces.append(node.text)
        for child in node:
            walk(child, False)
            if child.tail:
                pieces.append(child.tail)

    walk(element, True)
    return "".join(pieces)


def _page_break_styles(package, part, before, after):
    """Add to ``before``/``after`` the paragraph styles of ``part`` that start or end a page."""
    parents = {}
    for event, element in package.stream(part, {STYLE + "style"}):
        if element.tag == OFFICE + "body":
            break  # styles come first; the text is read once, by read_odf
        if event == "end" and element.tag == STYLE + "style":
            name = element.get(STYLE + "name")
            properties = element.find(STYLE + "paragraph-properties")
            if properties is not None:
                if properties.get(FO + "break-before") == "page":
                    before.add(name)
                if properties.get(FO + "break-after") == "page":
                    after.add(name)
            if parent := element.get(STYLE + "parent-style-name"):
                parents[name] = parent
    # An automatic style inherits the break of the named style it derives from.
    for name, parent in parents.items():
        if parent in before:
            before.add(name)
        if parent in after:
            after.add(name)


ODF_MARGINS = {STYLE + name: name.startswith("header") for name in
               ("header", "header-left", "header-first", "footer", "footer-left", "footer-first")}


def _odf_margins(package, pages):
    """The headers and footers of an ODT's master pages (styles.xml) into ``pages``."""
    inside, paragraphs, depth = None, [], 0
    for event, element in package.stream("styles.xml", {TEXT + "p", TEXT + "h"}):
        pages.tick()
        if element.tag in ODF_MARGINS:
            if event == "start":
                inside, paragraphs = element.tag, []
            else:
                pages.margin(_margin_text(paragraphs), header=ODF_MARGINS[element.tag])
                inside = None
        elif element.tag in (TEXT + "p", TEXT + "h"):
            depth += 1 if event == "start" else -1
            if inside and event == "end" and not depth:  # a paragraph in a frame is read with its outer one
                paragraphs.append(_odf_text(element))


def read_odf(package, pages, progress, kind):
    if not package.has("content.xml"):
        raise Unreadable(damaged_note())
    before, after = set(), set()
    if kind == "odt":
        if package.has("styles.xml"):
            _page_break_styles(package, "styles.xml", before, after)
        _page_break_styles(package, "content.xml", before, after)
    # One page per slide or per sheet; nested tables (in a cell) are not sheets.
    container = {"odp": DRAW + "page", "ods": TABLE + "table"}.get(kind)
    paragraph_depth = container_depth = slides = 0
    for event, element in package.stream("content.xml", {TEXT + "p", TEXT + "h"}):
        pages.tick()
        tag = element.tag
        if tag == container:
            if event == "start":
                container_depth += 1
            else:
                container_depth -= 1
                if not container_depth:
                    pages.new_page()
                    slides += 1
                    if progress and kind == "odp":
                        progress(_("texto, diapositiva %(done)s") % {"done": slides})
            continue
        if tag not in (TEXT + "p", TEXT + "h"):
            continue
        if event == "start":
            paragraph_depth += 1
            continue
        paragraph_depth -= 1
        if paragraph_depth:
            continue
        style = element.get(TEXT + "style-name")
        if style in before and (pages.current or pages.done):
            pages.new_page()
        pages.add(_odf_text(element))
        if style in after:
            pages.new_page()
    if kind == "odp":
        return slides
    if kind == "odt":
        if package.has("styles.xml"):
            _odf_margins(package, pages)
        for element in _metadata(package.read("meta.xml")):
            if element.tag == META + "document-statistic":
                count = element.get(META + "page-count", "")
                return int(count) or None if count.isdecimal() else None
    return None


# --- Pictures and titles ------------------------------------------------------


def thumbnail_from(data):
    """A Thumbnail from an embedded PNG or JPEG preview (within the pixel bound), or None."""
    if not data:
        return None
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
            width, height = image.size
            if width <= 0 or height <= 0 or width * height > min(max_pixels(), PREVIEW_PIXELS):
                return None
            image.draft("RGB", (THUMBNAIL_WIDTH, THUMBNAIL_MAX_HEIGHT))  # JPEG decodes at a fraction of its size
            picture = image.convert("RGB")
        picture.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_MAX_HEIGHT))
        out = io.BytesIO()
        picture.save(out, format="WEBP", quality=80, method=4)
        return Thumbnail(out.getvalue(), *picture.size)
    except Exception as exc:  # noqa: BLE001 - a preview Pillow cannot draw means no thumbnail, not an error
        logger.info("Office thumbnail unreadable: %s", exc)
        return None


READERS = {
    "docx": read_docx,
    "pptx": read_pptx,
    "xlsx": read_xlsx,
    "odt": lambda package, pages, progress: read_odf(package, pages, progress, "odt"),
    "odp": lambda package, pages, progress: read_odf(package, pages, progress, "odp"),
    "ods": lambda package, pages, progress: read_odf(package, pages, progress, "ods"),
}


def read_office(data, kind, progress=None, deadline=None):
    """Everything the archive records about an office file, as FileFacts. Never raises on a bad file."""
    deadline = deadline or Deadline()
    try:
        package = Package(data)
        pages = Pages(deadline)
        page_count = READERS[kind](package, pages, progress)
        texts = pages.finish()
        while kind in {"docx", "odt"} and len(texts) > 1 and not texts[-1]:
            texts.pop()  # a break after the last paragraph opens a page with nothing on it
        thumbnail = package.read("Thumbnails/thumbnail.png") if kind.startswith("od") else None
        facts = FileFacts(
            status=TextStatus.EXTRACTED if any(texts) else TextStatus.EMPTY,
            pages=texts if any(texts) else [],
            note="" if any(texts) else empty_note(),
            page_count=page_count,
            thumbnail=thumbnail_from(thumbnail) if kind.startswith("od") else _ooxml_thumbnail(package),
            title=_core_title(package),
        )
    except (Unreadable, LimitExceeded) as exc:
        logger.warning("Office file not read: %s", exc.message)
        return FileFacts(status=TextStatus.DAMAGED, note=exc.message[:255])
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, RecursionError, SyntaxError,
            DefusedXmlException) as exc:
        logger.warning("Office file damaged: %s", exc)
        return FileFacts(status=TextStatus.DAMAGED, note=damaged_note())
    return facts


class OfficeText:
    """The reading's step (steps.py) for office files: text per page, page count, embedded thumbnail, title."""

    def applies(self, document):
        return document.format_key in OFFICE_FORMATS

    def run(self, reading):
        document = reading.document
        reading.report(_("texto del documento"))
        facts = read_office(reading.data, document.format_key, progress=reading.report)
        document.text_status, document.text_pages, document.text_note = facts.status, facts.pages, facts.note
        document.page_count = facts.page_count
        reading.thumbnail, reading.title = facts.thumbnail, facts.title
