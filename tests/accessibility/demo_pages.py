"""One address of every kind of public page the demo archive has, read from the database.

Read rather than written out, so a new listing or document kind of the demo
is visited without touching the tests that use this.
"""

from django.db.models import Count

from archive.accessibility.versions import has_accessible_version
from archive.attachments.models import ArchiveDocument
from archive.identifiers.models import Identifier
from archive.interop.public import is_public_file
from archive.pages.models import DOCUMENT_KINDS, DocumentIndexPage, DocumentPage
from archive.taxonomy.models import Actor, Axis, Phase
from search.engine import search
from search.params import SearchParams


def _first_visible(model):
    return model.objects.visible().order_by("path").first()


def demo_pages():
    """{name: path}; names say what kind of page it is (`documento-minuta`, `busqueda-filtrada`)."""
    paths = {
        "inicio": "/",
        "etapas": "/etapas/",
        "actores": "/actores/",
        "linea-de-tiempo": "/linea-de-tiempo/",
        "mesas-de-cocreacion": "/mesas-de-cocreacion/",
        "cifras": "/cifras/",
        "glosario": "/glosario/",
        "entrar": "/cuenta/entrar/",
        "busqueda-vacia": "/buscar/",
        "busqueda": "/buscar/?q=transparencia",
        "busqueda-sin-resultados": "/buscar/?q=xqzwv",
        "no-encontrada": "/esta-pagina-no-existe/",
        # English pages put longer words in the same places.
        "en-inicio": "/en/",
        "en-busqueda": "/en/buscar/?q=transparencia",
        "en-cifras": "/en/cifras/",
        "en-linea-de-tiempo": "/en/linea-de-tiempo/",
    }
    for index in DocumentIndexPage.objects.live().public().order_by("path"):
        paths[f"listado-{index.slug}"] = index.url
    for kind in DOCUMENT_KINDS:
        page = _first_visible(kind)
        if page is not None:
            paths[f"documento-{kind.kind_slug}"] = page.url
    translated = DocumentPage.objects.visible().exclude(title_en="").order_by("path").first()
    if translated is not None:
        paths["en-documento-traducido"] = "/en" + translated.url
    phase = Phase.objects.order_by("order").first()
    paths["etapa"] = phase.get_absolute_url()
    # The actor with most documents: the longest page of its kind.
    actor = Actor.objects.annotate(documents=Count("document_links")).order_by("-documents", "slug").first()
    paths["actor"] = actor.get_absolute_url()
    paths["eje"] = Axis.objects.order_by("order").first().get_absolute_url()
    # A search narrowed by two facets, an actor's among them (the longest facet),
    # chosen among the values that still leave results.
    facets = search(SearchParams(q="transparencia")).facets
    kind = max(facets["tipo"], key=lambda v: v.count).value
    narrowed = search(SearchParams(q="transparencia", filters={"tipo": [kind]})).facets
    chosen = max(narrowed["actor"], key=lambda v: v.count).value
    paths["busqueda-filtrada"] = f"/buscar/?q=transparencia&tipo={kind}&actor={chosen}"
    for document in ArchiveDocument.objects.order_by("pk"):
        if has_accessible_version(document) and is_public_file(document):
            paths["version-accesible"] = f"/documentos/{document.pk}/version-accesible/"
            break
    visible = DocumentPage.objects.visible().values("pk")
    identifier = Identifier.objects.filter(page__in=visible, withdrawn_at__isnull=True).order_by("code").first()
    if identifier is not None:
        paths["direccion-permanente"] = f"/id/{identifier.code}/"
        version = identifier.versions.order_by("number").first()
        if version is not None:
            paths["direccion-permanente-version"] = f"/id/{identifier.code}/v/{version.number}/"
    withdrawn = Identifier.objects.filter(withdrawn_at__isnull=False).order_by("code").first()
    if withdrawn is not None:
        paths["direccion-permanente-retirada"] = f"/id/{withdrawn.code}/"
    return paths
