"""Suggestions while typing in the search box: titles, actors, phases and reference codes.

Only what the public may see is offered: titles and codes come through the
search records (one per live, public document), actors and phases only when
at least one of those records names them. Titles are found through
SuggestionWord, their folded words, so a keystroke costs a range scan on an
index, never a pass over every title.

Choosing a document or a code opens the document. Choosing an actor or a
phase opens the search filtered by it, not its page: the person was
searching, and the filtered search keeps the counts by kind, year and format
to narrow further and «Quitar» to widen again, where the actor's or phase's
page is one list by date.
"""

import re
import unicodedata

from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_safe

from archive.identifiers.models import PREFIX_PATTERN, Identifier
from archive.identity import current as identity
from archive.pages.models import DOCUMENT_KINDS, DocumentActor, DocumentPage
from archive.taxonomy.models import Actor, ActorKind, Phase
from archive.web.language import for_reader
from archive.web.memo import per_generation

from .models import SearchRecord, SuggestionWord

MIN_LENGTH = 2
MAX_LENGTH = 100
MAX_ITEMS = 8
MAX_TERMS = 6
# Per kind, so that a name that matches many things leaves room for documents.
MAX_ACTORS = 3
MAX_PHASES = 2
# Index rows read for one query: enough distinct titles to rank, few enough to
# cost the same at 100,000 documents as at 100.
MAX_WORD_ROWS = 200
WORD_LENGTH = SuggestionWord._meta.get_field("word").max_length
CODE_LENGTH = Identifier._meta.get_field("code").max_length

KIND_NAMES = {kind.kind_slug: kind.kind_label for kind in DOCUMENT_KINDS}
KIND_LABELS = {"codigo": N_("Código"), "actor": N_("Actor"), "etapa": N_("Etapa"), "documento": N_("Documento")}

WORD_RE = re.compile(r"[0-9a-z]+")
CODE_SEPARATORS = re.compile(r"[^0-9A-Z]+")
CODE_TAIL = re.compile(r"^(?:\d{4}|SF)-[A-Z]")
# A code as far as its kind's letters, under any prefix: codes minted before
# the prefix changed are still found by the prefix they were minted under.
EARLIER_CODE = re.compile(rf"^{PREFIX_PATTERN}-(?:\d{{4}}|SF)-[A-Z]{{1,6}}(?:-\d*)?$")
PASTED_BREAKS = re.compile(r"[\t\r\n]+")
# Words too common to tell titles apart. Not indexed; dropped from a query
# unless they are all it has («de» may still be the start of «derechos»).
STOP_WORDS = frozenset(
    "a al con de del e el en la las los o para por que se su sus u un una y".split()
)


class InvalidQuery(ValueError):
    """Input that cannot be read; the message is for the person."""


