"""Script typed into a query, a facet, a document's metadata, a file or the glossary stays text everywhere."""

import json
import re

import pytest
from defusedxml import ElementTree as ET
from django.test import Client

from archive.glossary.models import GlossaryTerm
from archive.pages.models import CallPage, MemberCommentPage
from tests.factories import make_actor, make_document, make_file, make_phase

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(2)>'
SINGLE = "' onmouseover='alert(3)"
CLOSE_JSON_LD = "</script><script>alert(4)</script>"
PAYLOAD = f"{SCRIPT}{ATTRIBUTE}{SINGLE}{CLOSE_JSON_LD}"
# What must never appear as markup in an HTML answer.
RAW = ["<script>alert(", "<img src=x onerror", "' onmouseover='", "</script><script>"]


def assert_inert_html(body, where):
    # Inside the JSON-LD block a quote is JSON, not markup (that block is checked by assert_json_ld_closed).
    body = re.sub(r'<script type="application/ld\+json">.*?</script>', "", body, flags=re.S)
    for raw in RAW:
        assert raw not in body, f"{where}: «{raw}» as markup"


def assert_json_ld_closed(body, where):
    """The JSON-LD block must end where the page says: no «</script» inside it, and it parses."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    for block in blocks:
        json.loads(block)
        assert "</" not in block.replace("<\\/", ""), where
    return blocks


@pytest.fixture
def tainted(archive, db):
    """A public comment and call whose every field an editor or member fills holds the payload."""
    actor = make_actor(f"Colectivo {PAYLOAD}", slug="colectivo-xss", kind="civil_society", acronym="CX")
    phase = make_phase(f"Etapa {PAYLOAD}", slug="etapa-xss", order=40)
    file = make_file("anexo-xss.pdf", title=f"Anexo {PAYLOAD}")
    comment = make_document(
        MemberCommentPage, f"Comentario {PAYLOAD}", phase=phase, actors=[(actor, "author")], attachments=[file],
        summary=f"Resumen xsspalabra {PAYLOAD}", date_note=f"Nota {PAYLOAD}", member=actor,
        member_role=f"Papel {PAYLOAD}", comment=f"Comentario del integrante xsspalabra\n{PAYLOAD}",
        body=[("heading", f"Encabezado {PAYLOAD}"), ("quote", f"Cita {PAYLOAD}")],
    )
    comment.tags.add(f"etiqueta {SCRIPT}{ATTRIBUTE}")  # tag names and slugs hold 100 characters
    comment.save_revision().publish()
    call = make_document(CallPage, f"Convocatoria {PAYLOAD}", addressed_to=f"Dirigida a {PAYLOAD}", phase=phase)
    GlossaryTerm.objects.create(term=f"Término {PAYLOAD}", slug="termino-xss", definition=f"Definición {PAYLOAD}")
    return comment, call, actor, file


HTML_ADDRESSES = [
    lambda c, call, actor: c.url,
    lambda c, call, actor: call.url,
    lambda c, call, actor: f"/id/{c.reference_code}/v/1/",
    lambda c, call, actor: f"/buscar/?q={PAYLOAD}",
    lambda c, call, actor: "/buscar/?q=xsspalabra",
    lambda c, call, actor: f"/buscar/?etapa={PAYLOAD}&actor={PAYLOAD}&tipo={PAYLOAD}&anio={PAYLOAD}",
    lambda c, call, actor: "/buscar/?etapa=etapa-xss",
    lambda c, call, actor: "/etapas/etapa-xss/",
    lambda c, call, actor: "/actores/colectivo-xss/",
    lambda c, call, actor: "/actores/",
    lambda c, call, actor: "/glosario/",
    lambda c, call, actor: "/linea-de-tiempo/",
    lambda c, call, actor: "/cifras/",
    lambda c, call, actor: "/comentarios/",
    lambda c, call, actor: "/",
]


@pytest.mark.parametrize("address", HTML_ADDRESSES)
def test_html_pages_show_the_payload_as_text(tainted, address):
    comment, call, actor, file = tainted
    url = address(comment, call, actor)
    response = Client().get(url)
    assert response.status_code in (200, 400, 404), url
    body = response.content.decode()
    assert_inert_html(body, url)
    assert_json_ld_closed(body, url)


def test_document_page_shows_every_field_escaped(tainted):
    comment, *_ = tainted
    body = Client().get(comment.url).content.decode()
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for label in ("Comentario del integrante", "Papel", "Nota", "Encabezado", "Cita", "Colectivo", "Anexo"):
        assert f"{label} {escaped}" in body or f"{label} xsspalabra" in body, label
    blocks = assert_json_ld_closed(body, comment.url)
    assert any(json.loads(b).get("name", "").startswith("Comentario <script>") for b in blocks if b.strip().startswith("{"))


@pytest.mark.parametrize("address", ["/feeds/documentos.atom", "/feeds/etapa/etapa-xss.atom", "/feeds/tipo/comentario.atom",
                                     "/oai/?verb=ListRecords&metadataPrefix=oai_dc", "/sitemap.xml",
                                     "/oai/?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + PAYLOAD,
                                     "/oai/?verb=" + PAYLOAD])
def test_xml_stays_well_formed_and_carries_the_payload_as_text(tainted, address):
    response = Client().get(address)
    root = ET.fromstring(response.content)
    assert not any(el.tag.endswith("script") for el in root.iter())
    if "ListRecords" in address or address.startswith("/feeds/documentos"):
        assert PAYLOAD in "".join(root.itertext())


@pytest.mark.parametrize("address", ["/api/buscar/?q=xsspalabra", f"/api/buscar/?q={PAYLOAD}&etapa={PAYLOAD}",
                                     "/catalogo.json", "/api/v2/pages/?type=pages.MemberCommentPage&fields=*",
                                     "/api/v2/documents/"])
def test_json_answers_are_json_never_html(tainted, address):
    response = Client().get(address)
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    json.loads(response.content)


def test_search_snippets_escape_the_text_around_the_marks(tainted):
    data = Client().get("/api/buscar/?q=xsspalabra").json()
    assert data["count"] >= 1
    for hit in data["results"]:
        assert_inert_html(hit["snippet"], "snippet")


def test_citation_files_are_downloads(tainted):
    comment, *_ = tainted
    for fmt in ("bib", "ris", "json"):
        response = Client().get(f"/cita/{comment.pk}.{fmt}")
        assert response["Content-Disposition"].startswith("attachment")
        assert not response["Content-Type"].startswith("text/html")
