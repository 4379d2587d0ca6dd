from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "archive.glossary"
    label = "glossary"
    verbose_name = "Glosario"
