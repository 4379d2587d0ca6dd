"""A document page tells Google Scholar and Zotero what it is, as their
Highwire Press reading expects: people as «Family, Given», the publisher, the
date, and a PDF they can fetch; link previews get an image."""

import datetime

import pytest
from bs4 import BeautifulSoup

from archive.pages.models import MinutesPage, ReportPage
from tests.factories import make_actor, make_document, make_file, minimal_pdf

pytestmark = pytest.mark.django_db


def tags(client, page):
    head = BeautifulSoup(client.get(page.url).content, "html.parser").head
    found = {}
    for meta in head.find_all("meta"):
        key = meta.get("name") or meta.get("property")
        if key:
            found.setdefault(key, []).append(meta["content"])
    return found


def test_a_report_names_its_people_publisher_date_number_and_pdf(client):
    person = make_actor("María José Montiel Cuatlayol", slug="mjmc", kind="civil_society", is_person=True)
    info = make_actor("Instituto de Transparencia de la Ciudad de México", slug="info", kind="guarantor")
    pdf = make_file("memoria.pdf", minimal_pdf("Memoria del proceso"))
    page = make_document(ReportPage, "Memoria del proceso", date=datetime.date(2023, 6, 30),
                         actors=[(person, "author"), (info, "author")], attachments=[pdf]).specific
    found = tags(client, page)
    assert found["citation_author"] == ["Montiel Cuatlayol, María José", info.name]
    assert found["citation_publication_date"] == ["2023/06/30"]
    assert found["citation_publisher"] == [info.name]
    assert found["citation_technical_report_institution"] == [info.name]
    assert found["citation_technical_report_number"] == [page.reference_code]
    pdf.refresh_from_db()
    # The public download address (its serving is tested in tests/security/test_downloads.py).
    assert found["citation_pdf_url"] == [f"http://localhost{pdf.url}"]
    assert found["og:image"][0].endswith("/miniatura/") or found["og:image"][0].endswith(".png")


def test_a_page_without_a_pdf_offers_the_archives_card_as_its_image(client):
    page = make_document(MinutesPage, "Minuta sin archivo", date=datetime.date(2022, 10, 1))
    found = tags(client, page)
    assert "citation_pdf_url" not in found and "citation_technical_report_number" not in found
    image = found["og:image"][0]
    assert "tarjeta" in image and image.startswith("http://localhost/static/")
