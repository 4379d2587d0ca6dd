"""Zotero saves a document through unAPI, as its «unAPI» translator and its
RDF import do (zotero/translators, «unAPI.js» and «RDF.js»), restated here
for what our pages reach:

* unAPI.js (priority 300, so it runs before Embedded Metadata's 320) finds
  <link rel="unapi-server"> and each <abbr class="unapi-id" title>; asks the
  server for its formats and takes the first it knows in its own order
  (rdf_zotero, rdf_bibliontology, marc, unimarc, marcxml, mods, ris, refer,
  bibtex, rdf_dc); fetches ``?id=…&format=…`` and imports it;
* RDF.js: the type is z:itemType; creators come from bib:authors (z:presenters
  for a presentation, z:directors for a video), each foaf:Person with
  foaf:surname and foaf:givenName, and one without a given name is kept as
  one name (fieldMode 1); z:recipients a letter's recipients;
  dc:publisher's foaf:Organization/foaf:name is the publisher and the
  institution; dc:description is «Extra» in Zotero RDF; dc:coverage the
  place in the archive; dc:identifier's dcterms:URI the URL; any other z:
  property the field of its name (z:archive); link:link to a z:Attachment
  whose dc:identifier is its URL and link:type its MIME type.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from archive.pages.models import LetterPage, MinutesPage, PresentationPage, ReportPage, VideoPage
from tests.factories import make_actor, make_captions, make_document, make_file, make_video_file, minimal_pdf

pytestmark = pytest.mark.django_db

RECOGNIZABLE_FORMATS = ["rdf_zotero", "rdf_bibliontology", "marc", "unimarc", "marcxml", "mods", "ris", "refer",
                        "bibtex", "rdf_dc"]
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
Z = "{http://www.zotero.org/namespaces/export#}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
BIB = "{http://purl.org/net/biblio#}"
FOAF = "{http://xmlns.com/foaf/0.1/}"
LINK = "{http://purl.org/rss/1.0/modules/link/}"
# Zotero's creator types per item type (zotero-schema), the primary one first.
CREATOR_TYPES = {
    "letter": ["author", "contributor", "recipient"], "manuscript": ["author", "contributor", "translator"],
    "report": ["author", "contributor", "translator", "seriesEditor"],
    "document": ["author", "contributor", "editor", "translator", "reviewedAuthor"],
    "presentation": ["presenter", "contributor"],
    "videoRecording": ["director", "castMember", "contributor", "producer", "scriptwriter"],
}


def text(node, path):
    found = node.find(path)
    return found.text if found is not None else None


def url_of(node):
    return text(node, f"{DC}identifier/{DCTERMS}URI/{RDF}value")


def import_rdf(body):
    """The item RDF.js makes of a Zotero RDF record (the first item that is not an attachment)."""
    root = ET.fromstring(body)
    nodes = {node.get(f"{RDF}about"): node for node in root}
    node = next(n for n in root if text(n, f"{Z}itemType") != "attachment")
    item_type = text(node, f"{Z}itemType")
    item = {"itemType": item_type, "title": text(node, f"{DC}title"), "creators": []}
    for creator_type in CREATOR_TYPES[item_type]:
        prop = {"author": f"{BIB}authors"}.get(creator_type, f"{Z}{creator_type}s")
        for person in node.findall(f"{prop}/{RDF}Seq/{RDF}li/{FOAF}Person"):
            creator = {"lastName": text(person, f"{FOAF}surname"), "creatorType": creator_type}
            given = text(person, f"{FOAF}givenName")
            if given:
                creator["firstName"] = given
            else:
                creator["fieldMode"] = 1
            item["creators"].append(creator)
    publisher = text(node, f"{DC}publisher/{FOAF}Organization/{FOAF}name")
    if publisher:
        item["publisher"] = item["institution"] = publisher
    for field, path in [("date", f"{DC}date"), ("extra", f"{DC}description"), ("archiveLocation", f"{DC}coverage"),
                        ("language", f"{DC}language"), ("abstractNote", f"{DCTERMS}abstract"),
                        ("rights", f"{DC}rights")]:
        if text(node, path):
            item[field] = text(node, path)
    item["url"] = url_of(node)
    for child in node:
        name = child.tag[len(Z):] if child.tag.startswith(Z) else None
        if name and name not in ("itemType", "presenters", "directors") and child.text:
            item[name] = child.text
    item["attachments"] = []
    for link in node.findall(f"{LINK}link"):
        attachment = nodes[link.get(f"{RDF}resource")]
        assert attachment.tag == f"{Z}Attachment"
        item["attachments"].append({"title": text(attachment, f"{DC}title"), "url": url_of(attachment),
                                    "mimeType": text(attachment, f"{LINK}type")})
    return item


def save_with_unapi(client, page):
    """What unAPI.js does on the page: (the format it chose, the item it imported)."""
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    server = soup.find("link", rel="unapi-server")["href"]
    ids = [abbr["title"] for abbr in soup.find_all("abbr", class_="unapi-id")]
    assert len(ids) == 1, "one record on a document page"
    formats = ET.fromstring(client.get(server).content)
    offered = [f.get("name") for f in formats.findall("format")]
    chosen = next(name for name in RECOGNIZABLE_FORMATS if name in offered)
    response = client.get(server, {"id": ids[0], "format": chosen})
    assert response.status_code == 200
    return chosen, import_rdf(response.content)


@pytest.fixture
def actors():
    return {
        "montiel": make_actor("María José Montiel Cuatlayol", slug="mjmc", kind="civil_society", is_person=True),
        "info": make_actor("Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos "
                           "Personales y Rendición de Cuentas de la Ciudad de México", slug="info", kind="guarantor"),
    }


def test_zotero_saves_a_report_through_unapi_with_its_institution_whole_and_its_pdf(client, actors):
    pdf = make_file("memoria-unapi.pdf", minimal_pdf("Memoria del proceso"))
    page = make_document(ReportPage, "Memoria del proceso", date=datetime.date(2023, 6, 30),
                         actors=[(actors["montiel"], "author"), (actors["info"], "author")],
                         attachments=[pdf]).specific
    chosen, item = save_with_unapi(client, page)
    assert chosen == "rdf_zotero", "Zotero's own format, the first it looks for"
    assert item["itemType"] == "report"
    assert item["title"] == "Memoria del proceso"
    assert item["creators"] == [
        {"lastName": "Montiel Cuatlayol", "firstName": "María José", "creatorType": "author"},
        # Before: Highwire's citation_author made it a person named «…Rendición de Cuentas de la Ciudad de» «México».
        {"lastName": actors["info"].name, "fieldMode": 1, "creatorType": "author"},
    ]
    assert item["institution"] == item["publisher"] == actors["info"].name
    assert item["date"] == "2023-06-30"
    assert item["archiveLocation"] == page.reference_code
    assert "number" not in item, "the archive's code is where the report is kept, not the report's own number"
    assert item["archive"] == "Archivo Abierto"
    assert item["url"] == page.permanent_url
    assert item["language"] == "es"
    pdf.refresh_from_db()
    assert item["attachments"] == [{"title": "PDF", "url": f"http://localhost{pdf.url}", "mimeType": "application/pdf"}]


@pytest.mark.parametrize(("kind", "item_type", "creator_type"), [
    (LetterPage, "letter", "author"), (MinutesPage, "manuscript", "author"),
    (PresentationPage, "presentation", "presenter"),
])
def test_each_kind_keeps_its_type_and_its_primary_creators(client, actors, kind, item_type, creator_type):
    page = make_document(kind, f"Documento de tipo {kind.kind_label}", actors=[(actors["info"], "author")])
    _chosen, item = save_with_unapi(client, page.specific)
    assert item["itemType"] == item_type
    assert item["creators"] == [{"lastName": actors["info"].name, "fieldMode": 1, "creatorType": creator_type}]


def test_a_video_is_directed_by_who_recorded_it(client, actors):
    page = make_document(VideoPage, "Sesión de la mesa", video_file=make_video_file("sesion-unapi.mp4"),
                         captions=make_captions("sesion-unapi.vtt"), actors=[(actors["montiel"], "author")])
    _chosen, item = save_with_unapi(client, page.specific)
    assert item["itemType"] == "videoRecording"
    assert item["creators"][0]["creatorType"] == "director"


def test_the_server_answers_as_unapi_says_and_offers_only_public_documents(client, actors):
    from tests.interop.helpers import build_archive

    archive = build_archive()
    public = archive.call
    listed = ET.fromstring(client.get("/unapi").content)
    assert [f.get("name") for f in listed.findall("format")] == ["rdf_zotero", "ris", "bibtex"]
    one = client.get("/unapi", {"id": str(public.pk)})
    assert one.status_code == 300 and ET.fromstring(one.content).get("id") == str(public.pk)
    ris = client.get("/unapi", {"id": str(public.pk), "format": "ris"})
    assert ris.status_code == 200 and ris.content.decode().startswith("TY  - ")
    assert client.get("/unapi", {"id": str(public.pk), "format": "marc"}).status_code == 406
    assert client.get("/unapi", {"format": "ris"}).status_code == 400
    for hidden in (archive.draft, archive.private, archive.withdrawn):
        for query in ({"id": str(hidden.pk)}, {"id": str(hidden.pk), "format": "rdf_zotero"}):
            response = client.get("/unapi", query)
            assert response.status_code == 404, hidden.title
            assert hidden.title.encode() not in response.content
    for hostile in ("", "abc", "1" * 40, "-3", "0x10", "1.5"):
        response = client.get("/unapi", {"id": hostile, "format": "rdf_zotero"})
        assert response.status_code == 404
        assert "documento público" in response.content.decode()
    assert client.get("/unapi", {"id": "1\x00", "format": "rdf_zotero"}).status_code == 400, "as every address refuses it"


def test_a_letter_is_made_by_its_signatories_and_sent_to_its_addressee(client, actors):
    # As the demo's letters are recorded: signatories and addressee written as text, no author actor.
    signed = make_document(LetterPage, "Carta de organizaciones a OGP", signatories="Fundación Avina\nMaría José Montiel Cuatlayol",
                           addressee="Open Government Partnership").specific
    _chosen, item = save_with_unapi(client, signed)
    assert item["creators"] == [
        {"lastName": "Fundación Avina", "fieldMode": 1, "creatorType": "author"},
        # A line that names a recorded person is that person, with given and family names.
        {"lastName": "Montiel Cuatlayol", "firstName": "María José", "creatorType": "author"},
        {"lastName": "Open Government Partnership", "fieldMode": 1, "creatorType": "recipient"},
    ]
    ris = client.get(f"/cita/{signed.pk}.ris").content.decode()
    assert "AU  - Fundación Avina\r\nAU  - Montiel Cuatlayol, María José\r\n" in ris, "every citation names them"


def test_a_presentation_keeps_its_archive_and_code_in_extra(client, actors):
    page = make_document(PresentationPage, "Presentación en la cumbre", actors=[(actors["info"], "author")]).specific
    _chosen, item = save_with_unapi(client, page)
    assert item["extra"].split("\n") == [f"publisher: {actors['info'].name}", "archive: Archivo Abierto",
                                         f"archive_location: {page.reference_code}"]
    assert "archive" not in item and "archiveLocation" not in item, "fields Zotero's presentation does not have"
