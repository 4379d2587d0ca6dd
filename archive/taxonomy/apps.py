from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "archive.taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomía"
