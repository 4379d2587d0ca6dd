"""One search, whatever the backend: match, filter, count, order, page, snippet.

Queries per request are fixed: the index version, the full-text match (none
for an empty query), the page of records and their passages. They do not
grow with the page size or the number of matches.
"""

import logging
import math
from dataclasses import dataclass, field

import numpy as np
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.utils.translation import ngettext

from archive import spanish

from . import facets as facet_engine
from .backends import get_backend, get_fallback_backend
from .backends.elasticsearch import SearchUnavailable
from .highlight import Marks, score, snippet
from .indexing import current_version, fill_new_index
from .models import SearchPassage, SearchRecord
from .params import PAGE_SIZE
from .query import parse_query
from .spelling import correct
from .vocabulary import FACET_LABELS, acronym_expansions, vocabulary

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = N_("El buscador no responde en este momento: estos resultados vienen de una lista sencilla "
                     "(busca las palabras en títulos y resúmenes, sin ordenarlos por relevancia).")


@dataclass
class Hit:
    record: SearchRecord
    snippet: str = ""
    passage: SearchPassage | None = None
    # Words of the query this document does not hold («No aparece: …»).
    missing: list = field(default_factory=list)


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
    # True when the engine did not answer and the plain listing did.
    fallback: bool = False
    # «Quizá quiso decir»: the query with the archive's words for the ones it does not hold.
    suggestion: str = ""

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


def _date_order(snapshot, order):
    """Every position of the snapshot in a date order, sorted once per snapshot.

    Restricting it to the matches keeps their relative order, which is the
    order sorting the matches alone gives (lexsort is stable): a browse then
    costs a mask instead of sorting the whole archive on every request.
    """
    key = ("date_order", order)
    permutation = snapshot.derived.get(key)
    if permutation is None:
        everything = np.arange(snapshot.size)
        permutation = _order_positions(snapshot, everything, np.zeros(snapshot.size), order)
        snapshot.derived[key] = permutation
    return permutation


def _first_positions(snapshot, hits, score_by_position, order, stop):
    """The first `stop` matching positions in the requested order, and how many match."""
    if order != "relevancia":
        permutation = _date_order(snapshot, order)
        ordered = permutation[hits[permutation]]
        return ordered[:stop], len(ordered)
    positions = np.nonzero(hits)[0]
    scores = score_by_position[positions]
    if 0 < stop < len(positions):
        # Only documents scoring at least the stop-th best score can be among
        # the first `stop`; keeping every tie at that score keeps the date and
        # position tie-breaks exact. Sorting all matches of a common word costs
        # more than the rest of the search.
        threshold = np.partition(scores, len(scores) - stop)[len(scores) - stop]
        keep = scores >= threshold
        positions_kept, scores_kept = positions[keep], scores[keep]
        return _order_positions(snapshot, positions_kept, scores_kept, order)[:stop], len(positions)
    return _order_positions(snapshot, positions, scores, order)[:stop], len(positions)


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
    # Facets without a filter of their own all count over the hits: one base for all of them.
    hits = base.copy()
    for mask in masks.values():
        hits &= mask
    unfiltered = [facet for facet in facet_engine.FACETS if facet not in masks]
    counts = snapshot.counts_many(unfiltered, hits)
    for facet in masks:
        facet_base = base.copy()
        for other, mask in masks.items():
            if other != facet:
                facet_base &= mask
        counts[facet] = snapshot.counts(facet, facet_base)
    return {facet: counts[facet] for facet in facet_engine.FACETS}


def _database_search(backend, snapshot, query, filters, order, offset, size):
    base, score_by_position = _matches(backend, snapshot, query)
    masks = {facet: snapshot.mask_for(facet, values) for facet, values in filters.items()}
    hits = base.copy()
    for mask in masks.values():
        hits &= mask
    counts = _facet_counts(snapshot, base, masks)
    ordered, count = _first_positions(snapshot, hits, score_by_position, order, offset + size)
    page_ids = [int(i) for i in snapshot.ids[ordered[offset : offset + size]]]
    return page_ids, int(count), counts


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


def highlight_marks(query, version=None):
    """What the query marks in a hit: each clause's forms and names, and the names its acronyms stand for."""
    expansions = acronym_expansions(version)
    groups = []
    for clause in query.clauses:
        phrases = set(clause.alternatives)
        for alternative in clause.alternatives:
            phrases |= expansions.get(alternative, set())
        groups.append(phrases)
    return Marks(groups)


