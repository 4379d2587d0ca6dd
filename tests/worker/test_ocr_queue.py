"""A scanned PDF read by the worker, as the site runs it: the editor sees «OCR página n de m»,
and a file left «pendiente de OCR» is queued again when a worker starts with OCR installed."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from archive.attachments import analysis, ocr
from archive.attachments.models import ArchiveDocument
from tests.attachments.scans import scanned_pdf
from tests.attachments.test_ocr import SCANNED_TEXT, requires_ocr
from tests.factories import make_file

from .conftest import run_worker

pytestmark = [pytest.mark.django_db, requires_ocr]


def test_the_files_listing_shows_the_ocr_page_being_read(queued, admin_client, monkeypatch):
    seen = []
    write = analysis.Progress.__call__

    def look(progress, text):
        write(progress, text)
        # What the files listing says at that moment, from the row the worker just wrote.
        row = ArchiveDocument.objects.get(pk=document.pk)
        if row.analysis_label.startswith("leyendo: OCR"):
            listing = BeautifulSoup(admin_client.get(reverse("wagtaildocs:index")).content, "html.parser")
            seen.append((row.analysis_label, row.analysis_label in " ".join(listing.get_text(" ").split())))

    monkeypatch.setattr(analysis, "PROGRESS_EVERY", 0)
    monkeypatch.setattr(analysis.Progress, "__call__", look)
    document = make_file("oficio.pdf", scanned_pdf(SCANNED_TEXT, "Segunda hoja del oficio, con sello y firma."))
    assert ArchiveDocument.objects.get(pk=document.pk).analysis_label == "en cola"
    run_worker()
    assert seen == [("leyendo: OCR página 1 de 2", True), ("leyendo: OCR página 2 de 2", True)]
    document.refresh_from_db()
    assert (document.analysis_label, document.ocr_pages) == ("listo", [1, 2])


def test_a_worker_starting_with_ocr_queues_the_files_that_waited(queued, settings):
    settings.ARCHIVE_OCR_COMMAND = "/nonexistent/ocrmypdf"
    document = make_file("oficio.pdf", scanned_pdf(SCANNED_TEXT))
    run_worker()
    document.refresh_from_db()
    assert document.analysis_label == "pendiente de OCR"
    settings.ARCHIVE_OCR_COMMAND = "ocrmypdf"
    assert ocr.queue_waiting() == 1  # run_worker's first act
    assert ocr.queue_waiting() == 0  # a second worker starting at once finds nothing to queue
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    document.refresh_from_db()
    assert (document.analysis_label, document.ocr_pages) == ("listo", [1])
