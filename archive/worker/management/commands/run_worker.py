"""Run the archive's background jobs: reading uploaded files and Wagtail's own jobs.

django-tasks-db's db_worker with the same options, except that it serves
every queue by default (--queue-name analysis, or default, for one), never
reloads itself, and loses no job when stopped or killed (archive/worker/runner.py).
"""

import os
import socket

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from archive.attachments.ocr import queue_waiting as queue_waiting_ocr
from archive.worker.runner import ArchiveWorker


class Command(DbWorkerCommand):
    help = "Ejecuta los trabajos en segundo plano del archivo (lectura de archivos, tareas de Wagtail) hasta que se le detiene."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Reloading restarts the process in the middle of a job; a worker
        # that picks up code changes is stopped and started again instead.
        parser.set_defaults(queue_name="*", reload=False, worker_id=None)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, max_tasks, worker_id,
               exclude_queues, **options):
        self.configure_logging(verbosity)
        # Who ran a job, readable in its row: this machine and process.
        worker_id = worker_id or f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"
        worker = ArchiveWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        # Files left «pendiente de OCR» before OCRmyPDF was installed are read again now that it is.
        queue_waiting_ocr()
        worker.run()
