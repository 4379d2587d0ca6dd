#!/usr/bin/env python
"""Build a synthetic archive of N documents and index it, timing the indexer.

    DATABASE_URL=sqlite:////tmp/archivo-bench-10k.sqlite3 .venv/bin/python benchmarks/generate.py 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archivo_bench .venv/bin/python benchmarks/generate.py 10000 --fresh

The database is created (PostgreSQL) and migrated if needed; ``--fresh``
drops it first. Only databases whose name contains "bench" are accepted.

Pages are real Wagtail pages, written in bulk: creating them one by one with
``add_child`` costs ~15 ms each (a tree lock, a path query and a full save
per page), hours for 100,000. Documents are children of one listing per kind
at a known depth, so their treebeard materialized paths can be computed here:
the base ``wagtailcore_page`` rows go through ``Page.objects.bulk_create``,
the ``pages_documentpage`` and kind rows (multi-table inheritance, which
``bulk_create`` refuses) through ``_base_manager._insert``, and relations
through ``bulk_create``. Then every document is indexed with
``search.indexing.index_pages`` and the throughput printed. Pages get no
revisions, no entry in Wagtail's admin search index and no permanent
identifier (``manage.py assign_identifiers`` mints them): none plays a part in
the public search.
"""

import argparse
import datetime
import html
import json
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_env  # noqa: E402
from corpus import TextGenerator  # noqa: E402

CHUNK = 1000  # documents per transaction
INDEX_CHUNK = 5000  # documents per index_pages call, for progress lines
STEPLEN = 4
TRANSLATION_NAMESPACE = uuid.UUID("5b0c7d0e-6a1f-4c39-9d51-0a6f2e4b8c17")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# (slug, name, order, first and last day documents of the phase are dated, weight)
PHASES = [
    ("antecedentes", "Antecedentes", 1, (2011, 1, 1), (2020, 6, 30), 10),
    ("postulacion", "Postulación a OGP Local", 2, (2020, 7, 1), (2020, 12, 31), 4),
    ("nucleo-promotor", "Integración multiactor: Núcleo Promotor", 3, (2020, 1, 1), (2022, 12, 31), 14),
    ("grupo-asesor", "Integración multiactor: Grupo Asesor", 4, (2021, 2, 4), (2021, 6, 30), 8),
    ("lineamientos", "Lineamientos y metodología", 5, (2021, 6, 1), (2021, 12, 31), 6),
    ("consulta-publica", "Consulta pública", 6, (2022, 7, 5), (2022, 9, 30), 14),
    ("seleccion-de-problematicas", "Selección de problemáticas", 7, (2022, 9, 1), (2022, 10, 23), 7),
    ("mesas-de-cocreacion", "Mesas de cocreación", 8, (2022, 10, 24), (2022, 11, 30), 18),
    ("publicacion-del-plan", "Publicación del plan", 9, (2022, 12, 1), (2023, 2, 28), 3),
    ("suspension-y-salida", "Suspensión y salida de OGP Local", 10, (2023, 2, 1), (2023, 6, 30), 8),
    ("cierre-y-memoria", "Cierre y memoria", 11, (2023, 6, 1), (2023, 12, 31), 8),
]

AXES = [
    ("transparencia-fiscal", "Transparencia fiscal y contrataciones abiertas", 1),
    ("gobierno-digital", "Gobierno digital y acceso a servicios públicos", 2),
    ("medio-ambiente", "Medio ambiente y cambio climático", 3),
    ("participacion-ciudadana", "Participación ciudadana y derecho a la información", 4),
    ("genero-e-inclusion", "Género e inclusión", 5),
]

