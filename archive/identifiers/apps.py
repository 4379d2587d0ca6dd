from django.apps import AppConfig


class IdentifiersConfig(AppConfig):
    name = "archive.identifiers"
    label = "identifiers"
    verbose_name = "Identificadores permanentes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
