"""Reading uploaded files in the worker (queue "analysis"), not in the editor's request.

The upload stores the file and queues ``read_file`` (steps.py says what is
read). The job marks the file «leyendo» and how far it got, stores what it
read and marks it «listo»; saving the file reindexes the documents that hold
it (search/signals.py schedules search/indexing.py), so their text enters
the search when the reading ends.

A job that fails is tried again ANALYSIS_RETRY_SECONDS later, then twice
that, up to ARCHIVE_ANALYSIS_MAX_ATTEMPTS tries in all; each failed job keeps
its traceback (django-tasks-db's row) and the file keeps the reason, in
Spanish, shown as «falló: …». A job cut off by a worker killed in the middle
goes back to the queue (archive/worker/runner.py) and counts as a try, so a
file that kills every worker that reads it ends «falló» instead of forever.

Each job names the file's SHA-256: a job for a file since replaced finds
nothing to do, and the new file's own job reads it.
"""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from archive.worker.jobs import enqueue, enqueue_later, runs_inline
from archive.worker.signals import job_requeued

from .models import ArchiveDocument
from .steps import AnalysisState, apply_corrections, read

logger = logging.getLogger(__name__)

# What the worker writes back, besides the title.
READ_FIELDS = [
    "text_pages", "text_status", "text_note", "page_count", "thumbnail", "thumbnail_width", "thumbnail_height",
    "ocr_pages", "ocr_copy",
    "analysis_state", "analysis_error", "analysis_progress", "analysis_finished_at",
]
# How often, at most, the progress is written (one write per page of a fast PDF would cost more than reading it).
PROGRESS_EVERY = 0.5


class GaveUp(Exception):
    """The file was tried as many times as allowed."""


def reason(exc):
    """Why a reading failed, in a few Spanish words for the editor."""
    if isinstance(exc, FileNotFoundError):
        return "el archivo no está en el almacenamiento"
    if isinstance(exc, MemoryError):
        return "el archivo necesita más memoria de la que hay"
    if isinstance(exc, GaveUp):
        return str(exc)
    if isinstance(exc, OSError):
        return f"no se pudo leer el archivo guardado ({exc.strerror or exc})"[:400]
    return f"error inesperado ({type(exc).__name__}: {exc})"[:400]


def queue_reading(document, replace_title=""):
    """Queue the reading of a file just stored; ``replace_title`` is the title its own may replace."""
    enqueue(read_file, document.pk, document.sha256, replace_title)
    if runs_inline(read_file):
        # Read already, by another instance of the row: this one shows the result too.
        document.refresh_from_db(fields=[*READ_FIELDS, "title", "analysis_attempts", "analysis_started_at"])


class Progress:
    def __init__(self, rows):
        self.rows = rows
        self.written = 0.0

    def __call__(self, text):
        now = time.monotonic()
        if now - self.written < PROGRESS_EVERY:
            return
        self.written = now
        try:
            self.rows.update(analysis_progress=text[:100])
        except DatabaseError as exc:  # progress is a courtesy: a busy database must not stop the reading
            logger.info("Progress of a file's reading not written: %s", exc)


# Below Wagtail's jobs (priority 0): a worker serving both queues updates a
# reference index in between two long PDFs, not after them.
@task(queue_name="analysis", priority=-10)
def read_file(document_id, sha256, replace_title=""):
    rows = ArchiveDocument.objects.filter(pk=document_id, sha256=sha256)
    document = rows.first()
    if document is None:
        return "sin cambios: el archivo se borró o se reemplazó"
    limit = settings.ARCHIVE_ANALYSIS_MAX_ATTEMPTS
    attempt = document.analysis_attempts + 1
    rows.update(analysis_state=AnalysisState.RUNNING, analysis_attempts=attempt, analysis_progress="",
                analysis_started_at=timezone.now(), analysis_finished_at=None)
    try:
        if attempt > limit:
            # The earlier tries never ended: their workers were killed reading it.
            raise GaveUp(f"la lectura se interrumpió {attempt - 1} veces sin terminar")
        with document.open_file() as stored:
            data = stored.read()
        reading = read(document, data, report=Progress(rows))
        store(document, sha256, reading, replace_title)
    except Exception as exc:
        failed(rows, document_id, sha256, replace_title, attempt, limit, exc)
        raise
    return {"páginas": document.page_count, "texto": document.text_status}


def store(document, sha256, reading, replace_title):
    with transaction.atomic():
        current = ArchiveDocument.objects.select_for_update().filter(pk=document.pk, sha256=sha256).first()
        if current is None:
            return  # replaced while it was read: the new file has its own job
        fields = list(READ_FIELDS)
        document.thumbnail = current.thumbnail  # a try killed after storing its picture left it there
        document.set_thumbnail(reading.thumbnail)
        document.ocr_copy = current.ocr_copy
        document.set_ocr_copy(reading.ocr_copy)
        # An editor may have corrected a page while the file was being read: the stored corrections win.
        document.text_corrections = current.text_corrections
        apply_corrections(document)
        if replace_title and reading.title and current.title == replace_title:
            # The editor kept the title made from the file's name: the file's own title is better.
            document.title = reading.title
            fields.append("title")
        document.mark_read(reading.state)
        # Saved, not updated: the documents holding the file are reindexed
        # (search/signals.py) and the page cache renewed, as for any file change.
        document.save(update_fields=fields)


def failed(rows, document_id, sha256, replace_title, attempt, limit, exc):
    why = reason(exc)
    if attempt < limit and not isinstance(exc, GaveUp):
        logger.warning("Reading file %s failed (try %d of %d), tried again later: %s", document_id, attempt, limit, why)
        rows.update(analysis_state=AnalysisState.QUEUED, analysis_progress="",
                    analysis_error=f"el intento {attempt} de {limit} falló: {why}"[:500])
        delay = settings.ARCHIVE_ANALYSIS_RETRY_SECONDS * 2 ** (attempt - 1)
        enqueue_later(read_file, delay, document_id, sha256, replace_title)
    else:
        logger.error("Reading file %s failed for good after %d tries: %s", document_id, attempt, why)
        rows.update(analysis_state=AnalysisState.FAILED, analysis_progress="", analysis_error=why[:500],
                    analysis_finished_at=timezone.now())


@receiver(job_requeued, dispatch_uid="attachments-reading-requeued")
def reading_requeued(sender, job, interrupted, **kwargs):
    """A reading put back in the queue is «en cola» again; one a stop cut short does not count as a try."""
    if job.task_path != read_file.module_path:
        return
    document_id, sha256 = job.args_kwargs["args"][:2]
    rows = ArchiveDocument.objects.filter(pk=document_id, sha256=sha256, analysis_state=AnalysisState.RUNNING)
    if interrupted:
        document = rows.first()
        if document is not None:
            rows.update(analysis_attempts=max(document.analysis_attempts - 1, 0))
    rows.update(analysis_state=AnalysisState.QUEUED, analysis_progress="")
