"""The public search's own index, one record per public, live document.

Kept apart from Wagtail's (which serves the admin) because the public
search needs what Wagtail's cannot give: Spanish stemming on SQLite, exact
disjunctive facet counts, and passages (a PDF's pages, a video's moments) to
point a hit at. A record exists only while its page is live and public, so
nothing unpublished or private can leak through search or its counts.
"""

from django.db import models


class SearchRecord(models.Model):
    page = models.OneToOneField(
        "pages.DocumentPage", on_delete=models.CASCADE, primary_key=True, related_name="search_record"
    )
    url = models.CharField(max_length=500)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Names of the phase, actors (with acronyms and aliases), axes, tags and
    # the kind's own fields: searched, weighted between summary and body.
    meta = models.TextField(blank=True)
    files = models.TextField(blank=True)
    kind = models.CharField(max_length=20)
    date = models.DateField(null=True, blank=True)
    date_label = models.CharField(max_length=100, blank=True)
    # {"tipo": [...], "etapa": [...], "actor": [...], "eje": [...], "anio": [...], "formato": [...]}
    facets = models.JSONField(default=dict)
    # What results show without another query per hit.
    display = models.JSONField(default=dict)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "registro de búsqueda"


class SearchPassage(models.Model):
    """A part of a document a hit can point to: a page of a PDF or a moment of a video."""

    class Source(models.TextChoices):
        PDF_PAGE = "pdf", "Página de PDF"
        TRANSCRIPT = "transcript", "Momento del video"

    record = models.ForeignKey(SearchRecord, on_delete=models.CASCADE, related_name="passages")
    source = models.CharField(max_length=12, choices=Source.choices)
    label = models.CharField(max_length=255)
    url = models.CharField(max_length=600)
    position = models.PositiveIntegerField(help_text="Page number, or seconds from the start.")
    text = models.TextField()

    class Meta:
        ordering = ["record", "source", "position"]


class IndexState(models.Model):
    """A token changed on every index write, so each process knows when its
    in-memory facet tables are stale without reloading them per request."""

    version = models.PositiveBigIntegerField(default=0)


class EngineBacklog(models.Model):
    """A page whose update Elasticsearch missed (it was down), so the outage is
    visible and ``rebuild_search_index`` knows what it catches up. The database
    engine never misses one: it is written in the same transaction as the record.
    """

    page_id = models.BigIntegerField(primary_key=True)
    failed_at = models.DateTimeField(auto_now=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = "actualización pendiente del buscador principal"


class SuggestionWord(models.Model):
    """One folded word of a public document's title, for the suggestions offered while typing.

    Written with its record (search/indexing.py) and deleted with it, so only
    public, live titles are ever offered. Folded to [0-9a-z] so that «the
    words that start with nuc» is a range on the (word, record) index on any
    database and collation (search/suggestions.py).
    """

    # The row is its record and word, not a serial number: a delete that
    # collected the rows before the record was written again (a page deleted
    # while it is re-indexed) still removes the rows written since.
    pk = models.CompositePrimaryKey("record", "word")
    record = models.ForeignKey(
        SearchRecord, on_delete=models.CASCADE, related_name="suggestion_words",
        # The primary key's index starts with the record: it serves the deletes.
        db_index=False,
    )
    word = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["word", "record"], name="suggestion_word_prefix")]
