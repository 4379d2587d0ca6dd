"""Small helpers for the public templates.

They keep queries out of templates and keep drafts out of every listing: a
link to an unpublished page would leak its title and lead to a 404.
"""

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from archive.pages.english import reading_english
from archive.pages.models import KINDS_BY_SLUG, DocumentIndexPage, Relation
from archive.pages.record import relations
from archive.taxonomy.models import Axis
from archive.web import language

register = template.Library()

# How a relation reads from the other end: if A "forma parte de" B, then on
# B's page A is listed under "Incluye".
INVERSE_RELATION_LABELS = {
    Relation.RELATED: N_("Relacionado"),
    Relation.PART_OF: N_("Incluye"),
    Relation.RESPONDS_TO: N_("Recibe respuesta de"),
    Relation.LEADS_TO: N_("Resulta de"),
    Relation.REFERENCES: N_("Citado por"),
}


@register.simple_tag
def archive_axes():
    return Axis.objects.all()


@register.filter
def kind_label(page):
    """The kind of any document page, without loading its specific row, in the reader's language."""
    return gettext(getattr(page.specific_class, "kind_label", "Documento"))


@register.filter
def for_reader(url):
    """A stored address in the reader's language (/en/… on English pages); files keep theirs."""
    return language.for_reader(url or "")


@register.simple_tag
def related_documents(page):
    """Published documents linked to or from ``page``: a list of (label, document)."""
    found = relations(page)
    visible = found.visible
    related = []
    seen = set()
    for link in found.outgoing:
        if link.target_id in visible and (link.target_id, link.relation) not in seen:
            seen.add((link.target_id, link.relation))
            related.append((link.get_relation_display(), visible[link.target_id]))
    for link in found.incoming:
        key = (link.page_id, "inverse-" + link.relation)
        if link.page_id in visible and key not in seen:
            seen.add(key)
            related.append((INVERSE_RELATION_LABELS.get(link.relation, N_("Relacionado")), visible[link.page_id]))
    return related


@register.simple_tag
def document_chain(page):
    """The documents before and after ``page`` along leads_to / responds_to links.

    Returns {"earlier": [...], "later": [...]}, each in reading order (earliest
    first), or None when there is no chain. Links are followed through drafts
    and private pages, but only live public documents are listed.
    """
    found = relations(page)
    visible = found.visible

    def ordered(levels):
        docs_in_order = []
        for level in levels:
            docs = [visible[pk] for pk in level if pk in visible]
            docs_in_order.extend(sorted(docs, key=lambda doc: (doc.date is None, doc.date, doc.title)))
        return docs_in_order

    chain = {"earlier": ordered(list(reversed(found.earlier))), "later": ordered(found.later)}
    return chain if chain["earlier"] or chain["later"] else None


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """(label, url) of the pages above ``page``, from the home page down."""
    request = context.get("request")
    crumbs = []
    known = page.known_ancestors() if hasattr(page, "known_ancestors") else None
    ancestors = list(known if known is not None else page.get_ancestors().filter(depth__gt=1).live())
    # Routing fetched plain pages; a listing's English name is its kind's.
    english = {}
    if reading_english():
        english = {pk: gettext(KINDS_BY_SLUG[kind].kind_plural)
                   for pk, kind in DocumentIndexPage.objects.filter(pk__in=[a.pk for a in ancestors])
                   .values_list("pk", "kind") if kind in KINDS_BY_SLUG}
    for ancestor in ancestors:
        label = gettext("Inicio") if ancestor.depth == 2 else english.get(ancestor.pk, ancestor.title)
        crumbs.append((label, ancestor.get_url(request)))
    return crumbs


@register.simple_tag
def crumbs(*labels_and_urls):
    """Pair up label, url, label, url... for the breadcrumb of non-Wagtail pages."""
    return list(zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True))


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """A link to page ``number`` of the current listing, keeping the other parameters."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("pagina", None)
    if int(number) > 1:
        params["pagina"] = number
    encoded = params.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers with gaps (None) for long listings: 1 … 4 5 6 … 20."""
    return [
        None if number == page_obj.paginator.ELLIPSIS else number
        for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
