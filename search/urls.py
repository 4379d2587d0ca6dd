from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("buscar/", views.search_page, name="search"),
    path("api/buscar/", views.search_api, name="search_api"),
    path("salud/", views.health, name="health"),
]
