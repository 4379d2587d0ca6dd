"""The import as a job of the worker: the admin's request only stores the upload and queues it.

A thousand rows take minutes; a request that long meets the server's
timeout and leaves the editor in front of a spinner. The job goes through
the rows as the command line does (runner.py) and writes how far it got
every PROGRESS_EVERY seconds, with the rows done so far, so a worker stopped
in the middle goes on from there when the job runs again: each row is its
own transaction, and one committed after the last write comes out «sin
cambios» the second time. A review (a dry run) keeps nothing, so it starts
again from the top.

The files the rows store are read afterwards by jobs of their own (queue
"analysis"); the run's page counts them as they are read.
"""

import dataclasses
import logging
import time
from pathlib import Path

from django.db import DatabaseError
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from archive.worker.signals import job_requeued

from . import preview as previews
from .manifest import ManifestError, read_manifest
from .models import ImportRun, RunState
from .runner import Importer, Report, RowResult

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 0.5


def report_of(run):
    """The run's rows as a runner.Report, for the results' template."""
    return Report(dry_run=run.review, rows=[RowResult(**row) for row in run.results])


class Writer:
    """Writes the run's progress now and then: one write per row would cost as much as the row."""

    def __init__(self, run, report, upload):
        self.run = run
        self.report = report
        self.upload = upload
        self.written = 0.0

    def __call__(self, done, total, force=False):
        now = time.monotonic()
        if not force and done < total and now - self.written < PROGRESS_EVERY:
            return
        self.written = now
        try:
            if self.run.review:
                self.upload.write_progress(done, total)
            else:
                # What a real run did is kept as it goes: the rest of the rows resume after it.
                ImportRun.objects.filter(pk=self.run.pk).update(
                    done=done, total=total, results=[dataclasses.asdict(row) for row in self.report.rows])
        except (DatabaseError, OSError) as exc:
            # Progress is a courtesy: a busy database or a full disk must not stop the run.
            logger.info("Progress of import %s not written: %s", self.run.pk, exc)


def stored_upload(run):
    upload = previews.load(run.folder) if run.folder else None
    if upload is None:
        raise Stopped(f"los archivos subidos ya no están (se guardan {previews.PREVIEW_HOURS} horas). "
                      "Sube el manifiesto otra vez.")
    return upload


class Stopped(Exception):
    """The run cannot go on; the message says why, in Spanish."""


@task(queue_name="default", priority=5)
def run_import(run_id):
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if run is None or run.finished:
        return "nada que hacer"
    ImportRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING, started_at=run.started_at or timezone.now())
    report = report_of(run)
    try:
        upload = stored_upload(run)
        name, data = upload.manifest()
        try:
            _, rows = read_manifest(data, name)
        except ManifestError as exc:
            raise Stopped(str(exc)) from exc
        writer = Writer(run, report, upload)
        importer = Importer(upload.source(), dry_run=run.review, publish=run.publish, user=run.user,
                            check_permissions=True, progress=writer)
        try:
            importer.run(rows, report)
        except BaseException:
            # Stopped by its worker, or failed: the rows done so far are kept for the next try.
            writer(len(report.rows), len(rows), force=True)
            raise
    except Stopped as exc:
        finish(run, report, RunState.FAILED, str(exc))
        return "se detuvo"
    except Exception as exc:
        finish(run, report, RunState.FAILED, "error inesperado; las filas ya hechas se quedan. "
               f"Vuelve a importar el manifiesto para terminar ({type(exc).__name__}).")
        raise  # the job keeps its traceback
    finish(run, report, RunState.DONE)
    return report.totals()


def finish(run, report, state, error=""):
    keep_upload = state == RunState.DONE and run.review and report.would_change
    if run.folder and not keep_upload:
        # Nothing to confirm, or imported: the kept upload has done its work.
        previews.discard(Path(run.folder))
    ImportRun.objects.filter(pk=run.pk).update(
        state=state, error=error, done=len(report.rows), finished_at=timezone.now(),
        results=[dataclasses.asdict(row) for row in report.rows],
        folder=run.folder if keep_upload else "",
    )


@receiver(job_requeued, dispatch_uid="importer-run-requeued")
def import_requeued(sender, job, interrupted, **kwargs):
    """An import put back in the queue (its worker stopped) shows «en cola» until a worker takes it again."""
    if job.task_path != run_import.module_path:
        return
    ImportRun.objects.filter(pk=job.args_kwargs["args"][0], state=RunState.RUNNING).update(state=RunState.QUEUED)
