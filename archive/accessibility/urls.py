from django.urls import path

from . import views

app_name = "accessibility"

urlpatterns = [
    path("<int:document_id>/version-accesible/", views.accessible_version, name="version"),
]