# (slug, name, kind, acronym, aliases, is_person), most frequently involved first.
ACTORS = [
    ("info-cdmx", "Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos Personales "
     "y Rendición de Cuentas de la Ciudad de México", "guarantor", "INFO CDMX", "InfoCDMX, Info CDMX", False),
    ("adip", "Agencia Digital de Innovación Pública", "government", "ADIP", "", False),
    ("alcaldia-cuauhtemoc", "Alcaldía Cuauhtémoc", "government", "", "", False),
    ("fundacion-avina", "Fundación Avina", "civil_society", "", "Avina", False),
    ("equis", "Equis Justicia para las Mujeres", "civil_society", "", "Equis", False),
    ("ilsb", "Instituto de Liderazgo Simone de Beauvoir", "civil_society", "ILSB", "", False),
    ("ogp", "Alianza para el Gobierno Abierto", "international", "OGP", "AGA, Open Government Partnership", False),
    ("observatorio-nacional-ciudadano", "Observatorio Nacional Ciudadano", "civil_society", "ONC", "", False),
    ("territorio-nomada", "Territorio Nómada", "civil_society", "", "", False),
    ("gift", "Iniciativa Global para la Transparencia Fiscal", "civil_society", "GIFT", "", False),
    ("bios", "Bios Participación Política", "civil_society", "", "", False),
    ("arkemtria-social", "Arkemtria Social", "civil_society", "", "", False),
    ("consejo-de-gobierno-abierto", "Consejo de Gobierno Abierto de la Ciudad de México", "government", "", "", False),
    ("gobierno-cdmx", "Gobierno de la Ciudad de México", "government", "GCDMX", "", False),
    ("red-nacional-de-refugios", "Red Nacional de Refugios", "civil_society", "RNR", "", False),
    ("inai", "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales",
     "guarantor", "INAI", "", False),
    ("sfp", "Secretaría de la Función Pública", "government", "SFP", "", False),
    ("nosc", "Núcleo de Organizaciones de la Sociedad Civil", "civil_society", "NOSC", "", False),
    ("stt", "Secretariado Técnico Tripartita", "government", "STT", "", False),
    ("stl", "Secretariado Técnico Local", "government", "STL", "", False),
    ("rudi-borrmann", "Rudi Borrmann", "international", "", "", True),
    ("eduard-martin-borregon", "Eduard Martín-Borregón", "expert", "", "", True),
    ("cristina-elena-martinez-pinto", "Cristina Elena Martínez Pinto", "expert", "", "", True),
    ("victor-manuel-castaneda-saldivar", "Víctor Manuel Castañeda Saldívar", "expert", "", "", True),
    ("alicia-monserrat-islas-gurrola", "Alicia Monserrat Islas Gurrola", "expert", "", "", True),
    ("monica-leonor-rivas-bazan", "Mónica Leonor Rivas Bazán", "expert", "", "", True),
    ("israel-felipe-solorio-sandoval", "Israel Felipe Solorio Sandoval", "expert", "", "", True),
    ("patricio-manuel-ramirez-rios", "Patricio Manuel Ramírez Ríos", "expert", "", "", True),
    ("emilienne-de-leon-aulina", "Emilienne de León Aulina", "expert", "", "", True),
    ("mexico-evalua", "México Evalúa", "civil_society", "", "", False),
    ("secretaria-de-las-mujeres", "Secretaría de las Mujeres de la Ciudad de México", "government", "SEMUJERES", "",
     False),
    ("sedema", "Secretaría del Medio Ambiente de la Ciudad de México", "government", "SEDEMA", "", False),
    ("saf", "Secretaría de Administración y Finanzas", "government", "SAF", "", False),
    ("congreso-cdmx", "Congreso de la Ciudad de México", "government", "", "", False),
    ("unam", "Universidad Nacional Autónoma de México", "academia", "UNAM", "", False),
    ("cide", "Centro de Investigación y Docencia Económicas", "academia", "CIDE", "", False),
    ("transparencia-mexicana", "Transparencia Mexicana", "civil_society", "", "", False),
    ("fundar", "Fundar, Centro de Análisis e Investigación", "civil_society", "", "Fundar", False),
    ("alcaldia-iztapalapa", "Alcaldía Iztapalapa", "government", "", "", False),
    ("alcaldia-tlalpan", "Alcaldía Tlalpan", "government", "", "", False),
]

# kind slug -> (listing address, share of documents, title opening)
KINDS = {
    "convocatoria": ("convocatorias", 8, "Convocatoria para"),
    "carta": ("cartas", 15, "Carta de intención sobre"),
    "minuta": ("minutas", 25, "Minuta de la sesión sobre"),
    "video": ("videos", 12, "Video de la sesión sobre"),
    "lineamiento": ("lineamientos", 8, "Lineamientos de"),
    "comentario": ("comentarios", 12, "Comentario sobre"),
    "presentacion": ("presentaciones", 10, "Presentación de"),
    "informe": ("informes", 10, "Informe de"),
}
MEETING_BODIES = ["Núcleo Promotor", "Grupo Asesor", "Sesión conjunta del Núcleo Promotor y el Grupo Asesor",
                  "Consejo de Gobierno Abierto"]
EVENTS = ["Semana de la Transparencia", "Cumbre Nacional de Gobierno Abierto", "Foro de gobierno abierto",
          "Sesión informativa", "Mesa de cocreación"]


