"""Load the demo archive: site, vocabularies, timeline, glossary, documents and comment records.

Everything comes from data/ (its README says what each file holds). The
documents go through the importer, as an editor's manifest does:
data/documents.json is a manifest in the importer's JSON form, plus what a
manifest cannot say: a body made of a corpus text or of quotations from it,
and passages of the corpus standing for a cell's text.

Each logical unit (the site frame, a vocabulary, an actor with its
memberships, a document with its file) is written in its own transaction, so
a failure leaves no half-made document behind and what was loaded before it
stays. Everything is keyed by slug (files by checksum) and written only when
it differs, so running the load again changes nothing.
"""

import json

from django.db import transaction

from archive.attachments.models import ArchiveDocument
from archive.dates import parse_iso_partial_date
from archive.importer.manifest import ManifestError, read_manifest
from archive.importer.runner import ERROR, Importer, split_pairs
from archive.importer.sources import FolderSource
from archive.taxonomy.models import Actor, Axis, OpennessElement, Phase

from . import DEMO_DIR, read_data
from .comments import CATEGORY as COMMENT_RECORDS
from .comments import load_comment_records
from .corpus import corpus_blocks, is_passage, passage_text
from .glossary import load_glossary
from .site import CATEGORY as SITE
from .site import ensure_site
from .timeline import MILESTONES_, PAUSES_, load_timeline
from .upsert import Tally, upsert_file, upsert_object

PHASES_, AXES_, ELEMENTS_, ACTORS_, FILES, DOCUMENTS = (
    "Etapas", "Ejes temáticos", "Elementos de apertura", "Actores", "Archivos", "Documentos",
)
# The columns every demo document writes. One a record leaves out is written
# empty (its default), so the load puts back what an edit changed there too.
# Tags are left to editors: the demo has none.
WRITTEN_COLUMNS = [
    "summary", "date", "date_note", "phase", "actors", "axes", "elements", "language", "licence",
    "source_url", "original_holder", "files", "related",
]
ACTOR_DEFAULTS = {"is_person": False, "acronym": "", "aliases": "", "description": "", "website": ""}
# Name parts are derived from a person's name when both are empty (Actor.save); data may give them.
ACTOR_KEYS = {"slug", "name", "kind", "memberships", "given_name", "family_name", *ACTOR_DEFAULTS}
MEMBERSHIP_KEYS = {"body", "role", "joined", "left", "note"}


def partial_date(text, where):
    """(date, precision) of a date written 2021, 2021-03, 2021-03-26 or not at all."""
    try:
        return parse_iso_partial_date(text)
    except ValueError as exc:
        raise ValueError(f"{where}: «{text}» no es una fecha AAAA, AAAA-MM o AAAA-MM-DD.") from exc


def _check_keys(record, allowed, where):
    unknown = sorted(set(record) - set(allowed))
    if unknown:
        raise ValueError(f"{where} «{record.get('slug', '')}»: campos desconocidos: {', '.join(unknown)}.")


# -- vocabularies ------------------------------------------------------------

def load_taxonomy(tally):
    with transaction.atomic():
        for order, phase in enumerate(read_data("phases"), start=1):
            start, start_precision = partial_date(phase.get("start", ""), f"data/phases.json, {phase['slug']}")
            end, end_precision = partial_date(phase.get("end", ""), f"data/phases.json, {phase['slug']}")
            upsert_object(
                Phase, phase["slug"],
                {
                    "name": phase["name"], "order": order, "description": phase.get("description", ""),
                    "start_date": start, "start_precision": start_precision,
                    "end_date": end, "end_precision": end_precision, "dates_note": phase.get("dates_note", ""),
                },
                tally=tally, category=PHASES_,
            )
    for model, name, category in ((Axis, "axes", AXES_), (OpennessElement, "elements", ELEMENTS_)):
        with transaction.atomic():
            for order, term in enumerate(read_data(name), start=1):
                upsert_object(model, term["slug"],
                              {"name": term["name"], "order": order, "description": term.get("description", "")},
                              tally=tally, category=category)
    for actor in read_data("actors"):
        _check_keys(actor, ACTOR_KEYS, "data/actors.json")
        values = ACTOR_DEFAULTS | {key: value for key, value in actor.items() if key not in ("slug", "memberships")}
        memberships = [_membership(m, actor["slug"]) for m in actor.get("memberships", [])]
        with transaction.atomic():
            upsert_object(Actor, actor["slug"], values, children={"memberships": memberships},
                          tally=tally, category=ACTORS_)


