from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("cifras/", views.figures_page, name="index"),
    path("cifras/<slug:slug>.csv", views.figure_csv, name="csv"),
]
