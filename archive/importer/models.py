"""An import run by the worker: what an editor sent, how far it got, and what each row did.

The admin stores the upload (preview.py), records an ImportRun and queues
it (jobs.py); its page follows the run while the worker goes through the rows
and keeps the report once it ends, so an editor can close the tab and come
back. A review (``review``) is a dry run whose upload waits for «Importar»;
the import it leads to is a run of its own.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RunState(models.TextChoices):
    QUEUED = "queued", "en cola"
    RUNNING = "running", "en curso"
    DONE = "done", "terminada"
    FAILED = "failed", "se detuvo"


class ImportRun(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    manifest_name = models.CharField(max_length=255)
    review = models.BooleanField(default=False, help_text="Revisión: nada se guarda.")
    publish = models.BooleanField(default=False)
    # The folder holding the upload (preview.py) while the run needs it; empty once discarded.
    folder = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # One dict per row done (runner.RowResult's fields): the report.
    results = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "importación"
        verbose_name_plural = "importaciones"

    def __str__(self):
        return f"{'Revisión' if self.review else 'Importación'} de {self.manifest_name}"

    @property
    def finished(self):
        return self.state in (RunState.DONE, RunState.FAILED)

    def visible_to(self, user):
        return user.is_superuser or (self.user_id is not None and self.user_id == user.pk)
