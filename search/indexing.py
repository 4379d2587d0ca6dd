"""Keep the public search index equal to what the public may see.

A page is indexed when it is published and removed when it is unpublished,
deleted, or put behind a view restriction. Updates run after the
transaction commits, once the page's relations (actors, axes, attachments)
are written, so a page is findable by everything it was published with.
"""

import logging
import re
import secrets
import threading

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from archive.pages.models import DocumentActor, DocumentAttachment, DocumentPage
from archive.web.cache import bump_generation
from archive.web.language import in_archive_language

from .analysis import words
from .backends import get_backend
from .backends.elasticsearch import SearchUnavailable
from .models import EngineBacklog, IndexState, SearchPassage, SearchRecord
from .suggestions import delete_title_words, write_title_words
from .vtt import parse_vtt, transcript_text, transcript_windows

logger = logging.getLogger(__name__)

WHITESPACE = re.compile(r"[ \t]+")


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "stream_block"):  # StreamValue
        parts = []
        for block in value:
            parts.append(strip_tags(str(block.value.source if hasattr(block.value, "source") else block.value)))
        return "\n\n".join(parts)
    return strip_tags(str(value))


def _kind_text(page):
    """Text of the search fields a kind declares itself (transcript, agreements, comment...)."""
    parts = []
    own_fields = {f.name: f for f in page._meta.get_fields() if getattr(f, "model", None) is type(page)}
    for field in type(page).get_search_fields():
        model_field = own_fields.get(field.field_name)
        if isinstance(field, index.SearchField) and model_field is not None:
            value = getattr(page, field.field_name)
            if isinstance(model_field, RichTextField | StreamField):
                value = _plain(value)
            if value:
                parts.append(str(value))
    return "\n\n".join(parts)


SAME_TEXT = 0.9


def distinct_texts(texts):
    """The texts, leaving out one that repeats an earlier one's words.

    A document often holds the same words twice: a PDF and its plain-text or
    accessible version. Indexed twice, they would count double in the
    ranking (and a longer field weighs each word less): a text whose words
    are nearly all (SAME_TEXT) in a text already kept adds nothing.
    """
    kept, seen = [], []
    for text in texts:
        vocabulary = set(words(text))
        if vocabulary and any(len(vocabulary & other) >= SAME_TEXT * len(vocabulary) for other in seen):
            continue
        kept.append(text)
        seen.append(vocabulary)
    return kept


def record_values(page):
    """Everything the index keeps of one document page (its specific instance)."""
    actors = [link.actor for link in page.actor_links.all()]
    actor_slugs = {actor.slug for actor in actors}
    # A member's own comment is among its documents (its page and /cifras/ count it), even when
    # the editors did not list the member among the comment's actors too.
    member = getattr(page, "member", None)
    if member is not None:
        actor_slugs.add(member.slug)
    axes = list(page.axes.all())
    elements = list(page.elements.all())
    attachments = [a.document for a in page.attachments.all() if a.document_id]
    meta_parts = [page.kind_label, page.date_label]
    if page.phase_id:
        meta_parts.append(page.phase.name)
    for actor in actors:
        meta_parts += [actor.name, actor.acronym, actor.aliases]
    meta_parts += [a.name for a in axes] + [e.name for e in elements] + [t.name for t in page.tags.all()]

    formats = set()
    for document in attachments:
        if document.format_key == "pdf":
            formats.add("pdf")
        if document.is_open_format:
            formats.add("abierto")
        if document.text_status == "ok":
            formats.add("accesible")
    formats |= page.search_formats()
    if page.is_catalogue_entry:
        formats.add("sin-archivo")

    captions = ""
    captions_file = page.captions_file()
    if captions_file is not None and not page.transcript_text():
        # The captions are the transcript when the editor gave no other.
        captions = transcript_text(parse_vtt(captions_file.full_text))
    body = "\n\n".join(p for p in (_plain(page.body), _kind_text(page), captions) if p)
    return {
        "url": page.get_url() or page.url_path,
        "title": page.title,
        "summary": page.summary,
        "body": body,
        "meta": WHITESPACE.sub(" ", " · ".join(p for p in meta_parts if p)),
        "files": "\n\n".join(distinct_texts(d.full_text for d in attachments if d.text_status == "ok")),
        "kind": page.kind_slug,
        "date": page.date,
        # A date note may hold 255 characters, the label column 100: PostgreSQL
        # would refuse the row and leave the published document unsearchable.
        "date_label": Truncator(page.date_label).chars(SearchRecord._meta.get_field("date_label").max_length),
        "facets": {
            "tipo": [page.kind_slug],
            "etapa": [page.phase.slug] if page.phase_id else [],
            "actor": sorted(actor_slugs),
            "eje": sorted(a.slug for a in axes),
            "anio": [str(page.date.year)] if page.date else [],
            "formato": sorted(formats),
        },
        "display": {
            "kind_label": page.kind_label,
            "phase": page.phase.name if page.phase_id else "",
            "phase_url": page.phase.get_absolute_url() if page.phase_id else "",
            "actors": [actor.name for actor in dict.fromkeys(actors)],
            "permalink": page.permanent_path,
            # date_label is Spanish; other languages write the date again from this.
            "date_precision": page.date_precision,
        },
    }, attachments


