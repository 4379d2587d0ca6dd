"""A researcher takes a search away: its results as CSV, its public files as a
BagIt bag whose checksums an independent BagIt tool verifies."""

import csv
import io
import zipfile

import bagit
import pytest

from archive.pages.models import MinutesPage, ReportPage
from search import export
from tests.factories import make_document, make_file, minimal_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    acta = make_file("acta-mesa.pdf", minimal_pdf("Acuerdos de la mesa de transparencia"))
    memoria = make_file("memoria.pdf", minimal_pdf("Memoria del proceso de transparencia"))
    borrador = make_file("borrador.pdf", minimal_pdf("Borrador reservado de transparencia"))
    return {
        "minuta": make_document(MinutesPage, "Minuta de la mesa de transparencia", attachments=[acta]),
        "informe": make_document(ReportPage, "Memoria de transparencia proactiva", attachments=[memoria]),
        "borrador": make_document(ReportPage, "Borrador de transparencia", live=False, attachments=[borrador]),
    }


def rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read the accents
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_results_come_as_csv_with_codes_and_permanent_addresses(client, archive):
    response = client.get("/buscar/resultados.csv", {"q": "transparencia"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    found = rows(response)
    assert sorted(r["titulo"] for r in found) == ["Memoria de transparencia proactiva",
                                                  "Minuta de la mesa de transparencia"]
    minuta = next(r for r in found if r["tipo"] == "Minuta")
    assert minuta["codigo"] == archive["minuta"].specific.reference_code
    assert minuta["direccion_permanente"].endswith(f"/id/{minuta['codigo']}/")


def test_filters_apply_to_the_csv_as_to_the_page(client, archive):
    found = rows(client.get("/buscar/resultados.csv", {"q": "transparencia", "tipo": "minuta"}))
    assert [r["titulo"] for r in found] == ["Minuta de la mesa de transparencia"]


def test_the_files_come_as_a_bag_an_independent_tool_validates(client, archive, tmp_path):
    response = client.get("/buscar/archivos.zip", {"q": "transparencia"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as bag:
        names = bag.namelist()
        bag.extractall(tmp_path)
    root = tmp_path / names[0].split("/")[0]
    bagit.Bag(str(root)).validate()  # checksums, Payload-Oxum, tag manifest
    payload = sorted(p.name for p in (root / "data").rglob("*") if p.is_file())
    assert payload == ["acta-mesa.pdf", "memoria.pdf", "resultados.csv"]
    assert not any("borrador" in name for name in names)  # a draft's file never leaves
    assert (root / "data" / archive["minuta"].specific.reference_code / "acta-mesa.pdf").exists()


def test_past_the_bounds_a_clear_message_says_how_to_narrow_the_search(client, archive, settings, monkeypatch):
    settings.EXPORT_MAX_FILES = 1
    response = client.get("/buscar/archivos.zip", {"q": "transparencia"})
    assert response.status_code == 400
    assert "se pueden descargar hasta 1 archivo y" in response.content.decode()
    assert "Usa los filtros" in response.content.decode()
    monkeypatch.setattr(export, "EXPORT_MAX_ROWS", 1)
    response = client.get("/buscar/resultados.csv", {"q": "transparencia"})
    assert response.status_code == 400 and "tiene 2 resultados y se pueden descargar hasta 1 resultado." in (
        response.content.decode())
    assert client.get("/buscar/resultados.csv", {"pagina": "x"}).status_code == 400


def test_the_search_page_offers_both_downloads_for_the_same_search(client, archive):
    html = client.get("/buscar/", {"q": "transparencia", "tipo": "minuta"}).content.decode()
    assert 'href="/buscar/resultados.csv?q=transparencia&amp;tipo=minuta"' in html
    assert 'href="/buscar/archivos.zip?q=transparencia&amp;tipo=minuta"' in html
