from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "archive.attachments"
    label = "attachments"
    verbose_name = "Archivos adjuntos"
