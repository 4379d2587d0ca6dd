"""Each page type costs a fixed, small number of queries, however many documents, actors and files there are.

Each page is requested once to warm the caches every page shares (the site,
content types, the footer's listings), measured, then the archive grows
around it (more documents of every kind, more actors, axes and files on the
measured documents themselves) and the page is measured again.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.pages.models import DocumentActor, DocumentAttachment, DocumentPage, MinutesPage, ReportPage
from search import facets, vocabulary
from tests.accessibility.archive import build_archive
from tests.factories import make_actor, make_axis, make_document, make_file, make_phase, make_related

pytestmark = pytest.mark.django_db

# The issue asks for 10 at most. A document page costs eight, whatever its
# kind: the chain of pages of its address and its own row with what every
# kind shows joined in (archive/pages/routing.py), the links to actors, axes,
# elements and tags in one query and the files in another
# (archive/pages/record.py), the versions, the relations both ways with the
# whole chain in one recursive query and the documents they name in one more,
# and the member comments. The site, home page, view restrictions and
# vocabularies are kept per content generation (archive/web/).
DOCUMENT_LIMIT = 8
# Listings, search, feeds and data pages (the catalogue, the most: 18).
OTHER_LIMIT = 18
EXTRA_PATHS = {
    "linea-de-tiempo": "/linea-de-tiempo/", "cifras": "/cifras/", "mesas": "/mesas-de-cocreacion/",
    "feed": "/feeds/documentos.atom", "feed-etapa": "/feeds/etapa/mesas-de-cocreacion.atom",
    "feed-tipo": "/feeds/tipo/minuta.atom", "sitemap": "/sitemap.xml", "catalogo": "/catalogo.json",
    "busqueda-sin-texto": "/buscar/?tipo=minuta&etapa=mesas-de-cocreacion",
    **{f"listado-{slug}": f"/{slug}/" for slug in ("convocatorias", "cartas", "videos", "lineamientos",
                                                    "comentarios", "presentaciones", "informes")},
}


def count(client, path):
    facets.forget_snapshot()  # in production each process holds one; it may have been dropped
    vocabulary._cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return len(queries), [q["sql"][:160] for q in queries]


def grow():
    phase = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion")
    axis = make_axis("Gobierno abierto", slug="gobierno-abierto")
    actors = [make_actor(f"Organización {n}", slug=f"organizacion-{n}", kind="civil_society") for n in range(6)]
    files = [make_file(f"anexo-{n}.pdf") for n in range(4)]
    for document in DocumentPage.objects.live().specific():
        for n, actor in enumerate(actors):
            DocumentActor.objects.create(page=document, actor=actor, role="author" if n % 2 else "participant")
        for file in files:
            DocumentAttachment.objects.create(page=document, document=file)
        document.axes.add(axis)
    for n in range(5):
        extra = make_document(MinutesPage, f"Minuta adicional {n}", phase=phase, actors=actors[:3], axes=[axis],
                              date=datetime.date(2022, 11, 10 + n), attachments=files[:2])
        # Each document already has one relation each way (below): this adds more.
        for target in DocumentPage.objects.live().exclude(pk=extra.pk)[:3]:
            make_related(extra, target)
        make_document(ReportPage, f"Informe adicional {n}", phase=phase, actors=actors, attachments=files)


def test_query_counts_stay_fixed_as_the_archive_grows(client):
    paths = {**build_archive(), **EXTRA_PATHS}
    paths.pop("no-encontrada")
    paths.pop("version-accesible")
    # An empty list costs no query: start with one relation each way, so the
    # growth measured is from some to many, not from none to some.
    documents = list(DocumentPage.objects.live())
    for page, target in zip(documents, documents[1:] + documents[:1], strict=True):
        make_related(page, target)
    before = {}
    for name, path in paths.items():
        client.get(path)
        before[name] = count(client, path)
    grow()
    failures = []
    for name, path in paths.items():
        client.get(path)
        after = count(client, path)
        limit = DOCUMENT_LIMIT if name.startswith("documento-") else OTHER_LIMIT
        if after[0] != before[name][0] or after[0] > limit:
            failures.append(f"{name} ({path}): {before[name][0]} then {after[0]} queries (at most {limit})\n    "
                            + "\n    ".join(after[1]))
    print({name: value[0] for name, value in before.items()})
    assert not failures, "\n".join(failures)
