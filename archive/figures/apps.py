from django.apps import AppConfig


class FiguresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive.figures"
    verbose_name = "El archivo en cifras"