def encode_step(number):
    """The treebeard path step of the number-th child (1-based), as Page computes it."""
    digits = []
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits.append(ALPHABET[rest])
    return "".join(reversed(digits)).rjust(STEPLEN, "0")


def ensure_taxonomy():
    from archive.taxonomy.models import Actor, Axis, Phase

    phases, axes, actors = {}, {}, {}
    for slug, name, order, start, end, _weight in PHASES:
        phase = Phase.objects.filter(slug=slug).first() or Phase.objects.filter(name=name).first()
        if phase is None:
            phase = Phase.objects.create(
                slug=slug, name=name, order=order, start_date=datetime.date(*start), end_date=datetime.date(*end)
            )
        phases[slug] = phase
    for slug, name, order in AXES:
        axis = Axis.objects.filter(slug=slug).first() or Axis.objects.filter(name=name).first()
        if axis is None:
            axis = Axis.objects.create(slug=slug, name=name, order=order)
        axes[slug] = axis
    for slug, name, kind, acronym, aliases, is_person in ACTORS:
        actor = Actor.objects.filter(slug=slug).first() or Actor.objects.filter(name=name).first()
        if actor is None:
            actor = Actor.objects.create(
                slug=slug, name=name, kind=kind, acronym=acronym, aliases=aliases, is_person=is_person
            )
        actors[slug] = actor
    return phases, axes, actors


def ensure_site():
    """The home page as the default site's root and one listing per kind (as tests/factories.py builds them)."""
    from wagtail.models import Page, Site

    from archive.pages.models import KINDS_BY_SLUG, DocumentIndexPage
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Archivo Abierto", slug="inicio"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
        )
    listings = {}
    for kind_slug, (address, _share, _opening) in KINDS.items():
        listing = DocumentIndexPage.objects.filter(kind=kind_slug).first()
        if listing is None:
            model = KINDS_BY_SLUG[kind_slug]
            listing = home.add_child(instance=DocumentIndexPage(title=model.kind_plural, slug=address, kind=kind_slug))
        listings[kind_slug] = listing
    return home, listings


