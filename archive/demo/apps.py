from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed for its command, ``manage.py load_demo``; it has no models."""

    name = "archive.demo"
    label = "demo"
    verbose_name = "Archivo de demostración"
