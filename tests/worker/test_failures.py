"""A reading that fails is tried again later, a limited number of times, and keeps its error."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from archive.attachments import steps
from archive.attachments.models import ArchiveDocument
from archive.attachments.steps import Step
from tests.factories import make_file, minimal_pdf

from .conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def fail_on_task_errors():
    """Failed jobs are what these tests are about: the suite's guard against them stands aside."""
    yield


class Broken(Step):
    def applies(self, document):
        return True

    def run(self, reading):
        raise RuntimeError("PDFium se detuvo")


READ_FILE = "archive.attachments.analysis.read_file"


def due_now():
    """Time passes: the retries waiting for later are due."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_a_failing_reading_is_tried_again_later_then_marked_failed_with_its_reason(queued, monkeypatch, settings):
    settings.ARCHIVE_ANALYSIS_MAX_ATTEMPTS = 3
    settings.ARCHIVE_ANALYSIS_RETRY_SECONDS = 60
    monkeypatch.setattr(steps, "STEPS", [Broken()])
    document = make_file("acta.pdf", minimal_pdf("Acta"))
    why = "error inesperado (RuntimeError: PDFium se detuvo)"

    for attempt, wait in ((1, 60), (2, 120)):
        started = timezone.now()
        run_worker()
        document.refresh_from_db()
        assert document.analysis_state == "queued"
        assert document.analysis_error == f"el intento {attempt} de 3 falló: {why}"
        assert document.analysis_label == f"en cola, intento {attempt + 1} de 3"
        retry = DBTaskResult.objects.get(task_path=READ_FILE, status="READY")
        assert started + datetime.timedelta(seconds=wait - 5) < retry.run_after
        assert retry.run_after < timezone.now() + datetime.timedelta(seconds=wait + 5)
        due_now()

    run_worker()
    document.refresh_from_db()
    assert (document.analysis_state, document.analysis_label) == ("failed", f"falló: {why}")
    assert document.analysis_finished_at is not None
    # Each try keeps its error, and nothing is left to run.
    readings = DBTaskResult.objects.filter(task_path=READ_FILE)
    assert list(readings.values_list("status", flat=True)) == ["FAILED"] * 3
    assert all("RuntimeError: PDFium se detuvo" in job.traceback for job in readings)


def test_a_file_missing_from_storage_says_so(queued, settings):
    settings.ARCHIVE_ANALYSIS_MAX_ATTEMPTS = 1
    document = make_file("acta.pdf", minimal_pdf("Acta"))
    document.file.storage.delete(document.file.name)
    run_worker()
    document.refresh_from_db()
    assert document.analysis_label == "falló: el archivo no está en el almacenamiento"


def test_a_file_whose_readings_never_end_is_marked_failed_instead_of_read_for_ever(queued, settings):
    settings.ARCHIVE_ANALYSIS_MAX_ATTEMPTS = 3
    document = make_file("acta.pdf", minimal_pdf("Acta"))
    # Three workers were killed reading it: each try was put back in the queue.
    ArchiveDocument.objects.filter(pk=document.pk).update(analysis_attempts=3)
    run_worker()
    document.refresh_from_db()
    assert document.analysis_label == "falló: la lectura se interrumpió 3 veces sin terminar"
    assert not DBTaskResult.objects.filter(task_path=READ_FILE, status="READY").exists()


def test_without_a_worker_a_failure_is_retried_at_once_and_ends_failed(monkeypatch, settings):
    # The immediate backend (TASKS_BACKEND=immediate) cannot wait: it tries again at once.
    settings.ARCHIVE_ANALYSIS_MAX_ATTEMPTS = 2
    monkeypatch.setattr(steps, "STEPS", [Broken()])
    document = make_file("acta.pdf", minimal_pdf("Acta"))
    assert (document.analysis_state, document.analysis_attempts) == ("failed", 2)
