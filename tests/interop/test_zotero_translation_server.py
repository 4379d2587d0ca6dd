"""Zotero's own translation-server saves our document pages as what they are.

Runs only when ZOTERO_TRANSLATION_SERVER names a running server (e.g.
http://127.0.0.1:1969; README, *Datos abiertos y cosecha*, says how to start
one): the server, its translators and their node modules come from GitHub,
which CI cannot reach. The server fetches our pages from pytest's live
server, picks its translator as Zotero does and answers the items it would
save.
"""

import datetime
import os

import pytest
import requests

from archive.pages.models import LetterPage, PresentationPage, ReportPage
from tests.factories import make_actor, make_document, make_file, make_site, minimal_pdf

SERVER = os.environ.get("ZOTERO_TRANSLATION_SERVER", "").rstrip("/")
pytestmark = [
    pytest.mark.skipif(not SERVER, reason="ZOTERO_TRANSLATION_SERVER is not set"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def clean_search_index():
    """The FTS5 table is not a Django model: a transactional test's flush leaves its rows."""
    yield
    from search.backends import get_backend

    get_backend().clear()


def address(live_server):
    # translation-server takes only a dotted host or an IP address, not «localhost».
    return live_server.url.replace("://localhost:", "://127.0.0.1:")


def save(live_server, page):
    response = requests.post(f"{SERVER}/web", data=address(live_server) + page.url,
                             headers={"Content-Type": "text/plain"}, timeout=120)
    assert response.status_code == 200, response.text[:500]
    items = response.json()
    assert len(items) == 1
    return items[0]


def test_zotero_saves_each_kind_with_its_institutions_whole(live_server, settings, clean_search_index):
    settings.ARCHIVE_CANONICAL_URL = address(live_server)
    make_site()
    person = make_actor("María José Montiel Cuatlayol", slug="mjmc", kind="civil_society", is_person=True)
    info = make_actor("Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos "
                      "Personales y Rendición de Cuentas de la Ciudad de México", slug="info", kind="guarantor")
    pdf = make_file("memoria-zotero.pdf", minimal_pdf("Memoria del proceso"))
    report = make_document(ReportPage, "Memoria del proceso", date=datetime.date(2023, 6, 30),
                           actors=[(person, "author"), (info, "author")], attachments=[pdf]).specific

    item = save(live_server, report)
    assert item["itemType"] == "report"
    creators = [{key: c.get(key) for key in ("firstName", "lastName", "name", "creatorType") if c.get(key)}
                for c in item["creators"]]
    assert creators == [
        {"firstName": "María José", "lastName": "Montiel Cuatlayol", "creatorType": "author"},
        {"lastName": info.name, "creatorType": "author"},
    ] or creators == [
        {"firstName": "María José", "lastName": "Montiel Cuatlayol", "creatorType": "author"},
        {"name": info.name, "creatorType": "author"},
    ]
    assert item["institution"] == info.name
    assert item["archiveLocation"] == report.reference_code
    assert item["archive"] == "Archivo Abierto"
    assert item["url"] == report.permanent_url
    # translation-server leaves attachments out of its answers: the PDF is checked in test_zotero_unapi.py.

    letter = make_document(LetterPage, "Carta de organizaciones", signatories="Fundación Avina",
                           addressee="Open Government Partnership").specific
    item = save(live_server, letter)
    assert item["itemType"] == "letter"
    assert [(c.get("name") or c.get("lastName"), c["creatorType"]) for c in item["creators"]] == [
        ("Fundación Avina", "author"), ("Open Government Partnership", "recipient")]

    for kind, item_type in ((LetterPage, "letter"), (PresentationPage, "presentation")):
        page = make_document(kind, f"Documento de tipo {kind.kind_label}", actors=[(info, "author")]).specific
        item = save(live_server, page)
        assert item["itemType"] == item_type
        assert [c.get("name") or c.get("lastName") for c in item["creators"]] == [info.name]
        assert not any(c.get("firstName") for c in item["creators"])
        if item_type == "presentation":
            # Zotero's presentation has no archive fields: they go to «Extra», where citations read them.
            assert f"archive_location: {page.reference_code}" in item["extra"].split("\n")
