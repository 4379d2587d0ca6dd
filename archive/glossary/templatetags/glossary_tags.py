from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from archive.glossary.marking import Glossary, Marker
from archive.web.memo import per_generation

register = template.Library()


@register.simple_tag
def glossary_marker():
    """A marker for one page: ``{% glossary_marker as terms %}`` then ``{{ html|glossary:terms }}``."""
    return Marker(per_generation("glossary-marked", lambda: Glossary.load(marked_only=True)))


@register.filter(needs_autoescape=True)
def glossary(value, marker=None, autoescape=True):
    """Link the first use of each glossary term in ``value`` (rendered HTML) to its entry.

    ``value`` may be safe HTML, a StreamField value (rendered here) or plain
    text (escaped first, as the template would have).
    """
    if marker is None:
        marker = Marker(Glossary.load(marked_only=True))
    if hasattr(value, "__html__"):
        html = value.__html__()
    elif autoescape:
        html = conditional_escape(value)
    else:
        html = str(value)
    return mark_safe(marker.mark(str(html)))  # noqa: S308 - the marker only adds its own escaped markup


@register.simple_tag(takes_context=True)
def include_block_with_glossary(context, value, marker):
    """``{% include_block value %}`` (with the page's context, as Wagtail passes it), then the glossary filter.

    A StreamField rendered through the filter alone would lose the template
    context its blocks may read.
    """
    html = value.render_as_block(context=context.flatten()) if hasattr(value, "render_as_block") else value
    return glossary(html, marker)
