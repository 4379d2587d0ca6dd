"""Uploads with the database backend, as the site runs: the request stores the file and queues its
reading; a worker (here in the test's process and transaction) reads it; the editor sees each state."""

import datetime
import socket
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection, ReferenceIndex

from archive.attachments import analysis, steps
from archive.attachments.models import ArchiveDocument
from archive.attachments.steps import Step
from archive.pages.models import ReportPage
from archive.worker.models import WorkerProcess
from archive.worker.runner import Interrupted, requeue_abandoned
from tests.factories import make_document, make_file, make_site, minimal_pdf

from .conftest import run_worker

pytestmark = pytest.mark.django_db

READ_FILE = "archive.attachments.analysis.read_file"


def words(response):
    html = response.json()["html"] if response["Content-Type"].startswith("application/json") else response.content
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def upload(client, name, content):
    return client.post(reverse("wagtaildocs:add"), {
        "title": name, "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk, "language": "es",
    })


def test_an_upload_stores_the_file_and_queues_its_reading_which_a_worker_does(admin_client, queued):
    response = upload(admin_client, "minuta.pdf", minimal_pdf("Orden del dia", "Acuerdos sobre presupuesto", "Firmas"))
    assert response.status_code == 302
    document = ArchiveDocument.objects.get()
    # Settled in the request: what the file is, its checksum and size.
    assert (document.format_key, document.analysis_state) == ("pdf", "queued")
    assert len(document.sha256) == 64 and document.file_size > 0
    # Left to the worker: text, pages, thumbnail.
    assert (document.text_pages, document.page_count, document.thumbnail.name) == ([], None, "")
    job = DBTaskResult.objects.get(task_path=READ_FILE)
    assert (job.status, job.queue_name) == ("READY", "analysis")
    assert job.args_kwargs["args"][:2] == [document.pk, document.sha256]

    # The editor sees it queued in the listing, the chooser and the file's page.
    listing = words(admin_client.get(reverse("wagtaildocs:index")))
    assert "Lectura" in listing and "en cola" in listing
    assert "por leer" in listing and "Sin texto que extraer" not in listing
    assert "en cola" in words(admin_client.get(reverse("wagtaildocs_chooser:choose")))
    assert "En cola. Su texto, sus páginas y su miniatura aparecerán" in words(
        admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])))

    run_worker()
    document.refresh_from_db()
    assert document.analysis_state == "done"
    assert document.text_pages == ["Orden del dia", "Acuerdos sobre presupuesto", "Firmas"]
    assert document.page_count == 3 and document.thumbnail
    assert document.analysis_started_at <= document.analysis_finished_at
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert "listo" in words(admin_client.get(reverse("wagtaildocs:index")))
    assert "listo" in words(admin_client.get(reverse("wagtaildocs_chooser:choose")))


