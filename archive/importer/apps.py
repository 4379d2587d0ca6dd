from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "archive.importer"
    label = "importer"
    verbose_name = "Importación de documentos"
    default_auto_field = "django.db.models.BigAutoField"
