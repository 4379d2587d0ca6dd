"""The workers that are running, as each last said it was alive.

django-tasks-db marks a job RUNNING when a worker takes it and never looks
back: a worker killed in the middle (SIGKILL, out of memory, the machine
restarted) leaves the job RUNNING for good. Each worker writes its row here
every WORKER_HEARTBEAT_SECONDS; a job held by a worker that stopped writing,
or whose process is gone from this machine, goes back to the queue
(archive/worker/runner.py).
"""

from django.db import models


class WorkerProcess(models.Model):
    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    queues = models.CharField(max_length=255)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = "proceso de trabajos"
        verbose_name_plural = "procesos de trabajos"
