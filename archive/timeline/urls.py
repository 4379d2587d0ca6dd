from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    path("linea-de-tiempo/", views.timeline, name="timeline"),
    path("mesas-de-cocreacion/", views.cocreation, name="cocreation"),
]
