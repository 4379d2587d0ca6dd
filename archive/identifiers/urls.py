from django.urls import path, re_path

from . import views

app_name = "identifiers"

urlpatterns = [
    # Any text after /id/ reaches the view, which answers bad codes with the
    # site's own 404 page rather than Django's.
    re_path(r"^(?P<code>[^/]+)/$", views.resolve, name="resolve"),
    path("<str:code>/v/<int:number>/", views.version, name="version"),
]