def fold(text):
    """Lower case, without accents or tildes: what people type is what titles are stored as.

    Unlike the full-text search, ñ folds to n: a suggestion is only offered,
    never a result, and the stored words must stay within [0-9a-z] for the
    prefix range to hold on any collation.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return WORD_RE.findall(fold(text or ""))


def title_words(title):
    """The distinct words of a title that SuggestionWord keeps."""
    return list(dict.fromkeys(w[:WORD_LENGTH] for w in words(title) if w not in STOP_WORDS))


def delete_title_words(record_ids=None):
    """Remove the title words of these records (all, without ids) in one statement.

    Before their records are deleted: the cascade would do it row by row,
    since every model has delete receivers (the page cache's), which made a
    batch of 500 records cost 0.45 s instead of 0.09 s at 100,000 documents.
    """
    words = SuggestionWord.objects.all() if record_ids is None else SuggestionWord.objects.filter(record_id__in=record_ids)
    words._raw_delete(words.db)


def write_title_words(records):
    """Store the title words of freshly written SearchRecord rows (their old rows went with the records)."""
    SuggestionWord.objects.bulk_create(
        [SuggestionWord(record_id=record.pk, word=word) for record in records for word in title_words(record.title)]
    )


# --- Reading the query -------------------------------------------------------


def read_query(value):
    """The query as typed, checked; raises InvalidQuery with a message in Spanish."""
    # A pasted tab or line break is a space; other control characters are refused.
    value = PASTED_BREAKS.sub(" ", value or "").strip()
    if len(value) < MIN_LENGTH:
        raise InvalidQuery(f"Escribe al menos {MIN_LENGTH} caracteres en «q».")
    if len(value) > MAX_LENGTH:
        raise InvalidQuery(f"El texto es demasiado largo: escribe como máximo {MAX_LENGTH} caracteres.")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise InvalidQuery("El texto tiene caracteres que no se pueden buscar.")
    return value


def query_terms(value):
    """The folded words to match, each as the start of a word."""
    terms = list(dict.fromkeys(w[:WORD_LENGTH] for w in words(value)))
    meaningful = [t for t in terms if t not in STOP_WORDS]
    return (meaningful or terms)[:MAX_TERMS]


def code_prefix(value):
    """The start of a reference code the query spells, or "".

    «aga-cdmx-2022-min», «AGA CDMX 2022 MIN 003» and «2022-MIN-003» all
    count; «AGA» alone does not: every code starts with it.
    """
    prefix = identity.for_site().code_prefix
    spelled = CODE_SEPARATORS.sub("-", fold(value).upper()).lstrip("-")
    if spelled.startswith(prefix + "-") and len(spelled) > len(prefix) + 1:
        return spelled
    if CODE_TAIL.match(spelled):
        return f"{prefix}-{spelled}"
    if EARLIER_CODE.match(spelled):
        return spelled
    return ""


def _ceiling(prefix, length):
    # Every string of [0-9a-z] up to ``length`` characters that starts with
    # ``prefix`` sorts between it and this, in bytes as in any locale's order.
    return prefix + "z" * (length - len(prefix))


def _matches(terms, candidate_words):
    return all(any(w.startswith(t) for w in candidate_words) for t in terms)


# --- What may be suggested -----------------------------------------------------


def _taxonomy():
    """Actors and phases named by at least one public document, folded once per content change."""
    public_actor = Exists(DocumentActor.objects.filter(actor=OuterRef("pk"), page__search_record__isnull=False))
    public_phase = Exists(DocumentPage.objects.filter(phase=OuterRef("pk"), search_record__isnull=False))
    search_url = reverse("search:search")
    kinds = dict(ActorKind.choices)
    entries = []
    for actor in Actor.objects.filter(public_actor).only("name", "slug", "acronym", "aliases", "kind"):
        names = [actor.name, actor.acronym, *actor.alias_list]
        entries.append({
            "kind": "actor",
            "label": actor.display_name,
            "detail": kinds.get(actor.kind, ""),
            "url": f"{search_url}?{urlencode({'actor': actor.slug})}",
            "words": tuple(w for name in names for w in words(name)),
            # A name, acronym or alias spelled out whole outranks a word in the middle of one.
            "names": tuple(" ".join(words(name)) for name in names if name),
            "sort": fold(actor.name),
        })
    for phase in Phase.objects.filter(public_phase).order_by("order", "name"):
        entries.append({
            "kind": "etapa",
            "label": phase.name,
            "detail": phase.date_range_label,
            "url": f"{search_url}?{urlencode({'etapa': phase.slug})}",
            "words": tuple(words(phase.name)),
            "names": (" ".join(words(phase.name)),),
            "sort": f"{phase.order:05d}",
        })
    return entries


def _term_suggestions(terms, kind):
    phrase = " ".join(terms)
    found = [e for e in per_generation(f"search:suggestions:taxonomy:{get_language()}", _taxonomy)
             if e["kind"] == kind and _matches(terms, e["words"])]
    found.sort(key=lambda e: (
        not any(name == phrase for name in e["names"]),
        not any(name.startswith(phrase) for name in e["names"]),
        e["sort"],
    ))
    return found


def _document_suggestions(terms, limit):
    """Titles whose words start with every term, best first."""
    # The longest term is usually the rarest: the scan runs on it, the others
    # are checked per row on the (record, word) index.
    lead = max(terms, key=len)
    rows = SuggestionWord.objects.filter(word__gte=lead, word__lte=_ceiling(lead, WORD_LENGTH))
    for term in terms:
        if term != lead:
            rows = rows.filter(Exists(SuggestionWord.objects.filter(
                record_id=OuterRef("record_id"), word__gte=term, word__lte=_ceiling(term, WORD_LENGTH),
            )))
    ids = list(dict.fromkeys(rows.order_by("word", "record_id").values_list("record_id", flat=True)[:MAX_WORD_ROWS]))
    # Plain tuples, without the JSON columns: reading 200 records as models cost more than finding them.
    records = SearchRecord.objects.filter(pk__in=ids).values_list("title", "url", "kind", "date_label")
    phrase = " ".join(terms)

    def rank(record):
        title = words(record[0])
        joined = " ".join(title)
        return (
            not joined.startswith(phrase),
            phrase not in joined,
            -sum(term in title for term in terms),
            len(record[0]),
            record[0],
        )

    return [
        {
            "kind": "documento",
            "label": title,
            "detail": " · ".join(p for p in (KIND_NAMES.get(kind, ""), date_label) if p),
            "url": url,
        }
        for title, url, kind, date_label in sorted(records, key=rank)[:limit]
    ]


def _code_suggestions(prefix, limit):
    # Both bounds are on the unique index (codes are [0-9A-Z-]); startswith
    # keeps the answer exact whatever the database's collation.
    identifiers = (
        Identifier.objects.filter(
            code__gte=prefix, code__lte=prefix + "Z" * (CODE_LENGTH - len(prefix)), code__startswith=prefix,
            page__search_record__isnull=False,
        )
        .order_by("code")
        .values_list("code", "page__search_record__title", "page__search_record__url")[:limit]
    )
    return [{"kind": "codigo", "label": code, "detail": title, "url": url} for code, title, url in identifiers]


def suggest(value):
    """At most MAX_ITEMS suggestions for a checked query, codes first, then actors, phases and documents."""
    found = []
    prefix = code_prefix(value)
    if prefix:
        found += _code_suggestions(prefix, MAX_ITEMS)
    terms = query_terms(value)
    room = MAX_ITEMS - len(found)
    if terms and room > 0:
        actors = _term_suggestions(terms, "actor")
        phases = _term_suggestions(terms, "etapa")
        seen = {item["url"] for item in found}
        documents = [d for d in _document_suggestions(terms, room + len(seen)) if d["url"] not in seen]
        picked_actors, picked_phases = actors[:MAX_ACTORS], phases[:MAX_PHASES]
        picked_documents = documents[: max(0, room - len(picked_actors) - len(picked_phases))]
        # Few documents: the room left goes back to actors, then phases.
        spare = max(0, room - len(picked_actors) - len(picked_phases) - len(picked_documents))
        more_actors = actors[MAX_ACTORS:][:spare]
        more_phases = phases[MAX_PHASES:][: spare - len(more_actors)]
        found += picked_actors + more_actors + picked_phases + more_phases + picked_documents
    for item in found:
        item["kind_label"] = gettext(KIND_LABELS[item["kind"]])
        item["url"] = for_reader(item["url"])
    return found[:MAX_ITEMS]


@require_safe
def suggestions_api(request):
    try:
        value = read_query(request.GET.get("q"))
    except InvalidQuery as exc:
        return JsonResponse({"error": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})
    response = JsonResponse({"q": value, "suggestions": suggest(value)}, json_dumps_params={"ensure_ascii": False})
    # Like the search itself: for people, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
