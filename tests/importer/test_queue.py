"""The import with the database backend, as the site runs it: the request stores the upload and
queues the run; a worker (here in the test's process and transaction) goes through the rows and then
reads the files; the editor follows both on the run's page and finds the report there afterwards."""

import re

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from archive.attachments.models import ArchiveDocument
from archive.importer import runner
from archive.importer.models import ImportRun
from archive.pages.models import MinutesPage
from archive.worker.runner import Interrupted
from tests.factories import minimal_pdf
from tests.worker.conftest import run_worker

from .manifests import csv_text, minutes_row

URL = reverse("importer_import")


def words(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def rows(count):
    return [minutes_row(slug=f"sesion-{n}", title=f"Minuta de la sesión {n}", files=f"minuta-{n}.pdf",
                        actors="", axes="", elements="", phase="") for n in range(1, count + 1)]


def send(client, rows_, action="importar", publish=False):
    manifest = SimpleUploadedFile("manifiesto.csv", csv_text(rows_).encode("utf-8"), content_type="text/csv")
    files = [SimpleUploadedFile(f"minuta-{n}.pdf", minimal_pdf(f"Acuerdos de la sesion numero {n} sobre el presupuesto"))
             for n in range(1, len(rows_) + 1)]
    data = {"manifest": manifest, "files": files, "action": action}
    if publish:
        data["publish"] = "on"
    return client.post(URL, data)


def test_the_request_only_queues_the_import_and_its_page_follows_rows_then_files(client, publisher, queued):
    client.force_login(publisher)
    response = send(client, rows(3), publish=True)

    # Returned at once: nothing imported yet, the run waits for a worker.
    assert response.status_code == 303
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("importer_run", args=[run.pk])
    assert not MinutesPage.objects.exists() and not ArchiveDocument.objects.exists()
    page = client.get(response["Location"])
    text = words(page)
    assert "En cola" in text and "No hay ningún proceso de trabajos en marcha" in text
    assert 'max="3" value="0" data-importer-progress' in page.content.decode()
    assert client.get(response["Location"], {"formato": "json"}).json() == {
        "estado": "queued", "estado_texto": "en cola", "filas_hechas": 0, "filas": 3, "archivos": None,
        "terminada": False}
    # The form lists it, for an editor who closed the tab.
    assert reverse("importer_run", args=[run.pk]) in client.get(URL).content.decode()

    run_worker(queue_names=["default"])  # the rows, not yet the files

    text = words(client.get(response["Location"]))
    assert "3 creados" in text and "0 con error" in text
    assert "0 de 3 archivos leídos; 3 en cola o leyéndose" in text
    assert all(page.live for page in MinutesPage.objects.all())
    assert set(ArchiveDocument.objects.values_list("analysis_state", flat=True)) == {"queued"}
    assert DBTaskResult.objects.filter(task_path="archive.attachments.analysis.read_file", status="READY").count() == 3

    run_worker()

    status = client.get(response["Location"], {"formato": "json"}).json()
    assert status["terminada"] and status["archivos"] == {"total": 3, "pending": 0, "failed": 0, "read": 3}
    assert "3 de 3 archivos leídos" in words(client.get(response["Location"]))
    assert "presupuesto" in ArchiveDocument.objects.first().full_text


def test_a_review_runs_in_the_worker_and_its_import_is_a_run_of_its_own(client, publisher, queued):
    client.force_login(publisher)
    review = send(client, rows(2), action="revisar")
    assert "En cola" in words(client.get(review["Location"]))
    run_worker()

    html = client.get(review["Location"]).content.decode()
    assert "2 se crearían" in html and not MinutesPage.objects.exists()
    token = re.search(r'name="preview" value="([^"]+)"', html).group(1)

    confirmed = client.post(URL, {"action": "confirmar", "preview": token})
    assert confirmed.status_code == 303 and confirmed["Location"] != review["Location"]
    # The review no longer offers «Importar»: its upload went to the import.
    assert 'value="confirmar"' not in client.get(review["Location"]).content.decode()
    run_worker()
    assert "2 creados" in words(client.get(confirmed["Location"]))
    assert MinutesPage.objects.count() == 2


def test_someone_elses_run_is_not_found(client, publisher, editor, queued):
    client.force_login(editor)
    response = send(client, [minutes_row(files="minuta-1.pdf", actors="", axes="", elements="", phase="")])
    run_url = response["Location"]
    other = get_user_model().objects.create_user("otra", "otra@example.org", "clave-segura")
    other.groups.set(editor.groups.all())
    client.force_login(other)
    assert client.get(run_url).status_code == 404
    assert client.get(run_url, {"formato": "json"}).status_code == 404
    client.force_login(publisher)  # an administrator may follow anyone's import
    assert client.get(run_url).status_code == 200


def test_a_worker_stopped_in_the_middle_goes_on_from_where_it_was(client, publisher, queued, monkeypatch):
    client.force_login(publisher)
    response = send(client, rows(3))
    original, calls = runner.Importer.import_row, []

    def stopped_at_the_third_row(self, number, row):
        calls.append(number)
        if number == 3 and calls.count(3) == 1:
            raise Interrupted("SIGTERM")
        return original(self, number, row)

    monkeypatch.setattr(runner.Importer, "import_row", stopped_at_the_third_row)
    run_worker(queue_names=["default"], max_tasks=1)

    run = ImportRun.objects.get()
    assert run.state == "queued" and run.done == 2  # back in the queue, two rows kept
    assert "En cola" in words(client.get(response["Location"]))
    assert MinutesPage.objects.count() == 2

    run_worker(queue_names=["default"])

    text = words(client.get(response["Location"]))
    # The first two rows are reported as they happened, not as «sin cambios».
    assert "3 creados" in text
    assert calls == [1, 2, 3, 3]


def test_an_upload_gone_before_the_run_stops_it_with_a_reason(client, publisher, queued, preview_dir):
    client.force_login(publisher)
    response = send(client, rows(1))
    run = ImportRun.objects.get()
    for path in sorted(preview_dir.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()

    run_worker()

    text = words(client.get(response["Location"]))
    assert "se detuvo" in text and "los archivos subidos ya no están" in text
    run.refresh_from_db()
    assert run.state == "failed" and not MinutesPage.objects.exists()


def test_the_command_stores_files_for_the_worker_to_read(archive, folder, queued, capsys):
    manifest = folder / "manifiesto.csv"
    manifest.write_text(csv_text([minutes_row(files="archivos/minuta.pdf", actors="", axes="", elements="",
                                              phase="")]), encoding="utf-8")
    call_command("import_documents", str(manifest))
    out = capsys.readouterr().out
    assert "1 archivo en cola de lectura" in out
    document = ArchiveDocument.objects.get()
    assert (document.analysis_state, document.text_pages) == ("queued", [])

    run_worker()

    document.refresh_from_db()
    assert document.analysis_state == "done" and "Nucleo Promotor" in document.full_text
