from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "archive.attachments"
    label = "attachments"
    verbose_name = "Archivos adjuntos"

    def ready(self):
        # The reading job and its receiver (a job put back in the queue).
        from . import analysis  # noqa: F401
