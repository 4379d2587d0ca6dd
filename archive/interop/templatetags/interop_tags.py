from django import template
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from archive.interop import feeds
from archive.interop.citations import Citation
from archive.pages.models import DocumentIndexPage
from archive.taxonomy.models import Actor, Axis, Phase

register = template.Library()

DOWNLOADS = [
    ("bib", "BibTeX", N_("para LaTeX y la mayoría de los gestores de referencias")),
    ("ris", "RIS", N_("para Zotero, Mendeley y EndNote")),
    ("json", "CSL-JSON", N_("para Zotero, Pandoc y otros programas que usan estilos CSL")),
]


@register.simple_tag
def citation_for(page):
    """The document's citations and the addresses of its citation files."""
    # An editor's preview shows an unsaved or draft page: cite it, but offer
    # no files, whose addresses would not exist (or 404) for a draft.
    page = page.specific if page.pk else page
    citation = Citation(page)
    downloads = []
    if page.pk and page.live:
        downloads = [
            (reverse("interop:citation", args=[page.pk, fmt]), label, help_text) for fmt, label, help_text in DOWNLOADS
        ]
    return {"apa": citation.apa_html(), "chicago": citation.chicago_html(), "downloads": downloads}


TERM_FEEDS = {
    Phase: ("interop:phase_feed", feeds.PhaseFeed),
    Actor: ("interop:actor_feed", feeds.ActorFeed),
    Axis: ("interop:axis_feed", feeds.AxisFeed),
}


@register.simple_tag
def feed_of(subject):
    """The address and title of the Atom feed of a phase, actor, axis or kind listing.

    The title is the feed's own, so a feed reader offers the same name the
    page's <head> announced.
    """
    if isinstance(subject, DocumentIndexPage):
        return {
            "url": reverse("interop:kind_feed", args=[subject.kind]),
            "title": feeds.KindFeed().title(subject.kind_model),
        }
    name, feed = TERM_FEEDS[type(subject)]
    return {"url": reverse(name, args=[subject.slug]), "title": feed().title(subject)}
