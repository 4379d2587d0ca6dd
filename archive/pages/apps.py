from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "archive.pages"
    label = "pages"
    verbose_name = "Documentos"

    def ready(self):
        from .models import DocumentPage
        from .record import load_record

        DocumentPage.record_loader = staticmethod(load_record)
