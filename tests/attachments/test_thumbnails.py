"""A PDF's first page beside it on the document page, visible exactly where
the file is: a draft's or a restricted page's file shows nothing."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from archive.attachments.models import ArchiveDocument, TextStatus
from archive.pages.models import MinutesPage, ReportPage
from tests.factories import make_document, make_file, minimal_pdf

from .samples import damaged_pdf, encrypted_pdf

pytestmark = pytest.mark.django_db


def thumbnail_url(document):
    return reverse("attachments:thumbnail", args=[document.pk])


def search_titles(client, q):
    response = client.get("/api/buscar/", {"q": q})
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


def test_the_document_page_shows_the_first_page_and_the_page_count(client):
    pdf = make_file("minuta.pdf", minimal_pdf("Orden del día", "Acuerdos"))
    page = make_document(MinutesPage, "Minuta de la segunda sesión", attachments=[pdf])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    item = soup.select_one(".file")
    image = item.select_one("img.file__thumb")
    assert image["src"] == thumbnail_url(pdf)
    assert image["alt"] == ""  # the title and the download link beside it name the file
    assert (image["width"], image["height"]) == (str(pdf.thumbnail_width), str(pdf.thumbnail_height))
    assert "2 páginas" in item.get_text(" ")

    response = client.get(image["src"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert b"".join(response.streaming_content)[8:12] == b"WEBP"


def test_a_file_attached_only_to_a_draft_has_no_public_thumbnail(client):
    pdf = make_file("borrador.pdf", minimal_pdf("Borrador del plan"))
    make_document(ReportPage, "Borrador del plan de acción", live=False, attachments=[pdf])
    assert pdf.thumbnail
    assert client.get(thumbnail_url(pdf)).status_code == 404
    # Nor a file attached to no page at all.
    loose = make_file("suelto.pdf", minimal_pdf("Sin página"))
    assert client.get(thumbnail_url(loose)).status_code == 404


def test_restricted_pages_and_collections_keep_their_thumbnails_private(client):
    behind_password = make_file("privado.pdf", minimal_pdf("Privado"))
    page = make_document(ReportPage, "Informe restringido", attachments=[behind_password])
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert client.get(thumbnail_url(behind_password)).status_code == 404

    collection = Collection.get_first_root_node().add_child(name="Reservados")
    in_closed_collection = make_file("reservado.pdf", minimal_pdf("Reservado"))
    in_closed_collection.collection = collection
    in_closed_collection.save()
    make_document(ReportPage, "Informe con archivo reservado", attachments=[in_closed_collection])
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="password", password="x")
    assert client.get(thumbnail_url(in_closed_collection)).status_code == 404


def test_unpublishing_the_page_hides_the_thumbnail_again(client):
    pdf = make_file("acta.pdf", minimal_pdf("Acta"))
    page = make_document(MinutesPage, "Acta de instalación", attachments=[pdf])
    assert client.get(thumbnail_url(pdf)).status_code == 200
    page.unpublish()
    assert client.get(thumbnail_url(pdf)).status_code == 404


def test_an_editor_sees_the_thumbnail_of_a_draft_without_it_being_cached(client):
    pdf = make_file("borrador.pdf", minimal_pdf("Borrador"))
    make_document(ReportPage, "Borrador", live=False, attachments=[pdf])
    client.force_login(get_user_model().objects.create_superuser("editora", "e@example.org", "x"))
    response = client.get(thumbnail_url(pdf))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_encrypted_and_damaged_pdfs_show_why_and_no_thumbnail(client):
    locked = make_file("cifrado.pdf", encrypted_pdf("Convenio de colaboración"))
    broken = make_file("danado.pdf", damaged_pdf())
    page = make_document(ReportPage, "Informe con anexos ilegibles", attachments=[locked, broken])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert not soup.select("img.file__thumb")
    notes = [n.get_text() for n in soup.select(".file__note")]
    assert notes == ["El PDF está cifrado; su texto no se indexa.", "El PDF está dañado; su texto no se indexa."]
    assert client.get(thumbnail_url(locked)).status_code == 404


def test_text_of_damaged_or_encrypted_pdfs_is_not_searchable(client):
    readable = make_file("legible.pdf", minimal_pdf("Cronograma de sesiones"))
    locked = make_file("cifrado.pdf", encrypted_pdf("Calendario reservado"))
    legible = make_document(ReportPage, "Informe legible", summary="Resumen.", attachments=[readable])
    make_document(ReportPage, "Informe con anexo cifrado", summary="Resumen.", attachments=[locked])
    assert search_titles(client, "cronograma") == ["Informe legible"]
    assert search_titles(client, "calendario") == []
    assert search_titles(client, "anexo cifrado") == ["Informe con anexo cifrado"]
    # Text recorded for a file later found damaged (say, by an older version
    # of the archive) leaves the index when its page is indexed again: the status decides.
    ArchiveDocument.objects.filter(pk=readable.pk).update(text_status=TextStatus.DAMAGED)
    legible.save_revision().publish()
    assert search_titles(client, "cronograma") == []
    assert search_titles(client, "legible") == ["Informe legible"]


def test_make_thumbnails_fills_in_files_stored_before(client):
    pdf = make_file("antiguo.pdf", minimal_pdf("Uno", "Dos", "Tres"))
    locked = make_file("cifrado.pdf", encrypted_pdf("Uno"))
    ArchiveDocument.objects.filter(pk=pdf.pk).update(thumbnail="", thumbnail_width=None, thumbnail_height=None, page_count=None)
    out = io.StringIO()
    call_command("make_thumbnails", stdout=out)
    pdf.refresh_from_db()
    locked.refresh_from_db()
    assert pdf.thumbnail and pdf.page_count == 3 and pdf.thumbnail_width
    assert not locked.thumbnail
    assert "Miniaturas creadas: 1." in out.getvalue()