def test_images_and_videos_have_nothing_to_read_and_are_ready_at_once(queued):
    video = make_file("sesion.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    assert video.analysis_state == "done"
    assert not DBTaskResult.objects.filter(task_path=READ_FILE).exists()


def test_when_the_reading_ends_the_documents_holding_the_file_are_found_by_its_text(client, queued):
    make_site()
    pdf = make_file("lineamientos.pdf", minimal_pdf("Portada", "Cronograma de sesiones"))
    make_document(ReportPage, "Lineamientos de trabajo", summary="Reglas.", attachments=[pdf])
    assert client.get("/api/buscar/", {"q": "cronograma"}).json()["count"] == 0
    run_worker()
    result = client.get("/api/buscar/", {"q": "cronograma"}).json()["results"][0]
    assert result["title"] == "Lineamientos de trabajo"
    assert result["passage"]["url"].endswith("#page=2")


def test_a_pdf_named_after_its_file_takes_its_own_title_once_read_unless_the_editor_renamed_it(admin_client, queued):
    from tests.attachments.test_duplicates_and_titles import pdf_titled

    upload(admin_client, "informe-final.pdf", pdf_titled("Informe final de la mesa de cocreación"))
    upload(admin_client, "acta-2.pdf", pdf_titled("Acta de la segunda sesión"))
    kept, renamed = ArchiveDocument.objects.order_by("pk")
    assert kept.title == "Informe final"  # from its name, until it is read
    ArchiveDocument.objects.filter(pk=renamed.pk).update(title="Acta corregida por la editora")
    run_worker()
    kept.refresh_from_db()
    renamed.refresh_from_db()
    assert kept.title == "Informe final de la mesa de cocreación"
    assert renamed.title == "Acta corregida por la editora"


def test_the_file_says_how_far_its_reading_got_and_a_step_can_be_added(queued, monkeypatch):
    seen = []

    class Look(Step):
        """A step after the text (where OCR will go): it sees what the editor would see."""

        def applies(self, document):
            return document.format_key == "pdf"

        def run(self, reading):
            row = ArchiveDocument.objects.get(pk=reading.document.pk)
            seen.append((row.analysis_state, row.analysis_label))

    monkeypatch.setattr(analysis, "PROGRESS_EVERY", 0)
    monkeypatch.setattr(steps, "STEPS", [steps.STEPS[0], Look(), *steps.STEPS[1:]])
    make_file("acta.pdf", minimal_pdf("Uno", "Dos", "Tres"))
    run_worker()
    assert seen == [("running", "leyendo: texto, página 3 de 3")]


def test_a_job_for_a_file_since_replaced_leaves_the_new_file_to_its_own_job(queued):
    document = make_file("acta.pdf", minimal_pdf("Primera version"))
    document.file = ContentFile(minimal_pdf("Segunda version"), name="acta.pdf")
    document.save()
    assert DBTaskResult.objects.filter(task_path=READ_FILE, status="READY").count() == 2
    run_worker()
    document.refresh_from_db()
    assert (document.analysis_state, document.text_pages) == ("done", ["Segunda version"])
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def gone_pid():
    """The id of a process that has ended."""
    process = subprocess.Popen(["true"])  # noqa: S607
    process.wait()
    return process.pid


def test_jobs_of_a_worker_that_died_go_back_to_the_queue_and_are_read(queued):
    now = timezone.now()
    here = socket.gethostname()
    workers = {
        "muerto": (here, gone_pid(), now),  # its process is gone from this machine
        "callado": ("otra-maquina", 4321, now - datetime.timedelta(minutes=5)),  # silent for too long
        "vivo": ("otra-maquina", 4321, now),
    }
    files = {}
    for worker_id, (hostname, pid, seen_at) in workers.items():
        WorkerProcess.objects.create(worker_id=worker_id, hostname=hostname, pid=pid, queues="*",
                                     started_at=now, seen_at=seen_at)
        document = make_file(f"{worker_id}.pdf", minimal_pdf(f"Leido por {worker_id}"))
        DBTaskResult.objects.get(args_kwargs__args__0=document.pk).claim(worker_id)
        ArchiveDocument.objects.filter(pk=document.pk).update(
            analysis_state="running", analysis_attempts=1, analysis_progress="texto, página 1 de 1")
        files[worker_id] = document

    assert requeue_abandoned("default") == 2
    states = {worker_id: DBTaskResult.objects.get(args_kwargs__args__0=document.pk).status
              for worker_id, document in files.items()}
    assert states == {"muerto": "READY", "callado": "READY", "vivo": "RUNNING"}
    back = ArchiveDocument.objects.get(pk=files["muerto"].pk)
    assert (back.analysis_state, back.analysis_progress, back.analysis_attempts) == ("queued", "", 1)
    assert set(WorkerProcess.objects.values_list("worker_id", flat=True)) == {"vivo"}

    run_worker()
    back.refresh_from_db()
    # The killed try counts: a file that kills every worker ends as failed, not in a loop.
    assert (back.analysis_state, back.text_pages, back.analysis_attempts) == ("done", ["Leido por muerto"], 2)


def test_a_job_stopped_in_the_middle_goes_back_to_the_queue_without_counting_as_a_try(queued, monkeypatch):
    class Stopped(Step):
        def applies(self, document):
            return True

        def run(self, reading):
            raise Interrupted("SIGTERM")  # what the worker raises in the job when told to stop

    document = make_file("acta.pdf", minimal_pdf("Acta"))
    monkeypatch.setattr(steps, "STEPS", [Stopped()])
    run_worker(max_tasks=1)
    job = DBTaskResult.objects.get(task_path=READ_FILE)
    assert (job.status, job.started_at) == ("READY", None)
    document.refresh_from_db()
    assert (document.analysis_state, document.analysis_attempts) == ("queued", 0)


def test_wagtails_own_jobs_wait_on_the_default_queue_and_the_worker_runs_them(queued):
    make_site()
    pdf = make_file("acta.pdf", minimal_pdf("Acta"))
    make_document(ReportPage, "Informe con acta", attachments=[pdf])
    references = DBTaskResult.objects.filter(task_path="wagtail.tasks.update_reference_index_task")
    assert references.exists() and set(references.values_list("queue_name", flat=True)) == {"default"}
    assert not ReferenceIndex.get_references_to(pdf).exists()
    run_worker()
    assert ReferenceIndex.get_references_to(pdf).exists()
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
