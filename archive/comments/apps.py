from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "archive.comments"
    label = "comments"
    verbose_name = "Comentarios de integrantes"
    default_auto_field = "django.db.models.BigAutoField"
