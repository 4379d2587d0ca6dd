from django.urls import path

from . import views

app_name = "glossary"

urlpatterns = [
    path("glosario/", views.glossary, name="index"),
]
