from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "archive.publishing"
    label = "publishing"
    verbose_name = "Publicación"

    def ready(self):
        from . import pipeline

        pipeline.connect()
