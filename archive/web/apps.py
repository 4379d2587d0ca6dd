from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "archive.web"
    label = "web"
    verbose_name = "Caché de páginas y cabeceras"

    def ready(self):
        from . import invalidation

        invalidation.connect()