def passage_label(title, where):
    """«<file title>, página 12», the title shortened to fit the column.

    A file's title can hold 255 characters on its own (the demo's read
    «<document title>: versión en PDF…»); PostgreSQL refuses a longer label,
    which left the whole document out of search.
    """
    room = SearchPassage._meta.get_field("label").max_length - len(where)
    return Truncator(title).chars(room) + where


def page_word(format_key, number):
    """How a hit names where in the file it is: «, página 3», «, diapositiva 3», «, hoja 3»."""
    if format_key in {"pptx", "odp"}:
        return _(", diapositiva %(number)s") % {"number": number}
    if format_key in {"xlsx", "ods"}:
        return _(", hoja %(number)s") % {"number": number}
    return f", página {number}"


# Files whose text is kept page by page (slide by slide, sheet by sheet): a hit names its page.
PAGED_FORMATS = {"pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods"}


def passages_for(page, attachments):
    passages = []
    for document in attachments:
        if document.format_key in PAGED_FORMATS and document.text_status == "ok":
            for number, text in enumerate(document.text_pages, start=1):
                if text.strip():
                    passages.append(
                        SearchPassage(
                            # A page of a file (PDF_PAGE is the stored name for pages of every paged format).
                            source=SearchPassage.Source.PDF_PAGE,
                            label=passage_label(document.title, page_word(document.format_key, number)),
                            # Only a PDF viewer opens a file at a page; an office file is downloaded whole.
                            url=f"{document.url}#page={number}" if document.format_key == "pdf" else document.url,
                            position=number,
                            text=text,
                        )
                    )
    captions_file = page.captions_file()
    if captions_file is not None and captions_file.text_status == "ok":
        target = page.media_url() or page.get_url() or ""
        for start, text in transcript_windows(parse_vtt(captions_file.full_text)):
            minutes, seconds = divmod(int(start), 60)
            passages.append(
                SearchPassage(
                    source=SearchPassage.Source.TRANSCRIPT,
                    label=f"Video, minuto {minutes}:{seconds:02d}",
                    url=f"{target}#t={int(start)}",
                    position=int(start),
                    text=text,
                )
            )
    return passages


def bump_version():
    # A random token, not a counter: a rolled-back transaction could otherwise
    # hand out the same number again for different contents.
    token = secrets.randbits(62)
    if not IndexState.objects.filter(pk=1).update(version=token):
        IndexState.objects.create(pk=1, version=token)


def current_version():
    state = IndexState.objects.filter(pk=1).values_list("version", flat=True).first()
    return state or 0


BATCH_SIZE = 500


def _public_pages(page_ids):
    """The specific pages among page_ids the public may see, relations prefetched."""
    return (
        DocumentPage.objects.filter(pk__in=page_ids).visible()
        .specific()
        # A plain select_related joins the generic query, whose rows .specific()
        # replaces: the phase would then cost one query per page.
        .select_related("phase", for_specific_subqueries=True)
        .prefetch_related(
            Prefetch("actor_links", queryset=DocumentActor.objects.select_related("actor")),
            Prefetch("attachments", queryset=DocumentAttachment.objects.select_related("document")),
            "axes", "elements", "tags", "identifier_record",
        )
    )


def _record_missed(page_ids, exc):
    logger.error(
        "Search engine unavailable: %d page updates recorded for rebuild_search_index", len(page_ids), exc_info=exc
    )
    # One statement per batch: a rebuild during an outage records every page.
    EngineBacklog.objects.bulk_create(
        [EngineBacklog(page_id=page_id, error=str(exc)[:1000]) for page_id in dict.fromkeys(page_ids)],
        update_conflicts=True, unique_fields=["page_id"], update_fields=["error", "failed_at"],
    )


def _send_to_engine(engine, records, removed_ids):
    """Bring the engine in line; when it cannot be written, record what it missed instead of failing."""
    try:
        engine.delete(removed_ids)
        engine.write_many(records)
    except SearchUnavailable as exc:
        _record_missed([record.pk for record in records] + list(removed_ids), exc)
    else:
        EngineBacklog.objects.filter(page_id__in=[record.pk for record in records] + list(removed_ids)).delete()
    # Again after the engine's commit: a reader that reloaded between the
    # database's commit and the engine's would otherwise keep the old index.
    bump_version()


