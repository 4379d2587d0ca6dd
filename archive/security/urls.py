"""/documentos/<id>/<name>: Wagtail's document URLs with the download hardened.

Same names as wagtail.documents.urls, so ``document.url`` and the admin keep working.
"""

from django.urls import path, re_path
from wagtail.documents.views import serve as wagtail_serve

from . import views

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", views.serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        wagtail_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
