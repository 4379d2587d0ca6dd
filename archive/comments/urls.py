from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

import archive.web.numbers  # noqa: F401 - registers <id:…>

from . import views

app_name = "comments"

urlpatterns = [
    path("cuenta/entrar/", views.LoginView.as_view(), name="login"),
    # Logging out changes state, so it takes a POST (with its CSRF token), never a link.
    # Back to the home page in the reader's language (/ or /en/).
    path("cuenta/salir/", auth_views.LogoutView.as_view(next_page=reverse_lazy("wagtail_serve", args=[""])), name="logout"),
    path("cuenta/comentarios/", views.mine, name="mine"),
    path("comentar/<id:page_id>/", views.comment, name="comment"),
    path("comentar/enviado/<int:pk>/", views.sent, name="sent"),
]
