"""Tantivy, the embedded engine: an inverted index on disk under DATA_DIR, top-k ranking by BM25.

Why Tantivy (the Rust engine of the Lucene family that Quickwit and
ParadeDB are built on, through its official Python bindings): it ranks only
the documents that can enter the top k instead of scoring every match, so a
word found in every one of 100,000 documents costs about what a rare word
costs (benchmarks/search_bench.py), and it computes exact facet counts as
terms aggregations. SQLite FTS5 and PostgreSQL's tsvector ranked every
match in SQL and had no job left once this engine serves both databases.

The index holds the search keys of each public record (search/analysis.py:
folded, stemmed, stop words out), the same keys the query is made of, so
Spanish is analysed once, in one place, for every engine. A `words` field
holds the folded words themselves: the vocabulary typos are corrected
against (search/spelling.py).

Processes: any number read the index at once (each reloads when the index
version in the database changes); one writes at a time, guarded by
Tantivy's own lock file, which a writer waits for rather than failing.
Records come from the database (SearchRecord), so a missing or damaged index
is rebuilt from it, and until then searches answer from a plain listing.
"""

import contextlib
import fcntl
import logging
import os
import threading
import time
from datetime import date as date_type
from pathlib import Path

from django.conf import settings

from archive.spanish import count
from search.analysis import key_of, words
from search.facets import FACETS

from .base import SearchBackend
from .elasticsearch import SearchUnavailable

logger = logging.getLogger(__name__)

TEXT_FIELDS = {"title": 10.0, "summary": 5.0, "meta": 3.0, "body": 1.0, "files": 1.0}
# Every word of the query in the title, or the words as typed, in order, in
# the title or summary: what people typing a title or a phrase expect first.
TITLE_ALL_BOOST = 8.0
PHRASE_BOOST = 4.0
# Hits read beyond the page, so documents tied at its edge are ordered by date too.
TIE_MARGIN = 10
MAX_BUCKETS = 1000
UNDATED_LAST_ASC = 10**7  # days: after any real date
WRITER_HEAP = 50_000_000
LOCK_WAIT_SECONDS = 30
SCHEMA_VERSION = "3"
# Facets whose documents hold several values from a small, closed set (5
# axes, 6 formats). Counting a multi-valued field costs several times a
# single-valued one, so each document also holds its set of values as one
# term («genero|participacion»): the sets are counted, then split into the
# values. At most 2^5 and 2^6 sets, so every bucket comes back.
SET_FACETS = ("eje", "formato")


def _schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
    for facet in FACETS:
        builder.add_text_field(facet, tokenizer_name="raw", fast=True, index_option="basic")
    for facet in SET_FACETS:
        builder.add_text_field(f"{facet}_set", tokenizer_name="raw", fast=True, index_option="basic")
    # Days since 1 January of year 1: newest first puts undated last (-1),
    # oldest first needs its own key to put them last too.
    builder.add_integer_field("date_desc", fast=True)
    builder.add_integer_field("date_asc", fast=True)
    return builder.build()


def _document(record):
    import tantivy

    document = tantivy.Document()
    document.add_unsigned("id", record.pk)
    vocabulary = {}
    for name in TEXT_FIELDS:
        found = words(getattr(record, name))  # each text is split and folded once
        document.add_text(name, " ".join(key for key in map(key_of, found) if key is not None))
        vocabulary.update(dict.fromkeys(found))
    document.add_text("words", " ".join(word for word in vocabulary if not word.isdigit()))
    for facet in FACETS:
        for value in record.facets.get(facet, []):
            document.add_text(facet, str(value))
    for facet in SET_FACETS:
        document.add_text(f"{facet}_set", "|".join(sorted(str(v) for v in record.facets.get(facet, []))))
    day = record.date.toordinal() if isinstance(record.date, date_type) else None
    document.add_integer("date_desc", day if day is not None else -1)
    document.add_integer("date_asc", day if day is not None else UNDATED_LAST_ASC)
    return document


