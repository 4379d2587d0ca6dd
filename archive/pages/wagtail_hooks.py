from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def date_precision_js():
    return format_html('<script src="{}" defer></script>', static("admin-js/date-precision.js"))
