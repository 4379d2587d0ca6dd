from django import template
from django.conf import settings
from django.utils.translation import get_language

from archive.dates import format_partial_date

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")


@register.simple_tag
def page_qs(params, page):
    return params.querystring(pagina=str(page))


@register.simple_tag
def remove_filter_qs(params, facet, value):
    remaining = [v for v in params.filters.get(facet, []) if v != value]
    return params.querystring(**{facet: remaining or None, "pagina": None})


@register.simple_tag
def clear_filters_qs(params):
    return params.querystring(**{facet: None for facet in params.filters}, pagina=None)


@register.simple_tag
def suggestion_qs(params, suggestion):
    return params.querystring(q=suggestion, pagina=None)


@register.simple_tag
def active_filters(result, facet_labels):
    """Each chosen facet value with the query string that removes it alone (the chips above the results)."""
    chips = []
    for facet, values in result.facets.items():
        for value in values:
            if value.selected:
                chips.append({
                    "facet": facet_labels.get(facet, facet),
                    "label": value.label,
                    "remove_qs": remove_filter_qs(result.params, facet, value.value),
                })
    return chips


@register.filter
def record_date(record):
    """A search record's date as the reader's language writes it (the stored label is Spanish)."""
    precision = (record.display or {}).get("date_precision")
    if get_language() == settings.LANGUAGE_CODE or not precision:
        return record.date_label
    return format_partial_date(record.date, precision)


@register.filter
def selected_count(values):
    return sum(1 for value in values if value.selected)