class DocumentFactory:
    """The fields of one synthetic document of each kind, drawn from the generator."""

    def __init__(self, gen, phases, axes, actors):
        self.gen = gen
        self.phases = [(phases[p[0]], datetime.date(*p[3]), datetime.date(*p[4])) for p in PHASES]
        self.phase_cdf = _cdf([p[5] for p in PHASES])
        self.axes = [axes[a[0]] for a in AXES]
        self.actors = [actors[a[0]] for a in ACTORS]
        # Zipf over actors: a few take part in most documents, as in the real record.
        self.actor_cdf = _cdf([1.0 / (rank + 1.5) for rank in range(len(self.actors))])
        self.kinds = list(KINDS)
        self.kind_cdf = _cdf([KINDS[k][1] for k in self.kinds])

    def _draw(self, cdf):
        import numpy as np

        return int(np.searchsorted(cdf, self.gen.random(), side="right"))

    def document(self):
        from archive.dates import DatePrecision

        gen = self.gen
        kind = self.kinds[self._draw(self.kind_cdf)]
        phase, first_day, last_day = self.phases[self._draw(self.phase_cdf)]
        roll = gen.random()
        if roll < 0.07:
            date, precision = None, DatePrecision.UNKNOWN
        else:
            date = first_day + datetime.timedelta(days=int(gen.integers(0, (last_day - first_day).days + 1)))
            if roll < 0.13:
                date, precision = date.replace(month=1, day=1), DatePrecision.YEAR
            elif roll < 0.25:
                date, precision = date.replace(day=1), DatePrecision.MONTH
            else:
                precision = DatePrecision.DAY
        actors = []
        while len(actors) < int(gen.integers(1, 5)):
            actor = self.actors[self._draw(self.actor_cdf)]
            if actor not in actors:
                actors.append(actor)
        axes = gen.sample(self.axes, [0, 1, 1, 2][int(gen.integers(0, 4))])
        title = f"{KINDS[kind][2]} {gen.title_words(3)}"
        body = []
        paragraphs = gen.paragraphs(int(gen.integers(300, 601)))
        for number, paragraph in enumerate(paragraphs):
            if number and gen.random() < 0.2:
                body.append({"type": "heading", "value": gen.title_words(2).capitalize(), "id": self.block_id()})
            body.append({"type": "paragraph", "value": f"<p>{html.escape(paragraph)}</p>", "id": self.block_id()})
        fields = {
            "title": title,
            "draft_title": title,
            "summary": gen.text(40),
            "body": body,
            "date": date,
            "date_precision": precision,
            "year": date.year if date else None,
            "phase_id": phase.pk,
            "original_holder": "Micrositio «Memoria y archivo» de INFO CDMX",
            "licence": "cc-by-4.0",
        }
        fields.update(self.kind_fields(kind, date, actors))
        return kind, fields, actors, axes

    def block_id(self):
        return str(uuid.UUID(self.gen.uuid_hex(), version=4))

    def kind_fields(self, kind, date, actors):
        gen = self.gen
        names = "\n".join(a.name for a in actors)
        if kind == "convocatoria":
            opening = date or None
            return {
                "opening_date": opening,
                "closing_date": opening + datetime.timedelta(days=int(gen.integers(7, 60))) if opening else None,
                "addressed_to": gen.text(15),
            }
        if kind == "carta":
            return {"signatories": names, "addressee": gen.pick(ACTORS)[1][:255]}
        if kind == "minuta":
            return {
                "meeting_body": gen.pick(MEETING_BODIES),
                "attendees": names,
                "agreements": f"<ol><li>{html.escape(gen.text(15))}</li><li>{html.escape(gen.text(12))}</li></ol>",
                "next_steps": f"<p>{html.escape(gen.text(12))}</p>",
            }
        if kind == "video":
            return {
                "external_url": f"https://www.youtube.com/watch?v={gen.uuid_hex()[:11]}",
                "duration": datetime.timedelta(seconds=int(gen.integers(600, 3 * 3600))),
                "speakers": names,
            }
        if kind == "lineamiento":
            return {"version": f"{int(gen.integers(1, 4))}.{int(gen.integers(0, 10))}",
                    "approval_date": date, "approved_by": actors[0].name[:255]}
        if kind == "comentario":
            return {"member_id": actors[0].pk, "member_body": gen.pick(["nucleo_promotor", "grupo_asesor"]),
                    "member_role": "Integrante", "comment": gen.text(60)}
        if kind == "presentacion":
            return {"event": gen.pick(EVENTS), "place": "Ciudad de México", "presenter": actors[0].name[:255]}
        return {"report_type": gen.pick(["memoria", "informe", "analisis"]),
                "publisher": actors[0].name[:255], "pages": int(gen.integers(4, 200))}


def _cdf(weights):
    import numpy as np

    weights = np.asarray(weights, dtype=float)
    return np.cumsum(weights / weights.sum())


def _insert_rows(model, objs):
    """INSERT the model's own table rows of objs (multi-table inheritance: one table per class)."""
    from django.db import connection

    fields = model._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(fields, objs))
    for start in range(0, len(objs), batch):
        model._base_manager._insert(objs[start : start + batch], fields=fields)


