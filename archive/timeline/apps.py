from django.apps import AppConfig


class TimelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive.timeline"
    verbose_name = "Línea de tiempo"
