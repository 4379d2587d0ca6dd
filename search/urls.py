from django.urls import path

from . import suggestions, views

app_name = "search"

urlpatterns = [
    path("buscar/", views.search_page, name="search"),
    path("api/buscar/", views.search_api, name="search_api"),
    # Under /buscar/, not /api/: the page cache keeps it (per query, until the
    # next change), and the short prefixes typed most are the costliest.
    path("buscar/sugerencias/", suggestions.suggestions_api, name="suggestions"),
    path("salud/", views.health, name="health"),
]
