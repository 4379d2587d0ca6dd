from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("importar/", admin_views.import_documents, name="importer_import"),
        path("importar/<int:run_id>/", admin_views.import_run, name="importer_run"),
        path("importar/plantilla.csv", admin_views.template_csv, name="importer_template"),
        path("importar/ejemplo.csv", admin_views.example_csv, name="importer_example"),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem("Importar documentos", reverse("importer_import"), icon_name="upload", order=350)
