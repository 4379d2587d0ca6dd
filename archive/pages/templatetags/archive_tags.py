"""Small helpers for the public templates.

They keep queries out of templates and keep drafts out of every listing: a
link to an unpublished page would leak its title and lead to a 404.
"""

from django import template
from django.db.models import Q

from archive.pages.models import DocumentPage, RelatedDocument, Relation
from archive.pages.visibility import public
from archive.taxonomy.models import Axis

register = template.Library()

# How a relation reads from the other end: if A "forma parte de" B, then on
# B's page A is listed under "Incluye".
INVERSE_RELATION_LABELS = {
    Relation.RELATED: "Relacionado",
    Relation.PART_OF: "Incluye",
    Relation.RESPONDS_TO: "Recibe respuesta de",
    Relation.LEADS_TO: "Resulta de",
    Relation.REFERENCES: "Citado por",
}


@register.simple_tag
def archive_axes():
    return Axis.objects.all()


@register.filter
def kind_label(page):
    """The kind of any document page, without loading its specific row."""
    return getattr(page.specific_class, "kind_label", "Documento")


@register.simple_tag
def related_documents(page):
    """Published documents linked to or from ``page``: a list of (label, document)."""
    outgoing = list(page.related_links.all())
    # A page being previewed before its first save has no id, so nothing links to it yet.
    incoming = list(page.incoming_links.all()) if page.pk else []
    ids = {link.target_id for link in outgoing} | {link.page_id for link in incoming}
    visible = {doc.pk: doc for doc in public(DocumentPage.objects.live()).filter(pk__in=ids).select_related("phase")}
    related = []
    seen = set()
    for link in outgoing:
        if link.target_id in visible and (link.target_id, link.relation) not in seen:
            seen.add((link.target_id, link.relation))
            related.append((link.get_relation_display(), visible[link.target_id]))
    for link in incoming:
        key = (link.page_id, "inverse-" + link.relation)
        if link.page_id in visible and key not in seen:
            seen.add(key)
            related.append((INVERSE_RELATION_LABELS.get(link.relation, "Relacionado"), visible[link.page_id]))
    return related


# How far "Cadena del documento" follows leads_to / responds_to links each way.
CHAIN_STEPS = 5


def _chain_step(frontier, backwards):
    """Ids one step earlier (or later) than the ids in ``frontier``: one query.

    A leads_to B puts A before B; A responds_to B puts B before A.
    """
    if backwards:
        condition = Q(target_id__in=frontier, relation=Relation.LEADS_TO) | Q(
            page_id__in=frontier, relation=Relation.RESPONDS_TO
        )
    else:
        condition = Q(page_id__in=frontier, relation=Relation.LEADS_TO) | Q(
            target_id__in=frontier, relation=Relation.RESPONDS_TO
        )
    step = set()
    for page_id, target_id, relation in RelatedDocument.objects.filter(condition).values_list(
        "page_id", "target_id", "relation"
    ):
        earlier, later = (page_id, target_id) if relation == Relation.LEADS_TO else (target_id, page_id)
        step.add(earlier if backwards else later)
    return step


def _chain_levels(page_id, backwards):
    """Ids by distance from the page, nearest first, up to CHAIN_STEPS levels."""
    seen = {page_id}
    frontier = {page_id}
    levels = []
    for _ in range(CHAIN_STEPS):
        frontier = _chain_step(frontier, backwards) - seen
        if not frontier:
            break
        seen |= frontier
        levels.append(frontier)
    return levels


@register.simple_tag
def document_chain(page):
    """The documents before and after ``page`` along leads_to / responds_to links.

    Returns {"earlier": [...], "later": [...]}, each in reading order (earliest
    first), or None when there is no chain. Links are followed through drafts
    and private pages, but only live public documents are listed.
    """
    if not page.pk:
        return None
    earlier = _chain_levels(page.pk, backwards=True)
    later = _chain_levels(page.pk, backwards=False)
    ids = set().union(*earlier, *later)
    if not ids:
        return None
    visible = {doc.pk: doc for doc in public(DocumentPage.objects.live()).filter(pk__in=ids).select_related("phase")}

    def ordered(levels):
        found = []
        for level in levels:
            docs = [visible[pk] for pk in level if pk in visible]
            found.extend(sorted(docs, key=lambda doc: (doc.date is None, doc.date, doc.title)))
        return found

    chain = {"earlier": ordered(list(reversed(earlier))), "later": ordered(later)}
    return chain if chain["earlier"] or chain["later"] else None


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """(label, url) of the pages above ``page``, from the home page down."""
    request = context.get("request")
    crumbs = []
    known = page.known_ancestors() if hasattr(page, "known_ancestors") else None
    for ancestor in known if known is not None else page.get_ancestors().filter(depth__gt=1).live():
        label = "Inicio" if ancestor.depth == 2 else ancestor.title
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
