"""``.public()`` without a query per call.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it
is called; a document page calls it for its related documents, its chain and
its comments. The restricted sections are read once per content generation
instead (archive/web/memo.py) and turned into the same condition.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from archive.web.memo import per_generation


def restricted_sections():
    """(path, depth) of every page with a view restriction."""
    return per_generation(
        "restricted-sections",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth"))),
    )


def public(queryset):
    """``queryset`` minus pages in a restricted section, like ``queryset.public()``."""
    private = Q()
    for path, depth in restricted_sections():
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private) if private else queryset
