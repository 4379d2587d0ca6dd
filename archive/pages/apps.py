from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "archive.pages"
    label = "pages"
    verbose_name = "Documentos"