def _membership(record, actor):
    _check_keys(record, MEMBERSHIP_KEYS, f"data/actors.json, membresía de {actor}")
    where = f"data/actors.json, {actor}"
    joined, joined_precision = partial_date(record.get("joined", ""), where)
    left, left_precision = partial_date(record.get("left", ""), where)
    return {
        "body": record["body"], "role": record.get("role", ""),
        "joined": joined, "joined_precision": joined_precision,
        "left": left, "left_precision": left_precision,
        "note": record.get("note", ""),
    }


# -- documents ---------------------------------------------------------------

def document_rows():
    """data/documents.json as the importer's rows, in the file's order (a document after those it relates to).

    Passages become their words, and the manifest is read by the importer's
    own reader (its columns checked as an editor's are); then each row gets
    its body: text as in any manifest, or blocks made here from the corpus.
    """
    records, bodies = [], []
    for record in read_data("documents"):
        bodies.append(record.pop("body", ""))
        record = {name: passage_text(value) if is_passage(value) else value for name, value in record.items()}
        records.append(dict.fromkeys(WRITTEN_COLUMNS, "") | record)
    try:
        _, rows = read_manifest(json.dumps(records, ensure_ascii=False).encode(), "documents.json")
    except ManifestError as exc:
        raise ValueError(f"data/documents.json: {exc}") from exc
    for row, body in zip(rows, bodies, strict=True):
        row["body"] = document_body(body, row["slug"])
    return rows


def document_body(spec, slug):
    """A document's body: text (the importer makes its paragraphs), a corpus text, or a list of blocks."""
    if isinstance(spec, str):
        return spec
    if isinstance(spec, dict) and set(spec) == {"corpus_text"}:
        return corpus_blocks(spec["corpus_text"])
    if isinstance(spec, list):
        return [_block(block, slug) for block in spec]
    raise ValueError(f"data/documents.json, «{slug}»: body debe ser texto, {{\"corpus_text\": …}} o una lista de bloques.")


def _block(block, slug):
    value = block.get("value") if isinstance(block, dict) else None
    if is_passage(value):
        value = passage_text(value)
    if (not isinstance(block, dict) or set(block) != {"type", "value"} or block["type"] not in ("heading", "quote")
            or not isinstance(value, str)):
        raise ValueError(f"data/documents.json, «{slug}»: bloque no válido {block!r}; usa heading o quote con "
                         "texto o un pasaje del corpus.")
    return {"type": block["type"], "value": value}


def _name_files(row, tally):
    """Store the row's files first, each titled after its document.

    The importer titles a file with its label alone, which would give the
    five corpus texts one title («Texto extraído del PDF original…»); then it
    finds each file by its checksum and attaches it as any other.
    """
    for _item, path, label in split_pairs(row["files"], "|"):
        if not (DEMO_DIR / path).is_file():
            raise ValueError(f"{row['kind']}/{row['slug']}: files: «{path}» no existe en archive/demo/.")
        title = f"{row['title']}: {label[:1].lower()}{label[1:]}" if label else row["title"]
        upsert_file(ArchiveDocument, DEMO_DIR / path, title, tally=tally, category=FILES)


def load_documents(tally):
    importer = Importer(FolderSource(DEMO_DIR), publish=True)
    for row in document_rows():
        with transaction.atomic():
            _name_files(row, tally)
            (result,) = importer.run([row]).rows
            if result.outcome == ERROR:
                raise ValueError(f"{result.document}: {result.error}")
            tally.add(DOCUMENTS, result.outcome)


def load_demo():
    """Build (or bring up to date) the whole demo archive; returns the tally of what changed."""
    tally = Tally([SITE, PHASES_, AXES_, ELEMENTS_, ACTORS_, PAUSES_, MILESTONES_, FILES, DOCUMENTS,
                   COMMENT_RECORDS])
    ensure_site(tally)
    load_taxonomy(tally)
    load_timeline(tally)
    load_glossary(tally)
    load_documents(tally)
    load_comment_records(tally)
    return tally
