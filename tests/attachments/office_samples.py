"""Office documents as their programs write them, reduced to what the archive
reads: the parts, relationships and elements of DOCX, PPTX, XLSX, ODT, ODP
and ODS, built in memory."""

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def png_preview(width=256, height=362):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_preview(width=256, height=192):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 30, 200)).save(out, format="JPEG")
    return out.getvalue()


def with_part(package, name, content):
    """The package with its part ``name`` added (or replaced)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info, source.read(info))
        archive.writestr(name, content)
    return out.getvalue()


def _zip(parts, stored_first=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1], compress_type=zipfile.ZIP_STORED)
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _rels(*relations):
    body = "".join(f'<Relationship Id="{rid}" Type="{DOC_REL}/{kind}" Target="{target}"/>' for rid, kind, target in relations)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">{body}</Relationships>'


def _root_rels(main, thumbnail=None):
    relations = [("rId1", "officeDocument", main)]
    body = "".join(f'<Relationship Id="{rid}" Type="{DOC_REL}/{kind}" Target="{target}"/>' for rid, kind, target in relations)
    if thumbnail:
        body += ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" '
                 f'Target="{thumbnail}"/>')
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">{body}</Relationships>'


def _content_types(main, kind, overrides=()):
    """What Office declares for the parts; LibreOffice opens no package without it."""
    base = "application/vnd.openxmlformats-officedocument."
    listed = "".join(f'<Override PartName="{name}" ContentType="{base}{what}"/>' for name, what in [(main, kind), *overrides])
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
            f"{listed}</Types>")


def _core(title):
    return ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title></cp:coreProperties>')


def docx(pages, title="", declared_pages=None, thumbnail=True, break_before=False, header=None, footer=None):
    """A DOCX: each item of ``pages`` a list of paragraphs; pages are separated by a page-break run
    (or, with ``break_before``, by a paragraph that starts a page). ``header`` and ``footer``: the
    paragraphs of the section's header and footer parts."""
    body = []
    for number, paragraphs in enumerate(pages):
        for index, text in enumerate(paragraphs):
            starts = number and index == 0
            props = "<w:pPr><w:pageBreakBefore/></w:pPr>" if starts and break_before else ""
            brk = '<w:r><w:br w:type="page"/></w:r>' if starts and not break_before else ""
            body.append(f'<w:p>{props}{brk}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    margins = [(f"rId{10 + i}", kind, f"{kind}1.xml", paragraphs)
               for i, (kind, paragraphs) in enumerate([("header", header), ("footer", footer)]) if paragraphs]
    references = "".join(f'<w:{kind}Reference w:type="default" r:id="{rid}"/>' for rid, kind, _name, _p in margins)
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
                f'{"".join(body)}<w:sectPr>{references}</w:sectPr></w:body></w:document>')
    parts = {
        "[Content_Types].xml": _content_types("/word/document.xml", "wordprocessingml.document.main+xml"),
        "_rels/.rels": _root_rels("word/document.xml", "docProps/thumbnail.jpeg" if thumbnail else None),
        "word/document.xml": document,
        "docProps/core.xml": _core(title),
    }
    for _rid, kind, name, paragraphs in margins:
        tag = "hdr" if kind == "header" else "ftr"
        parts[f"word/{name}"] = (f'<?xml version="1.0" encoding="UTF-8"?><w:{tag} xmlns:w="{W_NS}">'
                                 + "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
                                 + f"</w:{tag}>")
    if margins:
        parts["word/_rels/document.xml.rels"] = _rels(*[(rid, kind, name) for rid, kind, name, _p in margins])
    if declared_pages:
        parts["docProps/app.xml"] = ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                                     f'officeDocument/2006/extended-properties"><Pages>{declared_pages}</Pages></Properties>')
    if thumbnail:
        parts["docProps/thumbnail.jpeg"] = jpeg_preview()
    return _zip(parts)


def _slide(paragraphs):
    shapes = "".join(f"<a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p>" for text in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="{P_NS}" xmlns:a="{A_NS}"><p:cSld><p:spTree>'
            '<p:sp><p:spPr><a:xfrm><a:off x="457200" y="457200"/><a:ext cx="8229600" cy="1600200"/></a:xfrm></p:spPr>'
            f"<p:txBody>{shapes}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>")


def pptx(slides, notes=None, title="", thumbnail=True):
    """A PPTX of ``slides`` (lists of paragraphs), listed in presentation.xml in reverse file order, as
    PowerPoint leaves a deck whose slides were moved; ``notes`` {slide index: text} are speaker notes."""
    notes = notes or {}
    count = len(slides)
    files = [f"ppt/slides/slide{count - i}.xml" for i in range(count)]  # slide 1 of the deck is the last file
    ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(count))
    parts = {
        "[Content_Types].xml": _content_types("/ppt/presentation.xml", "presentationml.presentation.main+xml", [
            (f"/{name}", "presentationml.slide+xml") for name in files]),
        "_rels/.rels": _root_rels("ppt/presentation.xml", "docProps/thumbnail.jpeg" if thumbnail else None),
        "ppt/presentation.xml": (f'<?xml version="1.0"?><p:presentation xmlns:p="{P_NS}" xmlns:r="{R_NS}">'
                                 f"<p:sldIdLst>{ids}</p:sldIdLst>"
                                 '<p:sldSz cx="9144000" cy="6858000"/></p:presentation>'),
        "ppt/_rels/presentation.xml.rels": _rels(*[(f"rId{i + 1}", "slide", f"slides/{files[i].rsplit('/', 1)[1]}")
                                                    for i in range(count)]),
        "docProps/core.xml": _core(title),
    }
    for i, paragraphs in enumerate(slides):
        parts[files[i]] = _slide(paragraphs)
        if i in notes:
            name = f"notesSlide{i + 1}.xml"
            parts[f"ppt/notesSlides/{name}"] = _slide([notes[i]]).replace("p:sld ", "p:notes ").replace("</p:sld>", "</p:notes>")
            parts[f"ppt/slides/_rels/{files[i].rsplit('/', 1)[1]}.rels"] = _rels(("rId2", "notesSlide", f"../notesSlides/{name}"))
    if thumbnail:
        parts["docProps/thumbnail.jpeg"] = jpeg_preview()
    return _zip(parts)


