"""Many files at once: a browser sends at most DATA_UPLOAD_MAX_NUMBER_FILES in one form, so the
import takes a ZIP of them; more loose files get the form back saying so, not a bare error."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.attachments.models import ArchiveDocument
from archive.pages.models import MinutesPage
from tests.factories import minimal_pdf

from .manifests import csv_text, minutes_row

URL = reverse("importer_import")


def manifest(count):
    rows = [minutes_row(slug=f"sesion-{n}", files=f"archivos/minuta-{n}.pdf", actors="", axes="", elements="",
                        phase="") for n in range(count)]
    return SimpleUploadedFile("manifiesto.csv", csv_text(rows).encode("utf-8"), content_type="text/csv")


def zipped(entries, name="archivos.zip"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry_name, data in entries:
            archive.writestr(entry_name, data)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/zip")


def test_a_zip_of_the_files_imports_as_if_each_were_chosen(client, publisher):
    client.force_login(publisher)
    files = zipped([(f"lote/minuta-{n}.pdf", minimal_pdf(f"Sesion numero {n}")) for n in range(3)]
                   + [("__MACOSX/lote/._minuta-0.pdf", b"\x00\x05\x16\x07"), ("lote/", b"")])
    response = client.post(URL, {"manifest": manifest(3), "files": [files], "action": "importar"}, follow=True)
    assert response.status_code == 200
    assert "3 creados" in response.content.decode()
    assert MinutesPage.objects.count() == 3 and ArchiveDocument.objects.count() == 3
    assert "Sesion numero 2" in MinutesPage.objects.get(slug="sesion-2").attachments.get().document.full_text


def test_more_loose_files_than_a_form_carries_get_the_form_back_asking_for_a_zip(publisher, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    client = Client(enforce_csrf_checks=True)  # the refusal comes before the CSRF check, which reads the form
    client.force_login(publisher)
    files = [SimpleUploadedFile(f"minuta-{n}.pdf", minimal_pdf(f"Sesion {n}")) for n in range(4)]
    response = client.post(URL, {"manifest": manifest(4), "files": files, "action": "importar"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Elegiste más de 3 archivos sueltos" in html and "Ponlos en un ZIP" in html
    assert 'name="manifest"' in html  # the form, to send the ZIP from
    assert not MinutesPage.objects.exists()


def test_a_zip_that_cannot_be_imported_is_refused_with_its_reason(client, publisher, settings, preview_dir):
    client.force_login(publisher)
    settings.IMPORTER_ZIP_MAX_FILES = 2
    response = client.post(URL, {"manifest": manifest(3), "action": "importar",
                                 "files": [zipped([(f"minuta-{n}.pdf", minimal_pdf("x")) for n in range(3)])]})
    assert response.status_code == 400
    assert "«archivos.zip» trae 3 archivos; el máximo es 2" in response.content.decode()

    broken = SimpleUploadedFile("archivos.zip", b"PK\x03\x04" + b"\x00" * 200)
    response = client.post(URL, {"manifest": manifest(1), "files": [broken], "action": "importar"})
    assert response.status_code == 400 and "no se puede abrir como ZIP" in response.content.decode()
    assert not MinutesPage.objects.exists() and not ArchiveDocument.objects.exists()
    assert not preview_dir.exists() or not list(preview_dir.iterdir())