def _snippet_of_best(record, keys, best_passage, best_passage_score):
    """The snippet of the summary, body or passage holding most of the query's clauses (the summary on a tie).

    Reading a body (hundreds of words, each folded and stemmed) costs far more
    than the rest of a hit, so it is read only when it can change the choice,
    and at most once. snippet() escapes everything but <mark>.
    """
    summary_score = score(record.summary, keys)
    if summary_score >= keys.clauses:
        # The summary holds every clause: neither body nor passage can hold more.
        return snippet(record.summary, keys)
    if summary_score == 0 and best_passage is None:
        # Only whether the body holds any key matters, and its snippet marks a
        # hit exactly when it does: one reading of the body instead of two.
        body_snippet = snippet(record.body, keys)
        return body_snippet if "<mark>" in body_snippet else snippet(record.summary, keys)
    candidates = [(summary_score, record.summary), (score(record.body, keys), record.body)]
    text_score, text = max(candidates, key=lambda c: c[0])
    if best_passage and best_passage_score > text_score:
        text = best_passage.text
    return snippet(text, keys)


def _hits(page_ids, query, version=None):
    # Results show neither the attached files' text nor the metadata blob,
    # which can be the largest columns: leave them in the database.
    records = SearchRecord.objects.defer("files", "meta").in_bulk(page_ids)
    passages = {}
    if not query.is_empty and page_ids:
        for passage in SearchPassage.objects.filter(record_id__in=page_ids).only(
            "record_id", "label", "url", "text", "source", "position"
        ):
            passages.setdefault(passage.record_id, []).append(passage)
    keys = highlight_marks(query, version)
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
            hit.passage = best_passage
            hit.snippet = mark_safe(_snippet_of_best(record, keys, best_passage, best_passage_score))  # noqa: S308
        else:
            hit.snippet = mark_safe(snippet(record.summary))  # noqa: S308
        hits.append(hit)
    return hits


def _run_engine(backend, version, query, filters, order, offset, size=PAGE_SIZE):
    if backend.computes_facets:
        return backend.search(query, filters, order, offset, size, version=version)
    snapshot = facet_engine.current_snapshot(version)
    return _database_search(backend, snapshot, query, filters, order, offset, size)


def _spell(backend, query, version):
    """Alternatives for the words no document holds, from the engine's vocabulary (when it has one)."""
    vocabulary = getattr(backend, "vocabulary", None)
    if vocabulary is None or query.is_empty:
        return
    try:
        correct(query, vocabulary(version))
    except SearchUnavailable:
        pass  # the search itself will meet the outage and fall back


def search(params, limit=None):
    """One page of results, with snippets; or, with `limit`, the first `limit` results without them (exports)."""
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
            notices.append(_("No existe %(facet)s «%(values)s»: se ignoró.")
                           % {"facet": _(FACET_LABELS[facet]).lower(), "values": ", ".join(unknown)})
        if known:
            filters[facet] = known
    fallback = False
    window = (0, limit) if limit else (params.offset, PAGE_SIZE)
    _spell(backend, query, version)
    try:
        fill_new_index()
        page_ids, count, counts = _run_engine(backend, version, query, filters, order, *window)
    except SearchUnavailable as exc:
        # The database's records are the truth the index is built from, so
        # people still get results, told they come from a plain listing.
        logger.error("Search engine unavailable, answering from the plain listing", exc_info=exc)
        fallback = True
        notices.insert(0, _(FALLBACK_NOTICE))
        page_ids, count, counts = _run_engine(get_fallback_backend(), version, query, filters, order, *window)
    result = SearchResult(params=params, query=query, order=order, count=count, notices=notices, fallback=fallback,
                          suggestion=query.suggestion)
    result.facets = _facet_lists(counts, filters, labels)
    if limit:
        records = SearchRecord.objects.defer("files", "meta", "body").in_bulk(page_ids)
        result.hits = [Hit(records[pk]) for pk in page_ids if pk in records]
        return result
    result.hits = _hits(page_ids, query, version)
    if not fallback and hasattr(backend, "clauses_missing"):
        try:
            missing = backend.clauses_missing(query, page_ids, version=version)
        except SearchUnavailable:
            missing = {}
        for hit in result.hits:
            hit.missing = missing.get(hit.record.pk, [])
    if count and params.page > result.pages:
        result.notices.append(ngettext("Esa página no existe: los resultados ocupan %(count)s página.",
                                        "Esa página no existe: los resultados ocupan %(count)s páginas.",
                                        result.pages) % {"count": spanish.whole(result.pages)})
    return result
