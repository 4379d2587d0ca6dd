"""unAPI, and each document as Zotero RDF: how Zotero saves a document whole.

Zotero picks one translator per page, the one of best priority that
recognises it: unAPI (300) before COinS (310) and Embedded Metadata (320).
Embedded Metadata reads our <meta> tags, but Highwire cannot say that an
author is an institution: Zotero splits every citation_author into given
and family names, so «Secretaría de la Contraloría General» became a person
whose first name is «Secretaría de la Contraloría». unAPI lets the page
name a record (<abbr class="unapi-id">) and a server (<link
rel="unapi-server">) that offers it in formats; Zotero takes the first it
knows in its own order, and Zotero RDF is the first: its own export format,
which carries all that the item needs. A person is a foaf:Person with
foaf:givenName and foaf:surname; an institution only a foaf:surname, which
Zotero's RDF import keeps as one name (fieldMode 1). Catalogues such as
Koha, Evergreen and EPrints feed Zotero the same way.

The same server offers RIS and BibTeX, the files the document page links.
Only what the public sees is offered: a draft, a private or a withdrawn
document is «not found», as on its page.

unAPI 1.0 (https://web.archive.org/web/2010/http://unapi.info/specs/):
without ``id``, the list of formats; with ``id`` only, the formats of that
record (status 300); with both, the record; an unknown record 404, an
unknown format 406.
"""

from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from archive.pages.models import DocumentPage
from archive.web.canonical import absolute
from archive.web.numbers import whole_number

from .citations import Citation

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
Z = "http://www.zotero.org/namespaces/export#"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
BIB = "http://purl.org/net/biblio#"
FOAF = "http://xmlns.com/foaf/0.1/"
LINK = "http://purl.org/rss/1.0/modules/link/"
NAMESPACES = {"rdf": RDF, "z": Z, "dc": DC, "dcterms": DCTERMS, "bib": BIB, "foaf": FOAF, "link": LINK}

# The property that holds a kind's primary creators, as Zotero's RDF import reads it: a
# presentation has presenters and a video directors, where the other kinds have authors.
CREATOR_PROPERTIES = {"presentation": f"{{{Z}}}presenters", "videoRecording": f"{{{Z}}}directors"}

# Zotero's item types without publisher, archive and «Loc. in Archive» fields (zotero-schema).
WITHOUT_ARCHIVE_FIELDS = {"presentation"}

FORMATS = {
    # name: (content type, documentation, how the record is written)
    "rdf_zotero": ("application/rdf+xml", "https://www.zotero.org/support/dev/data_formats", "zotero_rdf"),
    "ris": ("application/x-research-info-systems", "https://en.wikipedia.org/wiki/RIS_(file_format)", "ris"),
    "bibtex": ("application/x-bibtex", "https://www.bibtex.org/Format/", "bibtex"),
}


def _sub(parent, tag, text=None, **attributes):
    namespace, name = tag.split(":")
    element = ET.SubElement(parent, f"{{{NAMESPACES[namespace]}}}{name}",
                            {f"{{{RDF}}}{key}": value for key, value in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _uri(parent, tag, url):
    """dc:identifier as Zotero writes a URL: a dcterms:URI whose rdf:value is the address."""
    _sub(_sub(_sub(parent, tag), "dcterms:URI"), "rdf:value", url)


def _people(item, prop, creators):
    """creators (citations.Creator) as Zotero RDF's sequence of foaf:Person under ``prop``."""
    if not creators:
        return
    sequence = _sub(ET.SubElement(item, prop), "rdf:Seq")
    for creator in creators:
        person = _sub(_sub(sequence, "rdf:li"), "foaf:Person")
        # An institution is a surname alone: Zotero keeps it as one name.
        _sub(person, "foaf:surname", creator.family or creator.name)
        if creator.family and creator.given:
            _sub(person, "foaf:givenName", creator.given)


def zotero_rdf(page, request):
    """The document as Zotero RDF (bytes): what Zotero's RDF import makes its item from."""
    citation = Citation(page)
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(f"{{{RDF}}}RDF")
    item = _sub(root, "rdf:Description", about=citation.url or f"#documento-{page.pk}")
    _sub(item, "z:itemType", page.zotero_type)
    _sub(item, "dc:title", citation.title)
    _people(item, CREATOR_PROPERTIES.get(page.zotero_type, f"{{{BIB}}}authors"), citation.creators)
    if page.zotero_type == "letter":
        _people(item, f"{{{Z}}}recipients", Citation.creators_of(page.recipients))
    publisher = page.publisher_name
    if page.date_iso:
        _sub(item, "dc:date", page.date_iso)
    if page.zotero_type in WITHOUT_ARCHIVE_FIELDS:
        # Zotero drops fields its type lacks, but reads CSL variables from «Extra» (dc:description in its
        # RDF), so a citation of the presentation still names its publisher, archive and reference code.
        extra = [("publisher", publisher), ("archive", citation.archive_name), ("archive_location", page.reference_code)]
        _sub(item, "dc:description", "\n".join(f"{name}: {value}" for name, value in extra if value))
    else:
        if publisher:
            _sub(_sub(_sub(item, "dc:publisher"), "foaf:Organization"), "foaf:name", publisher)
        _sub(item, "z:archive", citation.archive_name)
        if page.reference_code:
            # The archive's code is the place in the archive («Loc. in Archive»), not a report's own number.
            _sub(item, "dc:coverage", page.reference_code)
    if citation.url:
        _uri(item, "dc:identifier", citation.url)
    _sub(item, "dc:language", page.language)
    if page.summary:
        _sub(item, "dcterms:abstract", page.summary.strip())
    if page.licence != "unknown":
        _sub(item, "dc:rights", page.get_licence_display())
    pdf = page.first_pdf
    if pdf is not None:
        _sub(item, "link:link", resource="#pdf")
        attachment = _sub(root, "z:Attachment", about="#pdf")
        _sub(attachment, "z:itemType", "attachment")
        _sub(attachment, "dc:title", "PDF")
        _uri(attachment, "dc:identifier", absolute(pdf.url, request))
        _sub(attachment, "link:type", "application/pdf")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _formats(record_id=None):
    root = ET.Element("formats", {"id": record_id} if record_id is not None else {})
    for name, (content_type, docs, _method) in FORMATS.items():
        ET.SubElement(root, "format", {"name": name, "type": content_type, "docs": docs})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _xml(body, status=200):
    return HttpResponse(body, content_type="application/xml; charset=utf-8", status=status)


def _text(message, status):
    return HttpResponse(message + "\n", content_type="text/plain; charset=utf-8", status=status)


@require_GET
def unapi(request):
    record_id, fmt = request.GET.get("id"), request.GET.get("format")
    if record_id is None:
        if fmt is not None:
            return _text("Falta el identificador (id) del documento.", 400)
        return _xml(_formats())
    number = whole_number(record_id)
    page = DocumentPage.objects.visible().filter(pk=number).first() if number is not None else None
    if page is None:
        return _text("No hay ningún documento público con ese identificador.", 404)
    if fmt is None:
        return _xml(_formats(record_id), status=300)
    if fmt not in FORMATS:
        return _text(f"No ofrecemos ese formato; los que hay: {', '.join(FORMATS)}.", 406)
    page = page.specific
    content_type, _docs, method = FORMATS[fmt]
    if method == "zotero_rdf":
        body = zotero_rdf(page, request)
    else:
        body = getattr(Citation(page), method)()
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
