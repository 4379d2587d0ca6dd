from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    # «miniatura/» has a slash, so it never collides with a file's own address (<id>/<filename>).
    path("<int:document_id>/miniatura/", views.thumbnail, name="thumbnail"),
    path("<int:document_id>/con-texto/", views.ocr_copy, name="ocr_copy"),
]
