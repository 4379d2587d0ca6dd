from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "archive.security"
    label = "security"
    verbose_name = "Seguridad"

    def ready(self):
        from . import throttle

        throttle.connect()
