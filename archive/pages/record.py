"""What a document page shows beyond its own row, in a fixed, small number of queries.

Django's prefetch reads a document's actors, axes, openness elements and
tags in four queries. Their link rows are read here in one UNION query and
resolved against the vocabularies themselves, which are small, change a few
times a year and are kept per content generation (archive/web/memo.py). The
relations both ways and the whole chain along leads_to / responds_to come in
one recursive query, and the documents they name in one more.

Whatever is read here lands where Django's own prefetch would put it, so
``page.actor_links.all()``, ``page.axes.all()`` and the rest read the same
objects in the same order without touching the database again. A page that
carries unsaved edits (a preview) is read the ordinary way.
"""

from django.db import connection
from django.db.models import CharField, F, IntegerField, Prefetch, Value, prefetch_related_objects
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modelcluster.queryset import FakeQuerySet
from taggit.models import Tag

from archive.compat import prime_prefetch
from archive.pages.models import DocumentActor, DocumentAttachment, DocumentPage, DocumentTag, RelatedDocument, Relation
from archive.pages.visibility import public
from archive.taxonomy.models import Actor, Axis, OpennessElement
from archive.web.memo import per_generation

# How far "Cadena del documento" follows leads_to / responds_to links each way.
CHAIN_STEPS = 5
CHAIN_RELATIONS = (Relation.LEADS_TO, Relation.RESPONDS_TO)

AXES = DocumentPage.axes.through
ELEMENTS = DocumentPage.elements.through


def vocabularies():
    """Every actor, axis, openness element and tag by id, until the content changes."""

    def load():
        return {
            "actor": {actor.pk: actor for actor in Actor.objects.all()},
            "axis": {axis.pk: axis for axis in Axis.objects.all()},
            "element": {element.pk: element for element in OpennessElement.objects.all()},
            "tag": {tag.pk: tag for tag in Tag.objects.all()},
        }

    return per_generation("record-vocabularies", load)


def _link_rows(page_id):
    """(kind, link id, term id, role, sort order) of every term the page links to: one query."""

    def rows(queryset, kind, term, role=None, order=None):
        return queryset.order_by().annotate(
            link_kind=Value(kind, output_field=CharField()),
            link_role=role or Value("", output_field=CharField()),
            link_order=order or Value(0, output_field=IntegerField()),
        ).values_list("link_kind", "id", term, "link_role", "link_order")

    actors = rows(DocumentActor.objects.filter(page_id=page_id), "actor", "actor_id", F("role"), F("sort_order"))
    axes = rows(AXES.objects.filter(documentpage_id=page_id), "axis", "axis_id")
    elements = rows(ELEMENTS.objects.filter(documentpage_id=page_id), "element", "opennesselement_id")
    tags = rows(DocumentTag.objects.filter(content_object_id=page_id), "tag", "tag_id")
    return list(actors.union(axes, elements, tags, all=True))


def _in_order(link):
    """An Orderable's place: by sort order, unnumbered ones last (as PostgreSQL sorts them)."""
    return (link.sort_order is None, link.sort_order or 0, link.pk)


def _is_preview(page):
    """Not saved yet, or carrying edits not saved (a preview, an old version): only the page object knows its links.

    modelcluster answers a relation held in memory with a FakeQuerySet, and one
    that follows the database with a real (lazy: no query) QuerySet.
    """
    if not page.pk:
        return True
    names = ([relation.get_accessor_name() for relation in get_all_child_relations(page)]
             + [field.name for field in get_all_child_m2m_relations(page)])
    return any(isinstance(getattr(page, name).all(), FakeQuerySet) for name in names)


RECORD = ("actor_links", "axes", "elements", "tags")


def _prefetch_ordinarily(page, *names):
    lookups = {
        "actor_links": Prefetch("actor_links", queryset=DocumentActor.objects.select_related("actor")),
        "attachments": Prefetch("attachments", queryset=DocumentAttachment.objects.select_related("document")),
    }
    prefetch_related_objects([page], *(lookups.get(name, name) for name in names))


def _prime_record(page, rows, terms):
    actor_links = []
    chosen = {"axis": [], "element": [], "tag": []}
    for kind, link_id, term_id, role, order in rows:
        if kind == "actor":
            link = DocumentActor.from_db(None, ["id", "sort_order", "page_id", "actor_id", "role"],
                                         [link_id, order, page.pk, term_id, role])
            link.page, link.actor = page, terms["actor"][term_id]
            actor_links.append(link)
        else:
            chosen[kind].append(terms[kind][term_id])
    prime_prefetch(page, "actor_links", sorted(actor_links, key=_in_order))
    # The vocabularies' own orderings, as a prefetch would give them.
    prime_prefetch(page, "axes", sorted(chosen["axis"], key=lambda term: (term.order, term.name)))
    prime_prefetch(page, "elements", sorted(chosen["element"], key=lambda term: (term.order, term.name)))
    prime_prefetch(page, "tags", sorted(chosen["tag"], key=lambda tag: tag.name.lower()))


