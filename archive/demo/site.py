"""The site's frame: the home page as the default site's root and one listing per kind.

One implementation for the demo load and for the tests' ``make_site`` so the
addresses a test sees are the addresses the archive has.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from archive.pages.models import DOCUMENT_KINDS, DocumentIndexPage
from home.models import HomePage

from .upsert import Tally, upsert_page

CATEGORY = "Páginas del sitio"  # how the load's summary counts these pages
HOME_SLUG = "inicio"
HOME_TITLE = "Archivo Abierto"
HOME_INTRO = (
    "Este archivo guarda la memoria del primer plan de acción de Gobierno Abierto de la Ciudad de "
    "México (2020-2023). La Ciudad lo preparó dentro de OGP Local, el programa para gobiernos locales "
    "de la Alianza para el Gobierno Abierto, junto con la Alcaldía Cuauhtémoc, el Instituto de "
    "Transparencia de la Ciudad (INFO CDMX) y organizaciones de la sociedad civil.\n\n"
    "Aquí están las convocatorias, cartas, minutas, presentaciones, lineamientos y la memoria del "
    "proceso, con su fecha, su etapa y quién participó. El plan nunca se publicó: los trabajos se "
    "suspendieron en febrero de 2023 y en junio de ese año la Ciudad salió de la Alianza.\n\n"
    "Cuando el archivo sabe que un documento existe pero no tiene una copia, lo dice y da la "
    "dirección donde se publicó."
)

# kind slug -> (listing address, plain-language intro). The address is the
# first word of the kind's plural name, except reports: their listing is
# «/informes/», as the project agreed, although the plural reads «Memorias e informes».
INDEX_PAGES = {
    "convocatoria": (
        "convocatorias",
        "Llamados públicos para participar en el proceso: quién podía participar, cuándo abrieron y "
        "cuándo cerraron.",
    ),
    "carta": (
        "cartas",
        "Cartas de intención, de apoyo y de posición que gobiernos, organizaciones y personas enviaron "
        "durante el proceso.",
    ),
    "consulta": (
        "consulta-publica",
        "Lo que se puso ante el público en la consulta: la convocatoria, las preguntas, los requisitos de "
        "las propuestas y el periodo en que se recibieron.",
    ),
    "analisis": (
        "analisis-de-propuestas",
        "Cómo se analizaron los problemas y las propuestas recibidos: quién los revisó, con qué criterios, "
        "cuáles se seleccionaron, cuáles se fusionaron y cuáles se dejaron fuera.",
    ),
    "minuta": (
        "minutas",
        "Registros de las sesiones de trabajo: quién se reunió, cuándo y qué acordó. Si el archivo no "
        "tiene la minuta de una sesión, la ficha lo dice.",
    ),
    "video": (
        "videos",
        "Grabaciones de sesiones, con subtítulos y transcripción cuando existen.",
    ),
    "lineamiento": (
        "lineamientos",
        "Las reglas de trabajo y las metodologías que se acordaron para hacer el plan.",
    ),
    "comentario": (
        "comentarios",
        "Lo que dijeron del proceso las personas que participaron en él, con sus propias palabras.",
    ),
    "presentacion": (
        "presentaciones",
        "Diapositivas que se mostraron en foros, cumbres y sesiones informativas.",
    ),
    "informe": (
        "informes",
        "Memorias e informes que cuentan qué pasó y qué se aprendió.",
    ),
}


def _default_site_for(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                   site_name=HOME_TITLE)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return site


def _remove_welcome_page(home):
    """Wagtail's «Welcome to your new Wagtail site!» page, if nothing hangs from it."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page, slug="home").exclude(pk=home.pk):
        if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
            page.delete()


@transaction.atomic
def ensure_site(tally=None, *, revisions=True):
    """The home page (default site's root) and the listing of each kind; returns the home page.

    ``revisions=False`` (test fixtures only) publishes new pages without a revision, which is faster.
    """
    tally = tally if tally is not None else Tally()
    options = {"tally": tally, "category": CATEGORY, "revisions": revisions}
    home = HomePage.objects.first()
    # A home page that is already there keeps its place and slug; only its text is brought up to date.
    parent, slug = (home.get_parent(), home.slug) if home else (Page.get_first_root_node(), HOME_SLUG)
    home = upsert_page(parent, HomePage, slug, {"title": HOME_TITLE, "intro": HOME_INTRO}, **options)
    _default_site_for(home)
    _remove_welcome_page(home)

    existing = {page.kind: page for page in DocumentIndexPage.objects.all()}
    for kind in DOCUMENT_KINDS:
        slug, intro = INDEX_PAGES[kind.kind_slug]
        values = {"title": kind.kind_plural, "kind": kind.kind_slug, "intro": intro}
        page = existing.get(kind.kind_slug)
        # A listing that exists elsewhere keeps its place; only its fields are brought up to date.
        parent = page.get_parent() if page is not None else home
        current_slug = page.slug if page is not None else slug
        if page is not None and page.slug != slug:
            values["slug"] = slug
        upsert_page(parent, DocumentIndexPage, current_slug, values, **options)
    return home


def index_page(kind_slug):
    return DocumentIndexPage.objects.get(kind=kind_slug)
