"""One search, whatever the backend: match, filter, count, order, page, snippet.

Queries per request are fixed: the index version, the full-text match (none
for an empty query), the page of records and their passages. They do not
grow with the page size or the number of matches.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from django.utils.safestring import mark_safe

from . import facets as facet_engine
from .backends import get_backend
from .highlight import score, snippet
from .indexing import current_version
from .models import SearchPassage, SearchRecord
from .params import PAGE_SIZE
from .query import parse_query
from .vocabulary import FACET_LABELS, vocabulary


@dataclass
class Hit:
    record: SearchRecord
    snippet: str = ""
    passage: SearchPassage | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    params: object
    query: object
    order: str
    count: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)

    @property
    def pages(self):
        return max(1, math.ceil(self.count / PAGE_SIZE))

    @property
    def page(self):
        return self.params.page


def _order_positions(snapshot, positions, scores, order):
    dates = snapshot.date_keys[positions]
    undated_last = dates < 0
    if order == "relevancia":
        keys = (-dates, -scores)  # lexsort: last key is primary
    elif order == "fecha":
        keys = (dates, undated_last)
    else:
        keys = (-dates, undated_last)
    return positions[np.lexsort(keys)]


def _matches(backend, snapshot, query):
    """(mask of matching documents, score of each document) over the snapshot's positions."""
    if query.is_empty:
        return np.ones(snapshot.size, dtype=bool), np.zeros(snapshot.size)
    ids, scores = backend.match(query)
    positions, found = snapshot.positions_of(ids)
    base = np.zeros(snapshot.size, dtype=bool)
    base[positions] = True
    score_by_position = np.zeros(snapshot.size)
    score_by_position[positions] = np.asarray(scores, dtype=float)[found]
    return base, score_by_position


def _facet_counts(snapshot, base, masks):
    """Each facet's counts with the filters of the other facets applied (disjunctive facets)."""
    counts = {}
    for facet in facet_engine.FACETS:
        facet_base = base.copy()
        for other, mask in masks.items():
            if other != facet:
                facet_base &= mask
        counts[facet] = snapshot.counts(facet, facet_base)
    return counts


def _database_search(backend, snapshot, query, filters, order, offset, size):
    base, score_by_position = _matches(backend, snapshot, query)
    masks = {facet: snapshot.mask_for(facet, values) for facet, values in filters.items()}
    hits = base.copy()
    for mask in masks.values():
        hits &= mask
    counts = _facet_counts(snapshot, base, masks)
    positions = np.nonzero(hits)[0]
    ordered = _order_positions(snapshot, positions, score_by_position[positions], order)
    page_ids = [int(i) for i in snapshot.ids[ordered[offset : offset + size]]]
    return page_ids, int(len(positions)), counts


def _facet_lists(counts, filters, labels):
    result = {}
    for facet in facet_engine.FACETS:
        selected = set(filters.get(facet, []))
        known = labels.get(facet, {})
        values = []
        for value, count in counts.get(facet, {}).items():
            label, sort_key = known.get(value, (value, value))
            values.append((sort_key, value, label, count))
        for value in selected - set(counts.get(facet, {})):
            if value in known:
                label, sort_key = known[value]
                values.append((sort_key, value, label, 0))
        if facet in ("tipo", "etapa", "anio"):
            values.sort(key=lambda v: v[0])
        else:
            values.sort(key=lambda v: (-v[3], v[2].lower()))
        result[facet] = [FacetValue(value, label, count, value in selected) for _k, value, label, count in values]
    return result


def _hits(page_ids, query):
    records = SearchRecord.objects.in_bulk(page_ids)
    passages = {}
    if not query.is_empty and page_ids:
        for passage in SearchPassage.objects.filter(record_id__in=page_ids).only(
            "record_id", "label", "url", "text", "source", "position"
        ):
            passages.setdefault(passage.record_id, []).append(passage)
    keys = query.keys
    hits = []
    for page_id in page_ids:
        record = records.get(page_id)
        if record is None:
            continue
        hit = Hit(record)
        if keys:
            best_passage, best_passage_score = None, 0
            for passage in passages.get(page_id, []):
                passage_score = score(passage.text, keys)
                if passage_score > best_passage_score:
                    best_passage, best_passage_score = passage, passage_score
            candidates = [(score(record.summary, keys), record.summary), (score(record.body, keys), record.body)]
            text_score, text = max(candidates, key=lambda c: c[0])
            if best_passage and best_passage_score > text_score:
                text = best_passage.text
            hit.passage = best_passage
            hit.snippet = mark_safe(snippet(text, keys))  # noqa: S308 - snippet() escapes all but <mark>
        else:
            hit.snippet = mark_safe(snippet(record.summary, set()))  # noqa: S308
        hits.append(hit)
    return hits


def search(params):
    query = parse_query(params.q)
    order = params.effective_order(query.is_empty)
    backend = get_backend()
    version = current_version()
    labels = vocabulary(version)
    # Values that name nothing are dropped, and the person is told, rather than
    # silently matching nothing.
    filters = {}
    notices = list(params.notices) + list(query.notices)
    for facet, values in params.filters.items():
        known = [v for v in values if v in labels.get(facet, {})]
        unknown = [v for v in values if v not in labels.get(facet, {})]
        if unknown:
            notices.append(f"No existe {FACET_LABELS[facet].lower()} «{', '.join(unknown)}»: se ignoró.")
        if known:
            filters[facet] = known
    if backend.computes_facets:
        page_ids, count, counts = backend.search(query, filters, order, params.offset, PAGE_SIZE)
    else:
        snapshot = facet_engine.current_snapshot(version)
        page_ids, count, counts = _database_search(
            backend, snapshot, query, filters, order, params.offset, PAGE_SIZE
        )
    result = SearchResult(params=params, query=query, order=order, count=count, notices=notices)
    result.facets = _facet_lists(counts, filters, labels)
    result.hits = _hits(page_ids, query)
    if count and params.page > result.pages:
        result.notices.append(f"Esa página no existe: los resultados ocupan {result.pages} páginas.")
    return result
