"""Enqueueing the archive's own jobs.

With the database backend a job is a row in the same database as what it
works on, so it is written in the caller's transaction: the worker sees it
exactly when that transaction commits (never a job for an upload that was
rolled back), and no job is lost if the process dies between the commit and
an on_commit callback. Any other queued backend gets it after the commit.
The immediate backend runs it at once, inside the caller's transaction, as
the archive did before it had a worker.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend


def runs_inline(task):
    return isinstance(task.get_backend(), ImmediateBackend)


def enqueue(task, *args, **kwargs):
    """Queue ``task``; returns its TaskResult, or None when it will be queued after the commit."""
    if isinstance(task.get_backend(), DatabaseBackend | ImmediateBackend):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)
    return None


def enqueue_later(task, seconds, *args, **kwargs):
    """Queue ``task`` to run in ``seconds`` (at once where the backend cannot wait)."""
    if seconds and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=seconds))
    return enqueue(task, *args, **kwargs)
