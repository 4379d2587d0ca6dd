from django.apps import AppConfig


class PlainLanguageConfig(AppConfig):
    name = "archive.plainlanguage"
    label = "plainlanguage"
    verbose_name = "Lenguaje sencillo"
