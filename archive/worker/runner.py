"""The worker: django-tasks-db's, plus what it lacks to lose no job.

django-tasks-db's worker takes a job, marks it RUNNING and runs it. Two
ways of stopping it lost the job: a stop signal in the middle (the second
Ctrl-C, or systemd's SIGKILL after the first one waited too long) marked it
FAILED, and a worker killed outright left it RUNNING for ever. Here:

- asked to stop (SIGTERM, SIGINT) while a job runs, the worker interrupts
  the job and puts it back in the queue, then exits: a stop is prompt even
  in the middle of a 300-page PDF, and the job runs again on the next worker;
- every worker says it is alive (WorkerProcess) every
  WORKER_HEARTBEAT_SECONDS from a thread; the jobs held by a worker that went
  silent for three times that, or whose process no longer exists on this
  machine, go back to the queue, looked for when a worker starts and at
  every heartbeat;
- finished jobs are deleted after WORKER_KEEP_RESULTS_DAYS (failed ones after
  ten times as long, so their errors can still be read).

A job that goes back to the queue sends ``job_requeued`` (archive/worker/signals.py).
"""

import logging
import os
import signal
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import WorkerProcess
from .signals import job_requeued

logger = logging.getLogger("archive.worker")

PRUNE_EVERY = timedelta(hours=1)


class Interrupted(BaseException):
    """Raised inside a job when its worker is asked to stop: the job goes back to the queue, it has not failed."""


def stale_after():
    return timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS)


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_dead(worker, now, hostname):
    if worker.seen_at < now - stale_after():
        return True
    # On this machine there is no need to wait for the silence: a worker
    # whose process is gone is dead now.
    return worker.hostname == hostname and not process_exists(worker.pid)


def put_back(job, interrupted):
    """READY again, as if never taken; False if it was no longer RUNNING."""
    moved = DBTaskResult.objects.filter(pk=job.pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None,
    )
    if moved:
        job_requeued.send(sender=DBTaskResult, job=job, interrupted=interrupted)
    return bool(moved)


def requeue_abandoned(backend_name, now=None):
    """Put back in the queue the jobs whose worker died holding them; returns how many."""
    now = now or timezone.now()
    hostname = socket.gethostname()
    workers = {worker.worker_id: worker for worker in WorkerProcess.objects.all()}
    dead = {worker_id for worker_id, worker in workers.items() if is_dead(worker, now, hostname)}
    requeued = 0
    for job in DBTaskResult.objects.running().filter(backend_name=backend_name):
        holder = job.worker_ids[-1] if job.worker_ids else None
        if holder in workers:
            abandoned = holder in dead
        else:
            # A worker that never registered (gone before its first
            # heartbeat, or from before this table): wait out the silence.
            abandoned = job.started_at is None or job.started_at < now - stale_after()
        if abandoned and put_back(job, interrupted=False):
            logger.warning("Job %s (%s) of worker %s, which stopped answering, is back in the queue",
                           job.pk, job.task_path, holder)
            requeued += 1
    if dead:
        WorkerProcess.objects.filter(worker_id__in=dead).delete()
    return requeued


def prune_results(now=None):
    now = now or timezone.now()
    keep = timedelta(days=settings.WORKER_KEEP_RESULTS_DAYS)
    DBTaskResult.objects.successful().filter(finished_at__lt=now - keep).delete()
    DBTaskResult.objects.failed().filter(finished_at__lt=now - 10 * keep).delete()


class Heartbeat(threading.Thread):
    def __init__(self, worker):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker = worker
        self.stopping = threading.Event()
        self.last_prune = None

    def run(self):
        try:
            while not self.stopping.wait(settings.WORKER_HEARTBEAT_SECONDS):
                try:
                    self.beat()
                except DatabaseError as exc:
                    # A busy SQLite file or a restarting PostgreSQL: try again at the next beat.
                    logger.warning("Worker heartbeat failed: %s", exc)
                finally:
                    close_old_connections()
        finally:
            connection.close()

    def beat(self):
        now = timezone.now()
        if not WorkerProcess.objects.filter(pk=self.worker.worker_id).update(seen_at=now):
            self.worker.register()
        requeue_abandoned(self.worker.backend_name, now)
        if self.last_prune is None or now - self.last_prune > PRUNE_EVERY:
            prune_results(now)
            self.last_prune = now

    def stop(self):
        self.stopping.set()


class ArchiveWorker(Worker):
    def __init__(self, *, heartbeat=True, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat = heartbeat
        self.interruptible = False
        self.started_at = timezone.now()

    def register(self):
        now = timezone.now()
        WorkerProcess.objects.filter(pk=self.worker_id).delete()
        WorkerProcess.objects.bulk_create([WorkerProcess(
            worker_id=self.worker_id, hostname=socket.gethostname(), pid=os.getpid(),
            queues=",".join(self.queue_names)[:255], started_at=self.started_at, seen_at=now,
        )])

    def run(self):
        requeue_abandoned(self.backend_name)
        beat = None
        if self.heartbeat:
            self.register()
            beat = Heartbeat(self)
            beat.start()
        try:
            super().run()
        finally:
            if beat is not None:
                beat.stop()
                beat.join(timeout=10)
                try:
                    WorkerProcess.objects.filter(pk=self.worker_id).delete()
                except DatabaseError:
                    logger.warning("Worker %s could not remove its own row", self.worker_id)

    def shutdown(self, signum, frame):
        if self.running and self.running_task and self.interruptible:
            self.running = False
            logger.warning("Received %s: the job in progress goes back to the queue; stopping.", signal.strsignal(signum))
            raise Interrupted(signal.strsignal(signum))
        super().shutdown(signum, frame)

    def run_task(self, db_task_result):
        # django-tasks-db's run_task, with the job put back in the queue when
        # the worker is stopped in the middle instead of marked as failed.
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            self.interruptible = True
            try:
                if task.takes_context:
                    return_value = task.call(TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs)
                else:
                    return_value = task.call(*task_result.args, **task_result.kwargs)
            finally:
                self.interruptible = False
            db_task_result.set_successful(return_value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except (Interrupted, KeyboardInterrupt, SystemExit) as exc:
            put_back(db_task_result, interrupted=True)
            if not isinstance(exc, Interrupted):
                raise
        except BaseException as exc:
            db_task_result.set_failed(exc)
            try:
                sender = type(db_task_result.task.get_backend())
                task_result = db_task_result.task_result
            except (ImportError, SuspiciousOperation):
                logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
            else:
                task_finished.send(sender=sender, task_result=task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1
