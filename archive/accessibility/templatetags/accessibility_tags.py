from django import template
from django.urls import reverse

from archive.accessibility.versions import has_accessible_version

register = template.Library()


@register.filter
def accessible_version_url(document):
    """The address of the file's accessible HTML version, or "" when it has none."""
    if has_accessible_version(document):
        return reverse("accessibility:version", args=[document.pk])
    return ""
