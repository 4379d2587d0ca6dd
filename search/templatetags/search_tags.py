from django import template

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
