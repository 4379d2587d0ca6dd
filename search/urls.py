from django.urls import path

from . import export, suggestions, views

app_name = "search"

urlpatterns = [
    path("buscar/", views.search_page, name="search"),
    path("api/buscar/", views.search_api, name="search_api"),
    # Take-away: every result as CSV, and their public files as a BagIt zip.
    path("buscar/resultados.csv", export.results_csv, name="results_csv"),
    path("buscar/archivos.zip", export.results_bag, name="results_bag"),
    # Under /buscar/, not /api/: the page cache keeps it (per query, until the
    # next change), and the short prefixes typed most are the costliest.
    path("buscar/sugerencias/", suggestions.suggestions_api, name="suggestions"),
    path("salud/", views.health, name="health"),
]
