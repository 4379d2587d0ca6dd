from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def sync_canonical_site(using="default", **kwargs):
    from archive.web.canonical import sync_site

    sync_site(using=using)


class InteropConfig(AppConfig):
    name = "archive.interop"
    label = "interop"
    verbose_name = "Datos abiertos y cosecha"

    def ready(self):
        # The first migrate of a new install leaves Wagtail's Site at localhost: ARCHIVE_CANONICAL_URL corrects it.
        # Sent only for apps with models: Wagtail's own, whose migrations create the Site.
        post_migrate.connect(
            sync_canonical_site, sender=apps.get_app_config("wagtailcore"), dispatch_uid="archive.interop.sync_canonical_site"
        )
