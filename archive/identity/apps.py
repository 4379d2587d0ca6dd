from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "archive.identity"
    label = "identity"
    verbose_name = "Identidad del archivo"
    default_auto_field = "django.db.models.BigAutoField"
