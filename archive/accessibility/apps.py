from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    name = "archive.accessibility"
    label = "accessibility"
    verbose_name = "Formatos accesibles"
