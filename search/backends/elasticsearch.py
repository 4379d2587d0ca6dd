"""Elasticsearch 8/9, the scale-out engine.

Elasticsearch analyses the text itself (Spanish stop words, accent folding,
the ``light_spanish`` stemmer, and our synonym groups as a ``synonym_graph``
at search time) and computes the facets with the same semantics as the
database backends: ``post_filter`` applies every selected facet to the hits,
and each facet's aggregation applies the filters of the *other* facets.
Terms aggregations ask for every bucket: Wagtail's ask for ten (wagtail
#5668), which would make counts of long facets wrong.

The request bodies are built by pure functions, tested without a server;
``tests/search/test_elasticsearch_integration.py`` runs them against a real
server when ``ELASTICSEARCH_URL`` is set.
"""

from contextlib import contextmanager

from django.conf import settings

from search.analysis import STOP_WORDS, fold
from search.facets import FACETS
from search.synonyms import SYNONYM_GROUPS

from .base import SearchBackend

TEXT_FIELDS = ["title^10", "summary^5", "meta^3", "body", "files"]
MAX_BUCKETS = 1000


class SearchUnavailable(Exception):
    """The engine did not answer: searches fall back to the database engine and
    failed index updates wait for ``rebuild_search_index``."""


def synonym_rules():
    return [", ".join(fold(name).replace(",", " ") for name in group) for group in SYNONYM_GROUPS]


def index_definition():
    text = {"type": "text", "analyzer": "archivo_index", "search_analyzer": "archivo_search"}
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "archivo_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
                    "archivo_stemmer": {"type": "stemmer", "language": "light_spanish"},
                    "archivo_synonyms": {"type": "synonym_graph", "synonyms": synonym_rules(), "lenient": True},
                },
                "analyzer": {
                    "archivo_index": {
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "archivo_stop", "archivo_stemmer"],
                    },
                    "archivo_search": {
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "archivo_synonyms", "archivo_stop", "archivo_stemmer"],
                    },
                },
            }
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "title": text,
                "summary": text,
                "meta": text,
                "body": text,
                "files": text,
                "date": {"type": "date"},
                **{facet: {"type": "keyword"} for facet in FACETS},
            },
        },
    }


def record_document(record):
    return {
        "title": record.title,
        "summary": record.summary,
        "meta": record.meta,
        "body": record.body,
        "files": record.files,
        "date": record.date.isoformat() if record.date else None,
        **{facet: list(record.facets.get(facet, [])) for facet in FACETS},
    }


def _terms(facet, values):
    return {"terms": {facet: sorted(values)}}


def _clause(clause, fields=TEXT_FIELDS):
    """One clause as Elasticsearch matches it: every word of it (a name of several words), typos forgiven."""
    match = {"query": clause.text, "fields": fields, "operator": "and"}
    if clause.phrase:
        match["type"] = "phrase"
    else:
        # Typos: edit distance by the word's length, the first letter as typed
        # (search/spelling.py does the same for the embedded engine).
        match.update({"type": "best_fields", "fuzziness": "AUTO", "prefix_length": 1})
    return {"multi_match": match}


def query_body(query):
    """The query of a search, as the embedded engine runs it (search/backends/embedded.py).

    Plain words are OR'ed and a document must hold most of them ("3<75%");
    every word in the title, or the words in order, rank higher; quoted
    phrases are required and excluded words must be absent.
    """
    if query.is_empty:
        return {"match_all": {}}
    optional, required = query.optional, query.required
    must, should = [], []
    if optional:
        must.append({"bool": {"should": [_clause(c) for c in optional], "minimum_should_match": "3<75%"}})
        if len(optional) > 1:
            words = " ".join(c.text for c in optional)
            should.append({"multi_match": {"query": words, "fields": ["title"], "operator": "and", "boost": 8}})
            should.append({"multi_match": {"query": words, "fields": ["title", "summary", "body"],
                                           "type": "phrase", "slop": 1, "boost": 4}})
    must += [_clause(c) for c in required]
    if not must:
        must.append({"match_all": {}})
    body = {"must": must}
    if should:
        body["should"] = should
    if query.excluded:
        body["must_not"] = [_clause(c) for c in query.excluded]
    return {"bool": body}


def search_body(query, filters, order, offset, size):
    """The request body of one search: hits of one page, total and every facet's counts."""
    main = query_body(query)
    selected = {facet: values for facet, values in filters.items() if values}
    body = {
        "query": main,
        "track_total_hits": True,
        "_source": False,
        "from": offset,
        "size": size,
        "aggs": {
            facet: {
                "filter": {
                    "bool": {"filter": [_terms(other, values) for other, values in selected.items() if other != facet]}
                },
                "aggs": {"values": {"terms": {"field": facet, "size": MAX_BUCKETS}}},
            }
            for facet in FACETS
        },
    }
    if selected:
        body["post_filter"] = {"bool": {"filter": [_terms(facet, values) for facet, values in selected.items()]}}
    if order == "relevancia" and not query.is_empty:
        body["sort"] = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    else:
        direction = "asc" if order == "fecha" else "desc"
        body["sort"] = [{"date": {"order": direction, "missing": "_last"}}, "_score"]
    return body


def parse_response(response):
    """(page ids of the hits, total, {facet: {value: count}})."""
    hits = response["hits"]
    ids = [int(hit["_id"]) for hit in hits["hits"]]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
    counts = {
        facet: {bucket["key"]: bucket["doc_count"] for bucket in agg["values"]["buckets"]}
        for facet, agg in response.get("aggregations", {}).items()
    }
    return ids, total, counts


@contextmanager
def _engine_errors():
    """Any failure to talk to Elasticsearch becomes SearchUnavailable.

    Callers decide what it means (a search falls back to the database engine,
    an index update is recorded for the next rebuild) and log it once.
    """
    from elasticsearch import ApiError, TransportError
    from elasticsearch.helpers import BulkIndexError

    try:
        yield
    except (ApiError, TransportError, BulkIndexError) as exc:
        raise SearchUnavailable(str(exc)) from exc


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    computes_facets = True

    def __init__(self):
        from elasticsearch import Elasticsearch

        self.index = settings.ELASTICSEARCH_INDEX
        # One retry, not three: during an outage every publish and search would
        # otherwise wait for each attempt before falling back.
        self.client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=5, max_retries=1)

    def ensure_index(self):
        if not self.client.indices.exists(index=self.index):
            self.client.indices.create(index=self.index, **index_definition())

    def write(self, record):
        self.write_many([record])

    def write_many(self, records):
        from elasticsearch.helpers import bulk

        actions = [
            {"_index": self.index, "_id": str(record.pk), "_source": record_document(record)} for record in records
        ]
        if not actions:
            return
        with _engine_errors():
            self.ensure_index()
            bulk(self.client, actions)

    def delete(self, page_ids):
        from elasticsearch import NotFoundError

        with _engine_errors():
            for page_id in page_ids:
                try:
                    self.client.delete(index=self.index, id=str(page_id))
                except NotFoundError:
                    pass

    def clear(self):
        with _engine_errors():
            self.client.indices.delete(index=self.index, ignore_unavailable=True)
            self.client.indices.create(index=self.index, **index_definition())

    def refresh(self):
        self.client.indices.refresh(index=self.index)

    def search(self, query, filters, order, offset, size, version=None):
        with _engine_errors():
            response = self.client.search(index=self.index, **search_body(query, filters, order, offset, size))
        return parse_response(response.body if hasattr(response, "body") else response)
