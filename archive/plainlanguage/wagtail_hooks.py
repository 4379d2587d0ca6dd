from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from .readability import summary_threshold
from .views import score_view


@hooks.register("register_admin_urls")
def register_score_url():
    return [path("lenguaje-sencillo/puntuar/", score_view, name="plainlanguage_score")]


@hooks.register("insert_editor_js")
def plain_language_js():
    # A plain script that reads the editor's fields from the page: it needs
    # nothing from Wagtail's JavaScript API, so Wagtail upgrades do not break it.
    # Wagtail 8 has no editor-only CSS hook; a stylesheet link is valid in the body.
    return format_html(
        '<link rel="stylesheet" href="{}">'
        '<script src="{}" data-endpoint="{}" data-threshold="{}" defer></script>',
        static("admin-js/plain-language.css"),
        static("admin-js/plain-language.js"),
        reverse("plainlanguage_score"),
        summary_threshold(),
    )