def create_documents(count, seed, log):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    from archive.pages.models import KINDS_BY_SLUG, DocumentActor, DocumentPage

    phases, axes, actors = ensure_taxonomy()
    home, listings = ensure_site()
    content_types = {kind: ContentType.objects.get_for_model(KINDS_BY_SLUG[kind]).pk for kind in KINDS}
    # Continue after the last existing child, so a second run appends.
    next_step = {}
    for kind, listing in listings.items():
        last = listing.get_last_child()
        next_step[kind] = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    # The paths written here must be the ones treebeard would compute.
    sample = listings["minuta"]
    if sample.path + encode_step(next_step["minuta"]) != Page._get_path(
        sample.path, sample.depth + 1, next_step["minuta"]
    ):
        raise RuntimeError("encode_step() disagrees with treebeard's paths")
    gen = TextGenerator(seed)
    factory = DocumentFactory(gen, phases, axes, actors)
    page_fields = [f.attname for f in Page._meta.local_concrete_fields if f.attname != "id"]
    published = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    through = DocumentPage.axes.through
    created, text_seconds, write_seconds = [], 0.0, 0.0
    started = time.perf_counter()
    for chunk_start in range(0, count, CHUNK):
        t0 = time.perf_counter()
        documents = []
        for number in range(chunk_start, min(count, chunk_start + CHUNK)):
            kind, fields, doc_actors, doc_axes = factory.document()
            listing = listings[kind]
            step = next_step[kind]
            next_step[kind] += 1
            slug = _slug(fields["title"], step)
            when = published + datetime.timedelta(seconds=number)
            model = KINDS_BY_SLUG[kind]
            page = model(
                path=listing.path + encode_step(step),
                depth=listing.depth + 1,
                numchild=0,
                # Must be unique per locale: the path makes it so, even when a
                # second run with the same seed appends. The drawn part keeps
                # the random stream, so the documents, as they were when the
                # figures in README.md were measured.
                translation_key=uuid.uuid5(TRANSLATION_NAMESPACE, f"{listing.path}{encode_step(step)}/{gen.uuid_hex()}"),
                locale_id=listing.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=when,
                last_published_at=when,
                slug=slug,
                url_path=f"{listing.url_path}{slug}/",
                content_type_id=content_types[kind],
                show_in_menus=False,
                **fields,
            )
            documents.append((page, doc_actors, doc_axes))
        t1 = time.perf_counter()
        with transaction.atomic():
            base_rows = [Page(**{name: getattr(page, name) for name in page_fields}) for page, _a, _x in documents]
            Page.objects.bulk_create(base_rows, batch_size=500)
            for (page, _a, _x), row in zip(documents, base_rows, strict=True):
                if not row.pk:
                    raise RuntimeError("bulk_create returned no ids (SQLite >= 3.35 or PostgreSQL needed)")
                page.id = page.page_ptr_id = page.documentpage_ptr_id = row.pk
            pages = [page for page, _a, _x in documents]
            _insert_rows(DocumentPage, pages)
            by_kind = defaultdict(list)
            for page in pages:
                by_kind[type(page)].append(page)
            for model, objs in by_kind.items():
                _insert_rows(model, objs)
            DocumentActor.objects.bulk_create(
                [
                    DocumentActor(page_id=page.pk, actor=actor, role="author" if i == 0 else "participant",
                                  sort_order=i)
                    for page, doc_actors, _x in documents
                    for i, actor in enumerate(doc_actors)
                ],
                batch_size=500,
            )
            through.objects.bulk_create(
                [through(documentpage_id=page.pk, axis_id=axis.pk) for page, _a, doc_axes in documents
                 for axis in doc_axes],
                batch_size=500,
            )
        t2 = time.perf_counter()
        text_seconds += t1 - t0
        write_seconds += t2 - t1
        created.extend(page.pk for page in pages)
        if len(created) % 10_000 == 0 or len(created) == count:
            log(f"  pages: {len(created):>7}/{count}  ({time.perf_counter() - started:.0f} s)")
    for listing in listings.values():
        numchild = Page.objects.filter(path__startswith=listing.path, depth=listing.depth + 1).count()
        Page.objects.filter(pk=listing.pk).update(numchild=numchild)
    return created, text_seconds, write_seconds


def _slug(title, step):
    from django.utils.text import slugify

    return f"{slugify(title)[:60].rstrip('-')}-{step}"


def index_documents(page_ids, log):
    from search.indexing import index_pages

    started = time.perf_counter()
    indexed = 0
    for start in range(0, len(page_ids), INDEX_CHUNK):
        indexed += index_pages(page_ids[start : start + INDEX_CHUNK])
        elapsed = time.perf_counter() - started
        if (start // INDEX_CHUNK) % 4 == 3 or start + INDEX_CHUNK >= len(page_ids):
            log(f"  indexed: {indexed:>7}/{len(page_ids)}  ({elapsed:.0f} s, {indexed / elapsed:.0f} docs/s)")
    return indexed, time.perf_counter() - started


def tree_problems(top):
    """What treebeard's find_problems() checks, from one query: it runs two queries per page (hours at 100,000)."""
    from collections import Counter

    from wagtail.models import Page

    rows = list(Page.objects.filter(path__startswith=top.path).values_list("path", "depth", "numchild", "slug"))
    paths = {path for path, _d, _n, _s in rows}
    children = Counter(path[:-STEPLEN] for path, _d, _n, _s in rows)
    siblings_slugs = Counter((path[:-STEPLEN], slug) for path, _d, _n, slug in rows)
    problems = []
    for path, depth, numchild, slug in rows:
        if any(c not in ALPHABET for c in path) or len(path) % STEPLEN:
            problems.append((path, "bad path"))
        elif depth != len(path) // STEPLEN:
            problems.append((path, "wrong depth"))
        elif path != top.path and path[:-STEPLEN] not in paths:
            problems.append((path, "orphan"))
        elif numchild != children[path]:
            problems.append((path, f"numchild {numchild}, children {children[path]}"))
        elif siblings_slugs[(path[:-STEPLEN], slug)] > 1:
            problems.append((path, f"slug {slug!r} repeated among siblings"))
    return problems


def _render_status(client, url):
    """How the page renders. Reported, not required: templates belong to other work in progress,
    and a template error says nothing about the pages written here."""
    import logging

    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.CRITICAL)
    try:
        return f"answers {client.get(url).status_code}"
    except Exception as exc:  # any failure to render is only reported
        return f"does not render: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    finally:
        request_logger.setLevel(level)


