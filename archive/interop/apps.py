from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "archive.interop"
    label = "interop"
    verbose_name = "Datos abiertos y cosecha"
