from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "archive.editorial"
    label = "editorial"
    verbose_name = "Trabajo editorial"
    default_auto_field = "django.db.models.BigAutoField"