def verify(page_ids, log):
    """Bulk-written pages must be as good as saved ones: a sound tree, specific pages, URLs, findable."""
    import random

    from django.test import Client
    from wagtail.models import Page

    from archive.pages.models import DocumentPage
    from home.models import HomePage
    from search.models import SearchRecord

    problems = tree_problems(HomePage.objects.first())
    if problems:
        raise SystemExit(f"Tree problems: {problems[:10]}")
    total = DocumentPage.objects.live().count()
    records = SearchRecord.objects.count()
    if records != total:
        raise SystemExit(f"{total} live documents but {records} search records")
    client = Client(HTTP_HOST="localhost")
    browse = client.get("/api/buscar/").json()
    if browse["count"] != total:
        raise SystemExit(f"/api/buscar/ counts {browse['count']} documents, the archive has {total}")
    checked = []
    for page_id in random.Random(0).sample(page_ids, min(5, len(page_ids))):
        page = Page.objects.get(pk=page_id)
        specific = page.specific
        url = page.url
        if type(specific) is Page or not url or not url.startswith("/"):
            raise SystemExit(f"Page {page_id}: specific {type(specific).__name__}, url {url!r}")
        rendered = _render_status(client, url)
        found = client.get(
            "/api/buscar/", {"q": f'"{specific.title}"', "tipo": specific.kind_slug, "etapa": specific.phase.slug}
        ).json()
        urls = [hit["url"] for hit in found["results"]]
        if not any(u.endswith(url) for u in urls):
            raise SystemExit(f"Page {page_id} ({specific.title!r}) not among its title's results: {urls}")
        checked.append(f"{type(specific).__name__} {url} (1 of {found['count']} for its title; page {rendered})")
    log("  verified: tree sound, %d records, browse count matches; sample pages:" % records)
    for line in checked:
        log(f"    {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=0, help="documents to create")
    parser.add_argument("--seed", type=int, default=20200930, help="random seed (default: %(default)s)")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--verify-only", action="store_true", help="create nothing; check the archive already built")
    args = parser.parse_args()
    if not args.count and not args.verify_only:
        parser.error("give a number of documents, or --verify-only")

    def log(message):
        print(message, flush=True)

    # Before anything is created or dropped.
    setup_env.check_is_bench_database()
    if not args.verify_only:
        setup_env.create_database(fresh=args.fresh)
    setup_env.setup_django()
    from django.core.management import call_command
    from django.db import connection

    log(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    if args.verify_only:
        from archive.pages.models import DocumentPage

        verify(list(DocumentPage.objects.values_list("pk", flat=True)), log)
        return
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"  migrated ({time.perf_counter() - t0:.0f} s)")

    t0 = time.perf_counter()
    page_ids, text_seconds, write_seconds = create_documents(args.count, args.seed, log)
    create_seconds = time.perf_counter() - t0
    log(f"Created {len(page_ids)} pages in {create_seconds:.1f} s "
        f"(text and objects {text_seconds:.1f} s, database {write_seconds:.1f} s): "
        f"{len(page_ids) / create_seconds:.0f} pages/s")

    indexed, index_seconds = index_documents(page_ids, log)
    throughput = indexed / index_seconds if index_seconds else 0.0
    log(f"Indexed {indexed} documents in {index_seconds:.1f} s: {throughput:.0f} documents/s")

    # Planner statistics, as a database in service has them (autovacuum, or
    # SQLite's optimize): PostgreSQL picks between the GIN index and a scan by them.
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"  analyzed ({time.perf_counter() - t0:.0f} s)")

    verify(page_ids, log)
    figures = {
        "backend": connection.vendor,
        "documents_created": len(page_ids),
        "create_seconds": round(create_seconds, 1),
        "create_pages_per_second": round(len(page_ids) / create_seconds, 1),
        "index_seconds": round(index_seconds, 1),
        "index_documents_per_second": round(throughput, 1),
        "peak_rss_mb": round(setup_env.peak_rss_mb(), 1),
    }
    log(f"Peak memory (ru_maxrss): {figures['peak_rss_mb']:.0f} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
