import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision

from archive.attachments.models import ArchiveDocument
from archive.pages.models import DocumentIndexPage, MinutesPage
from tests.factories import minimal_pdf

from .manifests import csv_text, minutes_row

URL = reverse("importer_import")


@pytest.fixture
def editor(archive):
    """May add and edit minutes, not publish them, and nothing under other listings."""
    group = Group.objects.create(name="Captura de minutas")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    listing = DocumentIndexPage.objects.get(kind="minuta")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=listing, permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                                         codename=codename))
    user = get_user_model().objects.create_user("capturista", "capturista@example.org", "clave-segura")
    user.groups.add(group)
    return user


@pytest.fixture
def publisher(archive):
    return get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")


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
    assert "Solo comprobar (no cambia nada)" in html
    assert 'name="publish"' not in html and "tu cuenta no puede publicar" in html
    assert "Importar documentos" in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(publisher)
    assert 'name="publish"' in client.get(URL).content.decode()


def test_people_who_cannot_add_documents_are_refused(client, archive):
    reader = get_user_model().objects.create_user("lectora", "lectora@example.org", "clave-segura")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Tu cuenta no puede importar documentos" in response.content.decode()
    assert client.post(URL, {"manifest": upload([minutes_row()])}).status_code == 403
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
    response = client.post(URL, {"manifest": upload(rows), "files": [pdf(), fake], "publish": "on"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Resultado por fila del manifiesto" in html
    assert "1 creados" in html and "2 con error" in html
    assert "El archivo es una página web (HTML)" in html
    assert "no tienes permiso para crear documentos en" in html
    page = MinutesPage.objects.get(slug="sesion-2022-03-04")
    assert not page.live  # «publish» was sent, but this editor may not publish
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user=editor).exists()
    assert not Page.objects.filter(slug__in=["con-pagina-falsa", "ajena"]).exists()
    assert ArchiveDocument.objects.count() == 1


def test_a_dry_run_from_the_admin_changes_nothing(client, publisher):
    client.force_login(publisher)
    before = (Page.objects.count(), Revision.objects.count(), ArchiveDocument.objects.count())
    response = client.post(URL, {"manifest": upload([minutes_row(files="minuta.pdf")]), "files": [pdf()],
                                 "dry_run": "on", "publish": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Solo comprobación: no se cambió nada." in html and "1 creados" in html
    assert (Page.objects.count(), Revision.objects.count(), ArchiveDocument.objects.count()) == before


def test_a_publisher_publishes(client, publisher):
    client.force_login(publisher)
    client.post(URL, {"manifest": upload([minutes_row(files="minuta.pdf")]), "files": [pdf()], "publish": "on"})
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
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MinutesPage.objects.exists()
