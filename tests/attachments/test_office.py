"""Office documents are read like PDFs: their text per page, slide or sheet,
the page count they declare, the thumbnail they carry, their own title; and
a phrase in them is found by the public search, naming its slide."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from archive.attachments.models import ArchiveDocument, TextStatus
from archive.attachments.office import read_office
from archive.pages.models import ReportPage
from tests.factories import make_document, make_file

from . import office_samples as office
from .samples import zipped

pytestmark = pytest.mark.django_db


def upload(client, name, content, title=None):
    response = client.post(reverse("wagtaildocs:add"), {
        "title": title or name, "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk, "language": "es",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArchiveDocument.objects.get(file__endswith=name)


def test_a_docx_is_read_page_by_page_with_its_declared_count_thumbnail_and_title(admin_client):
    content = office.docx([["Orden del día", "Lista de asistentes"], ["Acuerdos  de la mesa"]],
                          title="Minuta de la mesa de género", declared_pages=2)
    document = upload(admin_client, "minuta.docx", content)
    assert document.analysis_state == "done"
    assert document.text_status == TextStatus.EXTRACTED
    assert document.text_pages == ["Orden del día\nLista de asistentes", "Acuerdos  de la mesa"]
    assert document.page_count == 2
    assert document.thumbnail and document.thumbnail_width == 240
    assert document.title == "Minuta de la mesa de género", "the file's own title replaces its name"


def test_a_docx_without_breaks_is_one_page_and_a_paragraph_that_starts_a_page_breaks_it():
    assert read_office(office.docx([["Uno", "Dos"]], thumbnail=False), "docx").pages == ["Uno\nDos"]
    facts = read_office(office.docx([["Uno"], ["Dos"], ["Tres"]], break_before=True), "docx")
    assert facts.pages == ["Uno", "Dos", "Tres"]
    assert facts.page_count is None, "no app.xml: no declared count"


def test_a_pptx_has_one_text_page_per_slide_in_the_decks_order_with_its_notes(admin_client):
    content = office.pptx([["Bienvenida"], ["Ejes temáticos", "Género e inclusión"], ["Cierre"]],
                          notes={1: "Recordar la consulta pública"})
    document = upload(admin_client, "presentacion.pptx", content)
    assert document.text_pages == ["Bienvenida", "Ejes temáticos\nGénero e inclusión\nRecordar la consulta pública", "Cierre"]
    assert document.page_count == 3
    assert document.thumbnail


def test_an_odt_breaks_pages_where_its_styles_say_and_keeps_its_spaces(admin_client):
    content = office.odt([["Primera  página"], ["Segunda página", "con dos párrafos"]], title="Lineamientos",
                         declared_pages=7)
    document = upload(admin_client, "lineamientos.odt", content)
    assert document.text_pages == ["Primera  página", "Segunda página\ncon dos párrafos"]
    assert document.page_count == 7, "the count the word processor stored"
    assert document.thumbnail and document.thumbnail_height > document.thumbnail_width  # its portrait preview
    assert document.title == "Lineamientos"


def test_an_odp_is_read_slide_by_slide_and_spreadsheets_sheet_by_sheet():
    facts = read_office(office.odp([["Uno"], [], ["Tres"]]), "odp")
    assert facts.pages == ["Uno", "", "Tres"] and facts.page_count == 3, "an empty slide keeps its place"
    sheets = {"Mesas": [["Mesa", "Fecha"], ["Género e inclusión", 2022]], "Actores": [["Núcleo Promotor"]]}
    for kind, content in (("xlsx", office.xlsx(sheets)), ("ods", office.ods(sheets))):
        facts = read_office(content, kind)
        assert facts.status == TextStatus.EXTRACTED
        assert "Género e inclusión" in facts.pages[0] and facts.pages[1] == "Núcleo Promotor", kind


def test_an_office_file_without_text_or_damaged_or_with_entities_says_so():
    empty = read_office(office.docx([[]], thumbnail=False), "docx")
    assert empty.status == TextStatus.EMPTY and "no tiene texto" in empty.note
    cut = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": f'<w:document xmlns:w="{office.W_NS}"><w:body><w:p>'})
    facts = read_office(cut, "docx")
    assert facts.status == TextStatus.DAMAGED and facts.note == "El documento está dañado; su texto no se indexa."
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              f'<w:document xmlns:w="{office.W_NS}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    facts = read_office(zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": laughs}), "docx")
    assert facts.status == TextStatus.DAMAGED and facts.pages == [], "entities are refused, never expanded"


def test_a_phrase_only_in_a_slide_is_found_by_the_public_search_naming_the_slide(client):
    deck = make_file("sesion.pptx", office.pptx([["Portada"], ["Mesa de cocreación"], ["Semáforo de compromisos hídricos"]]),
                     title="Presentación de la sesión")
    make_document(ReportPage, "Informe de la sesión", summary="Resumen.", attachments=[deck])
    hit = client.get("/api/buscar/", {"q": "semáforo hídricos"}).json()["results"][0]
    assert hit["title"] == "Informe de la sesión"
    assert hit["passage"]["label"].endswith("diapositiva 3")
    assert "#page=" not in hit["passage"]["url"], "an office file opens whole"


def test_a_phrase_only_in_a_docx_is_found_by_the_public_search(client):
    minutes = make_file("minuta.docx", office.docx([["Orden del día"], ["Acordaron publicar el tablero de obras viales"]]))
    make_document(ReportPage, "Minuta de la sesión", summary="Resumen.", attachments=[minutes])
    hit = client.get("/api/buscar/", {"q": "tablero de obras viales"}).json()["results"][0]
    assert hit["title"] == "Minuta de la sesión"
    assert hit["passage"]["label"].endswith("página 2")


def test_a_docx_on_a_public_page_has_an_accessible_version_with_its_pages(client):
    minutes = make_file("minuta.docx", office.docx([["ORDEN DEL DÍA", "Lista de asistentes."], ["Acuerdos de la mesa."]]))
    make_document(ReportPage, "Minuta de la sesión", summary="Resumen.", attachments=[minutes])
    response = client.get(f"/documentos/{minutes.pk}/version-accesible/")
    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert "Acuerdos de la mesa." in text and "Página 2" in text


def test_headers_and_footers_are_read_once_with_the_first_page(client):
    letterhead = ["Secretaría de la Contraloría General", "Oficio SCG/DGCOICS/0417/2021"]
    content = office.docx([["Por medio del presente se remite la minuta."], ["Atentamente"]],
                          header=letterhead, footer=["Av. Tlaxcoaque 8, Centro"])
    facts = read_office(content, "docx")
    assert facts.pages == ["Secretaría de la Contraloría General\nOficio SCG/DGCOICS/0417/2021\n"
                           "Por medio del presente se remite la minuta.\nAv. Tlaxcoaque 8, Centro", "Atentamente"]
    facts = read_office(office.odt([["Lineamientos"], ["Anexo"]], header=["Gobierno Abierto CDMX"],
                                   footer=["Página"]), "odt")
    assert facts.pages == ["Gobierno Abierto CDMX\nLineamientos\nPágina", "Anexo"]

    oficio = make_file("oficio-de-remision.docx", content)
    make_document(ReportPage, "Oficio de remisión de la minuta", attachments=[oficio])
    response = client.get("/api/buscar/", {"q": "DGCOICS 0417"})
    assert [hit["title"] for hit in response.json()["results"]] == ["Oficio de remisión de la minuta"]
