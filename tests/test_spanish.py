"""Counts agree with their noun («1 documento») and decimals take a comma («1,5 KB»), where people read them."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from archive.comments.forms import CommentForm
from archive.comments.views import window_label
from archive.pages.models import MinutesPage, ReportPage
from archive.spanish import NBSP, count, decimal, whole
from search import indexing
from tests.factories import index_for, make_document, make_file, make_phase, minimal_pdf


def text_of(html, selector="main"):
    return " ".join(BeautifulSoup(html, "html.parser").select_one(selector).get_text(" ").split())


def test_numbers_are_written_the_spanish_way():
    assert decimal(12.2) == "12,2"
    assert decimal(50.0) == "50"
    assert decimal(1.25, 2) == "1,25"
    assert decimal(-0.04) == "0"
    assert decimal(12345.67) == f"12{NBSP}345,7"
    # The RAE leaves four-digit numbers whole and groups longer ones with a space.
    assert whole(2021) == "2021"
    assert whole(12345) == f"12{NBSP}345"
    assert whole(1234567) == f"1{NBSP}234{NBSP}567"


def test_a_count_agrees_with_its_noun():
    assert count(1, "documento") == "1 documento"
    assert count(0, "documento") == "0 documentos"
    assert count(2, "versión", "versiones") == "2 versiones"
    assert count(12000, "archivo") == f"12{NBSP}000 archivos"


def test_comment_limits_read_in_spanish(settings):
    settings.COMMENTS_MAX_LENGTH = 12000
    assert f"Máximo 12{NBSP}000 caracteres." in CommentForm().fields["text"].help_text
    assert window_label(60) == "el último minuto"
    assert window_label(600) == "los últimos 10 minutos"


@pytest.mark.django_db
def test_search_past_its_only_page_says_one_page(client, monkeypatch):
    # Index at once: the test's transaction never commits (as tests/search/conftest.py does).
    monkeypatch.setattr(indexing, "defer", lambda callback: callback())
    make_document(ReportPage, "Memoria del proceso")
    notices = client.get("/api/buscar/", {"pagina": "5"}).json()["notices"]
    assert "Esa página no existe: los resultados ocupan 1 página." in notices
    html = client.get("/buscar/", {"pagina": "5"}).content.decode()
    assert "ocupan 1 página." in html and "1 páginas" not in html


@pytest.mark.django_db
def test_a_listing_phase_and_figures_with_one_document_say_one(client):
    phase = make_phase("Cocreación", slug="cocreacion")
    make_document(MinutesPage, "Minuta de la mesa", phase=phase)
    assert "1 documento, del más reciente al más antiguo." in text_of(client.get(index_for(MinutesPage).url).content)
    assert "1 documento, del más antiguo al más reciente." in text_of(client.get(phase.get_absolute_url()).content)
    assert "El archivo tiene 1 documento publicado." in text_of(client.get("/cifras/").content)


@pytest.mark.django_db
def test_the_file_list_says_one_page_and_sizes_with_a_decimal_comma(client):
    # About 1.6 KB: a size with a decimal.
    pdf = make_file("informe.pdf", content=minimal_pdf("Texto del informe. " * 60))
    page = make_document(ReportPage, "Memoria", attachments=[pdf])
    meta = text_of(client.get(page.url).content, ".file__meta")
    assert "1 página" in meta and "páginas" not in meta
    assert re.search(r"\b1,\d KB\b", meta.replace(NBSP, " ")), meta
    assert not re.search(r"\d\.\d", meta), meta


@pytest.mark.django_db
def test_drawings_keep_the_decimal_point(client):
    """SVG coordinates are for the browser: a decimal comma there would break the drawing."""
    phase = make_phase("Cocreación", slug="cocreacion", start_date=datetime.date(2022, 10, 3),
                       end_date=datetime.date(2022, 11, 24))
    make_document(MinutesPage, "Minuta de la mesa", phase=phase, date=datetime.date(2022, 10, 17))
    attributes = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"}
    for address in ("/linea-de-tiempo/", phase.get_absolute_url(), "/cifras/"):
        soup = BeautifulSoup(client.get(address).content, "html.parser")
        values = [node[name] for node in soup.select("svg *") for name in attributes & set(node.attrs)]
        assert values, address
        assert all(re.fullmatch(r"-?\d+(\.\d+)?%?", value) for value in values), (address, values)
        assert any("." in value for value in values) or address == "/cifras/", address