@in_archive_language
def index_pages(page_ids):
    """Bring these pages' records in line with what the public may see of them.

    Returns how many are indexed (the rest were removed). Works in batches
    with a fixed number of queries per batch, so a rebuild is not a query
    storm per page. The records are the database's (SearchRecord): the
    engine is written once they are committed, so it never holds a record
    the database rolled back.
    """
    page_ids = list(dict.fromkeys(page_ids))
    engine = get_backend()
    indexed = 0
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        with transaction.atomic():
            pages = list(_public_pages(batch))
            visible = {page.pk for page in pages}
            removed = [pk for pk in batch if pk not in visible]
            delete_title_words(batch)
            SearchRecord.objects.filter(pk__in=batch).delete()
            records, passages = [], []
            for page in pages:
                values, attachments = record_values(page)
                record = SearchRecord(page_id=page.pk, **values)
                records.append(record)
                for passage in passages_for(page, attachments):
                    passage.record = record
                    passages.append(passage)
            SearchRecord.objects.bulk_create(records)
            SearchPassage.objects.bulk_create(passages)
            # Suggestions while typing: the title words go out and in with the
            # records, so only public titles are offered.
            write_title_words(records)
            bump_version()
        _send_to_engine(engine, records, removed)
        indexed += len(pages)
    if page_ids:
        # Cached pages (a search, a listing's hit counts) were rendered from
        # the index as it was: they go once the index holds the change, so
        # this order needs no help from the order apps connect receivers in.
        bump_generation()
    return indexed


def index_page(page_id):
    return bool(index_pages([page_id]))


def schedule(page_ids):
    """Index after the current transaction commits, when relations are written."""
    page_ids = list(page_ids)

    def run():
        try:
            index_pages(page_ids)
        except Exception:
            # A failed index update must never undo an editor's publish; it is
            # logged, and rebuild_search_index repairs it.
            logger.exception("Search index update failed for pages %s", page_ids[:20])

    defer(run)


def defer(callback):
    """Run after the current transaction commits (tests replace this to run at once)."""
    transaction.on_commit(callback)


def rebuild():
    """Rebuild the records and the engine from the live, public pages.

    Returns (documents indexed, updates the engine still lacks: 0 unless it is down).
    """
    engine = get_backend()
    with transaction.atomic():
        delete_title_words()
        SearchRecord.objects.all().delete()
        bump_version()
    try:
        try:
            engine.clear()
        except SearchUnavailable:
            if not hasattr(engine, "recreate"):
                raise
            # A damaged embedded index is rebuilt from nothing.
            engine.recreate()
            engine.clear()
    except SearchUnavailable as exc:
        logger.error("Search engine unavailable: its index could not be rebuilt", exc_info=exc)
    else:
        # A fresh index holds nothing stale: only what fails from here on is still missing.
        EngineBacklog.objects.all().delete()
    count = index_pages(DocumentPage.objects.visible().values_list("pk", flat=True))
    return count, EngineBacklog.objects.count()


def reload_engine():
    """Write the engine anew from the database's records, without reading the pages again.

    What a missing or damaged index needs: the records are the truth, and
    reading them is far cheaper than building them from the pages.
    """
    engine = get_backend()
    records = SearchRecord.objects.defer("display").iterator(chunk_size=BATCH_SIZE)
    engine.replace_all(records)
    EngineBacklog.objects.all().delete()
    bump_version()
    return SearchRecord.objects.count()


_filling = threading.Lock()


def fill_new_index():
    """An index that was just created empty while the database holds records: fill it, in the background.

    Raises SearchUnavailable meanwhile, so searches answer from the plain
    listing (with its notice) rather than from an empty index.
    """
    engine = get_backend()
    if _filling.locked():
        raise SearchUnavailable("El índice de búsqueda se está reconstruyendo a partir de la base de datos.")
    if not getattr(engine, "created_empty", False):
        return
    # Once per process, after it found no index on disk: did anything fill it since?
    engine.created_empty = False
    if engine.searcher().num_docs >= SearchRecord.objects.count():
        return
    if _filling.acquire(blocking=False):

        def fill():
            try:
                reload_engine()
            except Exception:
                engine.created_empty = True
                logger.exception("The search index could not be filled from the database's records")
            finally:
                _filling.release()
                connection.close()

        threading.Thread(target=fill, name="fill-search-index", daemon=True).start()
    raise SearchUnavailable("El índice de búsqueda se está reconstruyendo a partir de la base de datos.")