class Vocabulary:
    """The folded words of the index, for search/spelling.py."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._prefixes = {}

    def holds(self, word):
        return self.searcher.doc_freq("words", word) > 0

    def words_starting(self, prefix):
        if prefix not in self._prefixes:
            self._prefixes[prefix] = self.searcher.terms_with_prefix("words", prefix)
        return self._prefixes[prefix]


class TantivyBackend(SearchBackend):
    name = "tantivy"
    computes_facets = True

    def __init__(self, path=None):
        # None: an index in memory (tests); otherwise a directory.
        self.path = Path(path) if path else None
        self._lock = threading.RLock()
        self._index = None
        self._schema = None
        self._version = None
        self._vocabulary = None
        self.created_empty = False

    # -- opening ----------------------------------------------------------
    def _open(self):
        import tantivy

        self._schema = _schema()
        if self.path is None:
            return tantivy.Index(self._schema)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Several processes (server threads' workers, the task worker, a
        # command) open the index at once: the check of the schema marker,
        # a wipe and the creation happen under one lock across processes, or
        # one process could read a marker another is writing and wipe an
        # index in use (seen in CI: four writers, four failures).
        with self._disk_lock():
            return self._open_locked(tantivy)

    @contextlib.contextmanager
    def _disk_lock(self):
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _open_locked(self, tantivy):
        self.path.mkdir(parents=True, exist_ok=True)
        marker = self.path / "archivo-schema"
        if marker.exists() and marker.read_text().strip() != SCHEMA_VERSION:
            # An index of an older version of the archive: written anew from
            # the records (search/indexing.py fill_new_index), as if missing.
            import shutil

            shutil.rmtree(self.path)
            self.path.mkdir(parents=True)
        # A directory without an index (first run, or removed): it starts empty
        # and is filled from the database's records (search/indexing.py).
        self.created_empty = not tantivy.Index.exists(str(self.path))
        index = tantivy.Index(self._schema, path=str(self.path), reuse=True)
        if not marker.exists():
            # Written whole then renamed: a reader never sees half a marker.
            partial = self.path / f".archivo-schema.{os.getpid()}"
            partial.write_text(SCHEMA_VERSION)
            os.replace(partial, marker)
        return index

    def recreate(self):
        """Remove a damaged index from disk; the next use starts an empty one."""
        import shutil

        with self._lock:
            if self.path is not None and self.path.exists():
                with self._disk_lock():
                    shutil.rmtree(self.path)
            self.reset()

    @property
    def index(self):
        with self._lock:
            if self._index is None:
                try:
                    self._index = self._open()
                except SearchUnavailable:
                    raise
                except Exception as exc:  # noqa: BLE001 - a damaged index is an outage, never a 500
                    raise SearchUnavailable(f"El índice de búsqueda no se puede abrir: {exc}") from exc
            return self._index

    def reset(self):
        """A new, empty index (tests: each starts from nothing)."""
        with self._lock:
            self._index = None
            self._version = None
            self._vocabulary = None

    def searcher(self, version=None):
        """A searcher that sees every commit up to `version` (the database's index version)."""
        index = self.index
        with self._lock:
            if version is None or version != self._version:
                try:
                    index.reload()
                except Exception as exc:  # noqa: BLE001
                    raise SearchUnavailable(f"El índice de búsqueda no se puede leer: {exc}") from exc
                self._version = version
                self._vocabulary = None
            return index.searcher()

    def vocabulary(self, version=None):
        searcher = self.searcher(version)
        with self._lock:
            if self._vocabulary is None or self._vocabulary.searcher is not searcher:
                self._vocabulary = Vocabulary(searcher)
            return self._vocabulary

    def health(self):
        """(ok, message) for the health check."""
        try:
            return True, f"{count(self.searcher().num_docs, 'documento')} en el índice"
        except SearchUnavailable as exc:
            return False, str(exc)

    # -- writing ----------------------------------------------------------
    def _writer(self):
        """The index's one writer, waited for while another process holds it."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise SearchUnavailable(f"El índice de búsqueda está ocupado: {exc}") from exc
                time.sleep(0.05)

    def _change(self, remove_ids, records, clear=False):
        import tantivy

        # Not under self._lock: searches in this process go on while a long
        # write (a rebuild) runs; writers queue on Tantivy's lock file instead.
        writer = self._writer()
        try:
            if clear:
                writer.delete_all_documents()
                # Whoever clears is filling it: it is no longer an empty index to fill.
                self.created_empty = False
            ids = list(remove_ids)
            if ids:
                writer.delete_documents_by_query(tantivy.Query.term_set_query(self._schema, "id", ids))
            for record in records:
                writer.add_document(_document(record))
            writer.commit()
        except Exception as exc:  # noqa: BLE001 - whatever Tantivy raises, the caller records the miss
            writer.rollback()
            raise SearchUnavailable(f"El índice de búsqueda no se pudo escribir: {exc}") from exc
        finally:
            # Releases the lock file for the next writer, in this process or another.
            writer.wait_merging_threads()
        with self._lock:
            self._version = None

    def write_many(self, records):
        records = list(records)
        if records:
            self._change([record.pk for record in records], records)

    def write(self, record):
        self.write_many([record])

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if page_ids:
            self._change(page_ids, [])

    def clear(self):
        self._change([], [], clear=True)

    def replace_all(self, records):
        """Everything anew, in one commit: searches see the old index until the new one is whole."""
        self._change([], records, clear=True)

    # -- querying ---------------------------------------------------------
    def _alternative(self, keys, fields):
        import tantivy

        per_field = []
        for name in fields:
            if len(keys) == 1:
                query = tantivy.Query.term_query(self._schema, name, keys[0])
            else:
                query = tantivy.Query.phrase_query(self._schema, name, list(keys))
            per_field.append(tantivy.Query.boost_query(query, TEXT_FIELDS[name]))
        # The best field counts (Elasticsearch's best_fields), the others a little.
        return tantivy.Query.disjunction_max_query(per_field, tie_breaker=0.1)

    def _clause(self, clause, fields=tuple(TEXT_FIELDS)):
        import tantivy

        alternatives = [self._alternative(keys, fields) for keys in clause.alternatives]
        if len(alternatives) == 1:
            return alternatives[0]
        return tantivy.Query.disjunction_max_query(alternatives, tie_breaker=0.0)

    def build_query(self, query):
        import tantivy

        Occur = tantivy.Occur
        if query.is_empty:
            return tantivy.Query.all_query()
        parts = []
        optional = query.optional
        if optional:
            inner = [(Occur.Should, self._clause(clause)) for clause in optional]
            parts.append((Occur.Must, tantivy.Query.boolean_query(
                inner, minimum_number_should_match=query.minimum_should_match)))
            if len(optional) > 1:
                parts.append((Occur.Should, tantivy.Query.boost_query(tantivy.Query.boolean_query(
                    [(Occur.Must, self._clause(clause, ("title",))) for clause in optional]), TITLE_ALL_BOOST)))
                sequence = [keys[0] for clause in optional for keys in clause.alternatives[:1] if len(keys) == 1]
                if len(sequence) == len(optional):
                    phrase = [(Occur.Should, tantivy.Query.phrase_query(self._schema, name, sequence, slop=1))
                              for name in ("title", "summary", "body")]
                    parts.append((Occur.Should, tantivy.Query.boost_query(
                        tantivy.Query.boolean_query(phrase), PHRASE_BOOST)))
        parts += [(Occur.Must, self._clause(clause)) for clause in query.required]
        if not optional and not query.required:
            parts.append((Occur.Must, tantivy.Query.all_query()))
        parts += [(Occur.MustNot, self._clause(clause)) for clause in query.excluded]
        return tantivy.Query.boolean_query(parts)

    def _filters(self, filters, skip=None):
        import tantivy

        result = []
        for facet, values in filters.items():
            if facet == skip or not values:
                continue
            result.append((tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, facet, list(values))))
        return result

    def _with(self, main, filters, skip=None):
        import tantivy

        extra = self._filters(filters, skip)
        if not extra:
            return main
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, main), *extra])

    @staticmethod
    def _aggregation(facet):
        field = f"{facet}_set" if facet in SET_FACETS else facet
        return {facet: {"terms": {"field": field, "size": MAX_BUCKETS}}}

    @staticmethod
    def _buckets(result, facet):
        counts = {}
        for bucket in result.get(facet, {}).get("buckets", []):
            values = bucket["key"].split("|") if facet in SET_FACETS else [bucket["key"]]
            for value in values:
                if value:
                    counts[value] = counts.get(value, 0) + bucket["doc_count"]
        return counts

    def search(self, query, filters, order, offset, size, version=None):
        """(page ids of one page of hits, total, {facet: {value: count}}), facets disjunctive and exact."""
        import tantivy

        try:
            searcher = self.searcher(version)
            main = self.build_query(query)
            hits_query = self._with(main, filters)
            if order == "relevancia" and not query.is_empty:
                # Equal scores are ordered newest first, then by page, as Elasticsearch's
                # sort says: Tantivy alone orders them by where they sit in the index,
                # which depends on the order documents were written.
                result = searcher.search(hits_query, limit=offset + size + TIE_MARGIN, count=True)
                addresses = [address for _score, address in result.hits]
                days = searcher.fast_field_values("date_desc", addresses) if addresses else []
                ids = searcher.fast_field_values("id", addresses) if addresses else []
                ranked = sorted(zip(result.hits, days, ids, strict=True), key=lambda h: (-h[0][0], -h[1], h[2]))
                page_ids = [int(page_id) for _hit, _day, page_id in ranked[offset : offset + size]]
            else:
                field, direction = ("date_asc", tantivy.Order.Asc) if order == "fecha" else ("date_desc", tantivy.Order.Desc)
                result = searcher.search(hits_query, limit=size, offset=offset, count=True,
                                         order_by_field=field, order=direction)
                addresses = [address for _score, address in result.hits]
                page_ids = [int(i) for i in searcher.fast_field_values("id", addresses)] if addresses else []
            # Facets without a selected value share one aggregation over the hits;
            # each selected facet is counted with the other facets' filters only.
            counts = {}
            unfiltered = [facet for facet in FACETS if not filters.get(facet)]
            if unfiltered:
                aggregated = searcher.aggregate(
                    hits_query, {name: spec for facet in unfiltered for name, spec in self._aggregation(facet).items()}
                )
                counts.update({facet: self._buckets(aggregated, facet) for facet in unfiltered})
            for facet in FACETS:
                if filters.get(facet):
                    aggregated = searcher.aggregate(self._with(main, filters, skip=facet), self._aggregation(facet))
                    counts[facet] = self._buckets(aggregated, facet)
            return page_ids, int(result.count), counts
        except SearchUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever the engine says, the page answers from the listing
            raise SearchUnavailable(f"El índice de búsqueda falló: {exc}") from exc

    def clauses_missing(self, query, page_ids, version=None):
        """{page id: [the words of the query that document lacks]}, for «No aparece: …»."""
        import tantivy

        optional = query.optional
        if len(optional) < 2 or not page_ids:
            return {}
        searcher = self.searcher(version)
        these = tantivy.Query.term_set_query(self._schema, "id", list(page_ids))
        missing = {page_id: [] for page_id in page_ids}
        for clause in optional:
            found = searcher.search(tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, these), (tantivy.Occur.Must, self._clause(clause))]), limit=len(page_ids))
            holding = set(searcher.fast_field_values("id", [address for _s, address in found.hits]))
            for page_id in page_ids:
                if page_id not in holding:
                    missing[page_id].append(clause.text)
        return {page_id: words for page_id, words in missing.items() if words}


_backends = {}
_backends_lock = threading.Lock()


def embedded_backend():
    """The process's one handle on the index (SEARCH_INDEX_DIR; in memory when it is empty)."""
    path = getattr(settings, "SEARCH_INDEX_DIR", None) or None
    key = str(path)
    with _backends_lock:
        backend = _backends.get(key)
        if backend is None:
            backend = _backends[key] = TantivyBackend(path)
        return backend
