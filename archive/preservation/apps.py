from django.apps import AppConfig


class PreservationConfig(AppConfig):
    name = "archive.preservation"
    label = "preservation"
    verbose_name = "Respaldo y restauración"
