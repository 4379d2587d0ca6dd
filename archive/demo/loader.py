"""Load the demo archive: site, vocabularies, files and documents.

Each logical unit (the site frame, a vocabulary, an actor with its
memberships, a document with its file) is written in its own transaction, so
a failure leaves no half-made document behind and what was loaded before it
stays. Everything is keyed by slug (files by checksum) and written only when
it differs, so running the load again changes nothing.
"""

import copy

from django.core.cache import cache
from django.db import transaction

from archive.attachments.models import ArchiveDocument
from archive.pages.models import KINDS_BY_SLUG
from archive.taxonomy.models import Actor, Axis, OpennessElement, Phase

from . import CORPUS_DIR
from .comments import CATEGORY as COMMENT_RECORDS
from .comments import load_comment_records
from .documents import EXTRACTED_TEXT_LABEL, build_documents, corpus_blocks
from .glossary import load_glossary
from .site import CATEGORY as SITE
from .site import ensure_site, index_page
from .taxonomy import ACTORS, AXES, ELEMENTS, PHASES
from .timeline import MILESTONES_, PAUSES_, load_timeline
from .upsert import Tally, upsert_file, upsert_object, upsert_page

PHASES_, AXES_, ELEMENTS_, ACTORS_, FILES, DOCUMENTS = (
    "Etapas", "Ejes temáticos", "Elementos de apertura", "Actores", "Archivos", "Documentos",
)


def load_taxonomy(tally):
    with transaction.atomic():
        for order, (slug, name, start, end, note, description) in enumerate(PHASES, start=1):
            upsert_object(
                Phase, slug,
                {
                    "name": name, "order": order, "description": description,
                    "start_date": start[0], "start_precision": start[1],
                    "end_date": end[0], "end_precision": end[1], "dates_note": note,
                },
                tally=tally, category=PHASES_,
            )
    for model, terms, category in ((Axis, AXES, AXES_), (OpennessElement, ELEMENTS, ELEMENTS_)):
        with transaction.atomic():
            for order, (slug, name, description) in enumerate(terms, start=1):
                upsert_object(model, slug, {"name": name, "order": order, "description": description},
                              tally=tally, category=category)
    for spec in ACTORS:
        with transaction.atomic():
            values = {key: spec[key] for key in
                      ("name", "kind", "is_person", "acronym", "aliases", "description", "website")}
            upsert_object(Actor, spec["slug"], values, children={"memberships": spec["memberships"]},
                          tally=tally, category=ACTORS_)


def _by_slug(model, slugs, what):
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=set(slugs))}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise ValueError(f"Faltan {what}: {', '.join(missing)}")
    return found


def load_document(spec, pages, tally):
    """One document page (and its file, if the archive holds one); returns the page."""
    model = KINDS_BY_SLUG[spec["kind"]]
    actors = _by_slug(Actor, [slug for slug, _ in spec["actors"]] + (
        [spec["fields"]["member"]] if "member" in spec["fields"] else []), "actores")
    phase = _by_slug(Phase, [spec["phase"]], "etapas")[spec["phase"]]
    axes = _by_slug(Axis, spec["axes"], "ejes")
    elements = _by_slug(OpennessElement, spec["elements"], "elementos")

    fields = dict(spec["fields"])
    if "member" in fields:
        fields["member"] = actors[fields["member"]]

    # A copy: Wagtail gives each block of a raw StreamField list an id in
    # place, which would change the cached specs other code reads afterwards.
    attachments, body = [], copy.deepcopy(spec["body"])
    if spec["corpus"]:
        name, options = spec["corpus"]
        body = corpus_blocks(name, options)
        document = upsert_file(
            ArchiveDocument, CORPUS_DIR / name, f"{spec['title']}: texto extraído del PDF original (texto plano)",
            tally=tally, category=FILES,
        )
        attachments = [{"document": document, "label": EXTRACTED_TEXT_LABEL}]

    missing = [slug for slug, _ in spec["related"] if slug not in pages]
    if missing:
        raise ValueError(f"«{spec['slug']}» enlaza a documentos que aún no existen: {', '.join(missing)}")

    values = {
        "title": spec["title"],
        "summary": spec["summary"],
        "date": spec["date"],
        "date_precision": spec["date_precision"],
        "date_note": spec["date_note"],
        "phase": phase,
        "language": "es",
        "source_url": spec["source_url"],
        "original_holder": spec["original_holder"],
        "licence": spec["licence"],
        "body": body,
        **fields,
    }
    return upsert_page(
        index_page(spec["kind"]), model, spec["slug"], values,
        m2m={"axes": [axes[s] for s in spec["axes"]], "elements": [elements[s] for s in spec["elements"]]},
        children={
            "actor_links": [{"actor": actors[slug], "role": role} for slug, role in spec["actors"]],
            "attachments": attachments,
            "related_links": [{"target": pages[slug], "relation": rel} for slug, rel in spec["related"]],
        },
        tally=tally, category=DOCUMENTS,
    )


def load_demo():
    """Build (or bring up to date) the whole demo archive; returns the tally of what changed."""
    tally = Tally([SITE, PHASES_, AXES_, ELEMENTS_, ACTORS_, PAUSES_, MILESTONES_, FILES, DOCUMENTS,
                   COMMENT_RECORDS])
    ensure_site(tally)
    load_taxonomy(tally)
    load_timeline(tally)
    load_glossary(tally)
    pages = {}
    for spec in build_documents():
        with transaction.atomic():
            pages[spec["slug"]] = load_document(spec, pages, tally)
    load_comment_records(tally)
    # The header's list of listings is cached; new listings must show at once.
    cache.delete("site-navigation")
    return tally