def load_record(page):
    """Fetch actors (with roles), files, axes, elements and tags of ``page``: two queries."""
    if _is_preview(page):
        _prefetch_ordinarily(page, *RECORD, "attachments")
        return
    rows = _link_rows(page.pk)
    terms = vocabularies()
    if all(term_id in terms[kind] for kind, _, term_id, _, _ in rows):
        _prime_record(page, rows, terms)
    else:
        # A term newer than this process's copy of the vocabularies (its
        # generation bump has not arrived yet): read them the ordinary way.
        _prefetch_ordinarily(page, *RECORD)
    _prefetch_ordinarily(page, "attachments")


# -- Relations and the chain ------------------------------------------------


def _relation_rows(page_id):
    """Every link to or from the page, and every chain link within CHAIN_STEPS of it: one query.

    The walk goes both ways along leads_to / responds_to, so it reaches at
    least every link the directed walks in ``chain_levels`` will follow.
    """
    quote = connection.ops.quote_name
    table = quote(RelatedDocument._meta.db_table)
    page_col, target_col, relation_col = (quote(RelatedDocument._meta.get_field(name).column)
                                          for name in ("page", "target", "relation"))
    sql = f"""
        WITH RECURSIVE reach(node, depth) AS (
            SELECT CAST(%s AS INTEGER), 0
            UNION
            SELECT CASE WHEN r.{page_col} = reach.node THEN r.{target_col} ELSE r.{page_col} END, reach.depth + 1
            FROM {table} r JOIN reach ON r.{page_col} = reach.node OR r.{target_col} = reach.node
            WHERE reach.depth < %s AND r.{relation_col} IN (%s, %s)
        )
        SELECT r.* FROM {table} r
        WHERE r.{page_col} = %s OR r.{target_col} = %s
           OR (r.{relation_col} IN (%s, %s)
               AND (r.{page_col} IN (SELECT node FROM reach WHERE depth < %s)
                    OR r.{target_col} IN (SELECT node FROM reach WHERE depth < %s)))
    """  # noqa: S608 - names come from the model's own metadata; values are parameters
    params = [page_id, CHAIN_STEPS - 1, *CHAIN_RELATIONS, page_id, page_id, *CHAIN_RELATIONS,
              CHAIN_STEPS, CHAIN_STEPS]
    return sorted(RelatedDocument.objects.raw(sql, params), key=_in_order)


def _chain_step(rows, frontier, backwards):
    """Ids one step earlier (or later) than the ids in ``frontier``.

    A leads_to B puts A before B; A responds_to B puts B before A.
    """
    step = set()
    for link in rows:
        if link.relation not in CHAIN_RELATIONS:
            continue
        earlier, later = ((link.page_id, link.target_id) if link.relation == Relation.LEADS_TO
                          else (link.target_id, link.page_id))
        if backwards and later in frontier:
            step.add(earlier)
        elif not backwards and earlier in frontier:
            step.add(later)
    return step


def chain_levels(rows, page_id, backwards):
    """Ids by distance from the page, nearest first, up to CHAIN_STEPS levels."""
    seen = {page_id}
    frontier = {page_id}
    levels = []
    for _ in range(CHAIN_STEPS):
        frontier = _chain_step(rows, frontier, backwards) - seen
        if not frontier:
            break
        seen |= frontier
        levels.append(frontier)
    return levels


class Relations:
    """The links of one page both ways, its chain, and the live public documents they name."""

    def __init__(self, page):
        # A page previewed before its first save: nothing links to it yet.
        rows = _relation_rows(page.pk) if page.pk else []
        self.incoming = [link for link in rows if link.target_id == page.pk]
        # A preview shows the links being edited, not the stored ones.
        self.outgoing = (list(page.related_links.all()) if _is_preview(page)
                         else [link for link in rows if link.page_id == page.pk])
        self.earlier = chain_levels(rows, page.pk, backwards=True)
        self.later = chain_levels(rows, page.pk, backwards=False)
        ids = ({link.target_id for link in self.outgoing} | {link.page_id for link in self.incoming}
               | set().union(*self.earlier, *self.later))
        self.visible = (
            {doc.pk: doc for doc in public(DocumentPage.objects.live()).filter(pk__in=ids).select_related("phase")}
            if ids else {}
        )


def relations(page):
    """``Relations`` of ``page``, read once per page object."""
    cached = page.__dict__.get("_archive_relations")
    if cached is None:
        cached = page.__dict__["_archive_relations"] = Relations(page)
    return cached
