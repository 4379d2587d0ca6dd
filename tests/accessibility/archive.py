"""A small archive with one page of every type, for the browser tests.

Built with the test factories (seconds, where the whole demo takes a
minute), with text like the real archive's: plain summaries, glossary terms,
headings in the body, a PDF of several pages with its accessible version, a
video with captions and transcript.
"""

import datetime

from archive.demo.glossary import load_glossary
from archive.pages.models import (
    CallPage,
    GuidelinePage,
    LetterPage,
    MemberCommentPage,
    MinutesPage,
    PresentationPage,
    ReportPage,
    VideoPage,
)
from tests.factories import (
    make_actor,
    make_axis,
    make_captions,
    make_document,
    make_element,
    make_file,
    make_membership,
    make_phase,
    make_related,
    make_site,
    make_video_file,
    minimal_pdf,
)

BODY = [
    {"type": "heading", "value": "Qué se hizo"},
    {"type": "paragraph", "value": "<p>La ADIP y el INFO CDMX convocaron a las organizaciones. El Núcleo "
                                   "Promotor preparó la <b>cocreación</b> del plan de acción.</p>"},
    {"type": "paragraph", "value": "<ul><li>Se eligieron cinco ejes temáticos.</li>"
                                   "<li>Se abrió una consulta pública.</li></ul>"},
    {"type": "heading", "value": "Qué sigue"},
    {"type": "quote", "value": "Queremos un gobierno que escuche y rinda cuentas."},
    {"type": "heading", "value": "Dónde consultarlo"},
    {"type": "paragraph", "value": '<p>El original está en el <a href="https://example.org/memoria">micrositio '
                                   "de Estado Abierto</a>.</p>"},
]


def ensure_wagtail_roots():
    """The locale, root page and root collection Wagtail's migrations create.

    The live-server tests are transactional: the flush after each one empties
    every table, these rows included, so the next test puts them back.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def build_archive():
    """Create the archive; returns {page name: path} for every page type the tests visit."""
    ensure_wagtail_roots()
    make_site()
    load_glossary()
    mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8,
                       description="Reuniones de gobierno y sociedad para escribir los compromisos del plan.",
                       start_date=datetime.date(2022, 10, 24), end_date=datetime.date(2022, 11, 24))
    consulta = make_phase("Consulta pública", slug="consulta-publica", order=6,
                          start_date=datetime.date(2022, 7, 5), end_date=datetime.date(2022, 9, 5))
    adip = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP",
                      description="Oficina del Gobierno de la Ciudad de México para los servicios digitales.")
    ilsb = make_actor("Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society", acronym="ILSB")
    make_membership(ilsb, joined=datetime.date(2020, 10, 1), left=datetime.date(2022, 9, 6), role="Integrante")
    genero = make_axis("Género e inclusión", slug="genero-e-inclusion")
    make_element("Lenguaje sencillo, formatos abiertos y accesibles", slug="lenguaje-sencillo")

    pdf = make_file("memoria.pdf", minimal_pdf(
        "MEMORIA DEL PROCESO",
        "1. Presentacion",
        "Este documento cuenta como se hizo el primer plan de accion de la Ciudad.",
    ), title="Memoria del proceso (PDF)")
    common = {"phase": mesas, "actors": [(adip, "author")], "axes": [genero]}
    pages = {
        "convocatoria": make_document(
            CallPage, "Convocatoria al Grupo Asesor", phase=consulta, date=datetime.date(2021, 2, 4),
            summary="La Ciudad invitó a organizaciones y personas expertas a formar el Grupo Asesor.",
            opening_date=datetime.date(2021, 2, 4), closing_date=datetime.date(2021, 3, 26),
            addressed_to="Organizaciones de la sociedad civil y personas expertas.", body=BODY,
        ),
        "carta": make_document(
            LetterPage, "Carta de intención de la Alcaldía Cuauhtémoc", date=datetime.date(2020, 9, 30),
            summary="La Alcaldía se comprometió a trabajar con la Ciudad en el plan de acción.",
            signatories="Alcaldía Cuauhtémoc", addressee="OGP Local", **common,
        ),
        "minuta": make_document(
            MinutesPage, "Minuta de la mesa de Género e inclusión", date=datetime.date(2022, 11, 8),
            summary="Gobierno y sociedad acordaron tres problemas que el plan debía atender.",
            meeting_body="Mesa de cocreación de Género e inclusión", attendees="ADIP\nINFO CDMX",
            agreements="<p>Publicar la minuta en formato abierto.</p>", next_steps="<p>Revisar los compromisos.</p>",
            **common,
        ),
        "video": make_document(
            VideoPage, "Video de la sesión inaugural de las mesas", date=datetime.date(2022, 10, 24),
            summary="La grabación de la sesión que abrió las mesas de cocreación.",
            video_file=make_video_file(), captions=make_captions(),
            transcript="Buenas tardes.\nDamos inicio a la sesión.", speakers="Rudi Borrmann",
            duration=datetime.timedelta(minutes=42), **common,
        ),
        "lineamiento": make_document(
            GuidelinePage, "Lineamientos de trabajo", date=datetime.date(2021, 6, 23),
            summary="Las reglas con las que trabajaron el Núcleo Promotor y el Grupo Asesor.",
            version="1.0", approval_date=datetime.date(2021, 6, 23), approved_by="Núcleo Promotor", **common,
        ),
        "comentario": make_document(
            MemberCommentPage, "Comentario del Instituto de Liderazgo Simone de Beauvoir",
            date=datetime.date(2023, 3, 1), summary="Una integrante cuenta qué aprendió del proceso.",
            member=ilsb, member_body="nucleo_promotor", member_role="Integrante",
            comment="Aprendimos a trabajar juntas.\nFaltó tiempo para terminar el plan.", phase=mesas,
        ),
        "presentacion": make_document(
            PresentationPage, "Presentación de los ejes temáticos", date=datetime.date(2022, 10, 24),
            summary="Las diapositivas con los cinco ejes del plan.", event="Sesión inaugural",
            place="Ciudad de México", presenter="INFO CDMX", **common,
        ),
        "informe": make_document(
            ReportPage, "Memoria del proceso", date=datetime.date(2023, 6, 6),
            summary="Cuenta cómo se hizo el primer plan de acción de la Ciudad y por qué no se publicó.",
            report_type="memoria", publisher="INFO CDMX", pages=3, attachments=[pdf], body=BODY,
            title_en="Report on the process", summary_en="How the City's first action plan was made.", **common,
        ),
    }
    make_related(pages["minuta"], pages["video"], "related")
    paths = {f"documento-{kind}": page.url for kind, page in pages.items()}
    paths.update({
        "inicio": "/",
        "listado": "/minutas/",
        "etapas": "/etapas/",
        "etapa": mesas.get_absolute_url(),
        "actores": "/actores/",
        "actor": ilsb.get_absolute_url(),
        "eje": genero.get_absolute_url(),
        "glosario": "/glosario/",
        "version-accesible": f"/documentos/{pdf.pk}/version-accesible/",
        "no-encontrada": "/esta-pagina-no-existe/",
        "busqueda": f"/buscar/?q=mesa&tipo=minuta&etapa={mesas.slug}",
        # The English interface: a translated document, an untranslated one, search and home.
        "en-inicio": "/en/",
        "en-documento-informe": "/en" + pages["informe"].url,
        "en-documento-minuta": "/en" + pages["minuta"].url,
        "en-busqueda": f"/en/buscar/?q=mesa&tipo=minuta&etapa={mesas.slug}",
    })
    return paths
