from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "archive.worker"
    label = "worker"
    verbose_name = "Trabajos en segundo plano"
    default_auto_field = "django.db.models.BigAutoField"