def xlsx(sheets):
    """An XLSX: ``sheets`` {name: rows}, strings shared as Excel shares them."""
    shared, index = [], {}
    sheet_parts = {}
    for number, rows in enumerate(sheets.values(), start=1):
        xml_rows = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{chr(65 + c)}{r}"
                if isinstance(value, str):
                    if value not in index:
                        index[value] = len(shared)
                        shared.append(value)
                    cells.append(f'<c r="{ref}" t="s"><v>{index[value]}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheet_parts[f"xl/worksheets/sheet{number}.xml"] = (
            f'<?xml version="1.0"?><worksheet xmlns="{S_NS}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>')
    names = "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, start=1))
    relations = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(sheets) + 1)]
    relations.append(("rId99", "sharedStrings", "sharedStrings.xml"))
    strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
    return _zip({
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": _root_rels("xl/workbook.xml"),
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{S_NS}" xmlns:r="{R_NS}"><sheets>{names}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": _rels(*relations),
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{S_NS}">{strings}</sst>',
        **sheet_parts,
    })


def _odf(mime, body, styles="", meta="", thumbnail=True, title="", master=""):
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
               f"<office:automatic-styles>{styles}</office:automatic-styles><office:body>{body}</office:body>"
               "</office:document-content>")
    parts = {
        "content.xml": content,
        "meta.xml": (f'<?xml version="1.0"?><office:document-meta {ODF_NS}><office:meta>'
                     f"<dc:title>{escape(title)}</dc:title>{meta}</office:meta></office:document-meta>"),
        "styles.xml": (f'<?xml version="1.0"?><office:document-styles {ODF_NS}><office:master-styles>'
                       f'<style:master-page style:name="Standard">{master}</style:master-page>'
                       "</office:master-styles></office:document-styles>"),
    }
    if thumbnail:
        parts["Thumbnails/thumbnail.png"] = png_preview()
    listed = "".join(f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
                     for name in parts if name.endswith(".xml"))
    parts["META-INF/manifest.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>{listed}</manifest:manifest>')
    return _zip(parts, stored_first=("mimetype", mime))


def odt(pages, title="", declared_pages=None, thumbnail=True, image=None, header=None, footer=None):
    """An ODT: each page's first paragraph has an automatic style that breaks the page before it;
    ``image`` the address of a picture in a frame on the first page; ``header`` and ``footer`` the
    paragraphs of its master page's."""
    styles = ('<style:style style:name="P1" style:family="paragraph">'
              '<style:paragraph-properties fo:break-before="page"/></style:style>')
    body = []
    for number, paragraphs in enumerate(pages):
        for index, text in enumerate(paragraphs):
            style = ' text:style-name="P1"' if number and index == 0 else ""
            # Two spaces are written as a space and <text:s/>, as LibreOffice does.
            body.append(f"<text:p{style}>{escape(text).replace('  ', ' <text:s/>')}</text:p>")
    if image:
        body.insert(0, f'<text:p><draw:frame svg:width="2cm" svg:height="1cm"><draw:image xlink:href="{escape(image)}" '
                       'xlink:type="simple"/></draw:frame></text:p>')
    meta = f'<meta:document-statistic meta:page-count="{declared_pages}"/>' if declared_pages else ""
    master = "".join(f"<style:{kind}>" + "".join(f"<text:p>{escape(text)}</text:p>" for text in paragraphs) + f"</style:{kind}>"
                     for kind, paragraphs in (("header", header), ("footer", footer)) if paragraphs)
    return _odf("application/vnd.oasis.opendocument.text", f"<office:text>{''.join(body)}</office:text>", styles, meta,
                thumbnail, title, master)


def odp(slides, thumbnail=True):
    pages = "".join(
        f'<draw:page draw:name="p{i}"><draw:frame><draw:text-box>'
        + "".join(f"<text:p>{escape(text)}</text:p>" for text in paragraphs)
        + "</draw:text-box></draw:frame></draw:page>"
        for i, paragraphs in enumerate(slides, start=1)
    )
    return _odf("application/vnd.oasis.opendocument.presentation", f"<office:presentation>{pages}</office:presentation>",
                thumbnail=thumbnail)


def ods(sheets):
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(f"<table:table-cell><text:p>{escape(str(v))}</text:p></table:table-cell>" for v in row)
                  + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    return _odf("application/vnd.oasis.opendocument.spreadsheet", f"<office:spreadsheet>{tables}</office:spreadsheet>",
                thumbnail=False)
