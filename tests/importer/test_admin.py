import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from archive.attachments.models import ArchiveDocument
from archive.identifiers.models import Identifier
from archive.pages.models import MinutesPage
from tests.factories import minimal_pdf

from .manifests import csv_text, minutes_row

URL = reverse("importer_import")


def upload(rows, name="manifiesto.csv"):
    return SimpleUploadedFile(name, csv_text(rows).encode("utf-8"), content_type="text/csv")


def pdf(name="minuta.pdf", text="Minuta de la sesion"):
    return SimpleUploadedFile(name, minimal_pdf(text), content_type="application/pdf")


def test_the_menu_and_form_offer_publishing_only_to_who_may_publish(client, editor, publisher):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and "multiple" in html
    assert "Revisar sin importar" in html and "Importar sin revisar" in html
    assert 'name="publish"' not in html and "tu cuenta no puede publicar" in html
    assert "Importar documentos" in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(publisher)
    assert 'name="publish"' in client.get(URL).content.decode()


def test_people_who_cannot_add_documents_are_refused(client, reader):
    client.force_login(reader)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Tu cuenta no puede importar documentos" in response.content.decode()
    assert client.post(URL, {"manifest": upload([minutes_row()])}, follow=True).status_code == 403
    assert not Page.objects.filter(slug="sesion-2022-03-04").exists()
    assert "Importar documentos" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_editor_imports_drafts_and_sees_each_row(client, editor):
    rows = [
        minutes_row(files="archivos/minuta.pdf", actors="", axes="", elements="", phase=""),
        minutes_row(slug="con-pagina-falsa", files="falsa.pdf", actors="", axes="", elements="", phase=""),
        minutes_row(kind="convocatoria", slug="ajena", actors="", axes="", elements="", phase="", files="",
                    meeting_body=""),
    ]
    fake = SimpleUploadedFile("falsa.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    client.force_login(editor)
    response = client.post(URL, {"manifest": upload(rows), "files": [pdf(), fake], "publish": "on",
                                 "action": "importar"}, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Resultado por fila del manifiesto" in html
    assert "1 creado" in html and "2 con error" in html
    assert "El archivo es una página web (HTML)" in html
    assert "no tienes permiso para crear documentos en" in html
    page = MinutesPage.objects.get(slug="sesion-2022-03-04")
    assert not page.live  # «publish» was sent, but this editor may not publish
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user=editor).exists()
    assert not Page.objects.filter(slug__in=["con-pagina-falsa", "ajena"]).exists()
    assert ArchiveDocument.objects.count() == 1


def test_a_publisher_publishes(client, publisher):
    client.force_login(publisher)
    client.post(URL, {"manifest": upload([minutes_row(files="minuta.pdf")]), "files": [pdf()], "publish": "on",
                      "action": "importar"}, follow=True)
    page = MinutesPage.objects.get(slug="sesion-2022-03-04")
    assert page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=publisher).exists()


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (None, "Elige el manifiesto"),
        (SimpleUploadedFile("m.csv", "kind,slug\n".encode("utf-16")), "no está en UTF-8"),
        (SimpleUploadedFile("m.xlsx", b"PK\x03\x04 hoja"), "debe ser un archivo CSV (.csv) o JSON (.json)"),
    ],
)
def test_a_bad_manifest_gets_a_400_in_spanish(client, publisher, manifest, message):
    client.force_login(publisher)
    data = {"manifest": manifest} if manifest else {}
    response = client.post(URL, data, follow=True)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MinutesPage.objects.exists()


def _storage_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*"))


@pytest.fixture
def media(tmp_path, settings):
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = folder
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return folder


def _counts():
    return (Page.objects.count(), Revision.objects.count(), ArchiveDocument.objects.count(),
            PageLogEntry.objects.count(), Identifier.objects.count(), ReferenceIndex.objects.count())


def test_review_shows_what_would_happen_changes_nothing_and_import_does_it(client, publisher, media, preview_dir):
    client.force_login(publisher)
    existing = [minutes_row(files="minuta.pdf"), minutes_row(slug="otra-sesion", files="minuta.pdf")]
    client.post(URL, {"manifest": upload(existing), "files": [pdf()], "publish": "on", "action": "importar"}, follow=True)
    before, stored = _counts(), _storage_files(media)

    rows = [
        minutes_row(files="minuta.pdf", title="Minuta corregida"),
        minutes_row(slug="otra-sesion", files="minuta.pdf"),
        minutes_row(slug="sesion-nueva", files="nueva.pdf"),
        minutes_row(slug="mala", date="2022-13"),
    ]
    response = client.post(URL, {"manifest": upload(rows), "files": [pdf(), pdf("nueva.pdf", "Otra sesion")],
                                 "publish": "on", "action": "revisar"}, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Revisión: todavía no se importó nada." in html
    assert "se actualizaría" in html and "sin cambios" in html and "se crearía" in html and "se publicaría" in html
    assert "«2022-13» no es una fecha válida" in html
    assert "1 se crearía" in html and "1 se actualizaría" in html and "1 con error" in html
    assert "creado" not in html and "actualizado" not in html
    # The rows of documents that exist link to them; the one that would be created does not exist.
    page = MinutesPage.objects.get(slug="sesion-2022-03-04")
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert _counts() == before and _storage_files(media) == stored
    token = re.search(r'name="preview" value="([^"]+)"', html).group(1)
    assert 'value="confirmar"' in html

    response = client.post(URL, {"action": "confirmar", "preview": token}, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 creado" in html and "1 actualizado" in html and "1 sin cambios" in html and "1 con error" in html
    assert "Revisión" not in html
    assert MinutesPage.objects.get(slug="sesion-2022-03-04").live
    assert MinutesPage.objects.get(slug="sesion-nueva").get_latest_revision_as_object().attachments.count() == 1
    assert not list(preview_dir.iterdir())  # the kept upload is gone once imported

    again = client.post(URL, {"action": "confirmar", "preview": token}, follow=True)
    assert again.status_code == 400 and "Esa revisión ya no está" in again.content.decode()


def test_only_who_reviewed_may_import_the_review(client, editor, publisher):
    client.force_login(editor)
    html = client.post(URL, {"manifest": upload([minutes_row(files="minuta.pdf")]), "files": [pdf()],
                             "action": "revisar"}, follow=True).content.decode()
    assert "<td>se crearía</td>" in html and "<td>quedaría en borrador</td>" in html
    token = re.search(r'name="preview" value="([^"]+)"', html).group(1)

    client.force_login(publisher)
    assert client.post(URL, {"action": "confirmar", "preview": token}, follow=True).status_code == 400
    assert not MinutesPage.objects.exists()

    client.force_login(editor)
    html = client.post(URL, {"action": "confirmar", "preview": token}, follow=True).content.decode()
    assert "<td>creado</td>" in html and "<td>borrador</td>" in html and MinutesPage.objects.filter(slug="sesion-2022-03-04").exists()


def test_a_review_with_nothing_to_change_offers_no_import(client, publisher, preview_dir):
    client.force_login(publisher)
    rows = [minutes_row(files="minuta.pdf")]
    client.post(URL, {"manifest": upload(rows), "files": [pdf()], "action": "importar"}, follow=True)
    html = client.post(URL, {"manifest": upload(rows), "files": [pdf()], "action": "revisar"}, follow=True).content.decode()
    assert "No hay nada que importar" in html and 'value="confirmar"' not in html
    assert not list(preview_dir.iterdir())
