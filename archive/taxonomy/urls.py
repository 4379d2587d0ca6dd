from django.urls import path

from . import views

app_name = "taxonomy"

urlpatterns = [
    path("etapas/", views.phase_list, name="phases"),
    path("etapas/<slug:slug>/", views.phase_detail, name="phase"),
    path("actores/", views.actor_list, name="actors"),
    path("actores/<slug:slug>/", views.actor_detail, name="actor"),
    path("ejes/<slug:slug>/", views.axis_detail, name="axis"),
]
