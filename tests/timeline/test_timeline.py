"""The timeline (/linea-de-tiempo/), its slice on each phase page, and the co-creation tables."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from archive.demo import read_data
from archive.demo.timeline import load_timeline
from archive.demo.upsert import Tally
from archive.pages.models import LetterPage, MinutesPage, VideoPage
from archive.timeline.chart import interval
from archive.timeline.models import Milestone, Pause
from tests.factories import make_axis, make_document, make_phase

pytestmark = pytest.mark.django_db

DOC_LINK = re.compile(
    r'<a class="timeline__document" href="(?P<href>[^"]+)"><title>[^<]*</title>'
    r'<circle cx="(?P<cx>[\d.]+)"'
)
YEAR_LINE = re.compile(r'<line x1="(?P<x>[\d.]+)"[^>]*/><text [^>]*>(?P<year>\d{4})</text>')


@pytest.fixture
def process():
    make_phase("Antecedentes", slug="antecedentes", order=1, start_date=datetime.date(2011, 1, 1),
               start_precision="year", end_date=datetime.date(2020, 1, 1), end_precision="year")
    make_phase("Postulación a OGP Local", slug="postulacion", order=2, start_date=datetime.date(2020, 9, 30))
    make_phase("Consulta pública", slug="consulta-publica", order=6,
               start_date=datetime.date(2022, 7, 5), end_date=datetime.date(2022, 9, 5))
    mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8,
                       start_date=datetime.date(2022, 10, 24), end_date=datetime.date(2022, 11, 24))
    make_phase("Suspensión y salida de OGP Local", slug="suspension-y-salida", order=10,
               start_date=datetime.date(2023, 2, 1), start_precision="month", end_date=datetime.date(2023, 6, 6))
    load_timeline(Tally())
    return mesas


def svg_of(html):
    return html[html.index("<svg"):html.index("</svg>")]


def doc_points(html):
    return {m["href"]: float(m["cx"]) for m in DOC_LINK.finditer(svg_of(html))} , [
        m["href"] for m in DOC_LINK.finditer(svg_of(html))]


def year_x(html):
    return {int(m["year"]): float(m["x"]) for m in YEAR_LINE.finditer(svg_of(html))}


def test_seed_is_idempotent(process):
    assert Pause.objects.count() == len(read_data("pauses")) == 3
    assert Milestone.objects.count() == len(read_data("milestones")) == 8
    tally = Tally()
    load_timeline(tally)
    assert tally.total("created") == tally.total("updated") == 0
    assert Milestone.objects.get(slug="mesa-inaugural").phase == process


def test_every_published_dated_document_appears_once_on_its_date(client, process):
    documents = [
        make_document(MinutesPage, "Minuta del día", date=datetime.date(2022, 10, 27), phase=process),
        make_document(LetterPage, "Carta de un mes", date=datetime.date(2021, 3, 1), date_precision="month"),
        make_document(LetterPage, "Carta de un año", date=datetime.date(2020, 1, 1), date_precision="year"),
    ]
    draft = make_document(LetterPage, "Borrador", live=False, date=datetime.date(2022, 1, 5))
    private = make_document(LetterPage, "Privada", date=datetime.date(2022, 1, 6))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    undated = make_document(LetterPage, "Carta sin fecha", date=None, date_precision="unknown")

    response = client.get("/linea-de-tiempo/?desde=2011")
    assert response.status_code == 200
    html = response.content.decode()
    points, hrefs = doc_points(html)
    assert sorted(hrefs) == sorted(d.url for d in documents)  # each exactly once
    assert draft.url not in hrefs and private.url not in hrefs and undated.url not in hrefs
    assert "Privada" not in html and "Borrador" not in html

    years = year_x(html)
    assert list(years) == list(range(2011, 2024))
    width_per_day = (years[2012] - years[2011]) / 366
    for document in documents:
        first, last = interval(document.date, document.date_precision)
        # Position within the year scale, then within the exact days the date covers.
        start = years[first.year] + (first - datetime.date(first.year, 1, 1)).days * width_per_day
        end = years[last.year] + ((last - datetime.date(last.year, 1, 1)).days + 1) * width_per_day
        assert start - 1 <= points[document.url] <= end + 1, document.title
        assert years[first.year] <= points[document.url] < years.get(first.year + 1, 10_000)

    undated_section = html[html.index('id="sin-fecha"'):]
    assert undated.url in undated_section and "Carta sin fecha" in undated_section


def test_pauses_and_milestones_are_drawn_and_tabulated(client, process):
    html = client.get("/linea-de-tiempo/").content.decode()
    svg = svg_of(html)
    assert svg.count('class="timeline__pause"') == 3
    assert svg.count('class="timeline__milestone"') == 8
    for pause in read_data("pauses"):
        assert pause["reason"] in svg and pause["reason"] in html[html.index("Ver como tabla"):]
    for milestone in read_data("milestones"):
        assert milestone["label"] in svg
    assert 'role="group" aria-labelledby="lt-title lt-desc"' in svg
    assert 'role="img" aria-labelledby="lt-drawing"' in svg
    assert "Ver como tabla" in html
    assert "<script" not in svg and "style=" not in html


def test_zoom_narrows_the_range(client, process):
    inside = make_document(LetterPage, "En 2022", date=datetime.date(2022, 3, 1))
    outside = make_document(LetterPage, "En 2020", date=datetime.date(2020, 11, 1))
    response = client.get("/linea-de-tiempo/?desde=2021&hasta=2022")
    assert response.status_code == 200
    html = response.content.decode()
    assert list(year_x(html)) == [2021, 2022]
    _, hrefs = doc_points(html)
    assert hrefs == [inside.url]
    assert outside.url not in svg_of(html)
    svg = svg_of(html)
    assert svg.count('class="timeline__pause"') == 3  # all three fall in 2021-2022
    assert "Mesa inaugural de cocreación" in svg and "La Ciudad pide entrar a OGP Local" not in svg
    assert 'href="?desde=2021&amp;hasta=2021"' in html and "Ver el proceso (2020-2023)" in html


def test_opens_on_the_process_with_the_background_a_link_away(client, process):
    background = make_document(LetterPage, "Carta de 2014", date=datetime.date(2014, 5, 1))
    inside = make_document(LetterPage, "Carta de 2021", date=datetime.date(2021, 5, 1))
    html = client.get("/linea-de-tiempo/").content.decode()
    # The process starts with its first milestone (2020); Antecedentes shows only its last year.
    assert list(year_x(html)) == [2020, 2021, 2022, 2023]
    _, hrefs = doc_points(html)
    assert hrefs == [inside.url]
    assert '<a href="/linea-de-tiempo/" aria-current="page">Ver el proceso (2020-2023)</a>' in html
    assert '<a href="?desde=2011">Ver desde 2011</a>' in html
    assert "Los antecedentes, desde 2011, con 1 documento más, están en «Ver desde 2011»." in html

    html = client.get("/linea-de-tiempo/?desde=2011").content.decode()
    assert list(year_x(html)) == list(range(2011, 2024))
    assert sorted(doc_points(html)[1]) == sorted([background.url, inside.url])
    assert '<a href="?desde=2011" aria-current="page">Ver desde 2011</a>' in html


def test_the_chart_is_drawn_twice_and_tabulated_once(client, process):
    make_document(LetterPage, "Carta de 2021", date=datetime.date(2021, 5, 1))
    html = client.get("/linea-de-tiempo/").content.decode()
    assert html.count("<svg") == 2
    wide = html[html.index('class="timeline-chart timeline-chart--wide"'):]
    tall = html[html.index('class="timeline-chart timeline-chart--tall"'):]
    for drawing in (wide, tall):
        drawing = drawing[:drawing.index("</svg>")]
        assert drawing.count('class="timeline__milestone"') == 8
        assert drawing.count('class="timeline__document"') == 1
    # Time down: each milestone's words are drawn, whole, beside it.
    for label in Milestone.objects.values_list("label", flat=True):
        assert label in re.sub(r"</tspan> ?<tspan[^>]*>", " ", tall[:tall.index("</svg>")])
    table = html[html.index('id="lt-tabla"'):]
    assert table.count('<span class="timeline__what">Hito ') == 8
    assert table.count('<span class="timeline__what">Documento:</span>') == 1


@pytest.mark.parametrize("query", [
    "desde=dosmil", "hasta=2021.5", "desde=1990", "hasta=2099", "desde=2023&hasta=2021", "desde=",
])
def test_bad_zoom_is_400_in_spanish(client, process, query):
    response = client.get(f"/linea-de-tiempo/?{query}")
    if query == "desde=":
        assert response.status_code == 200  # an empty field means the whole process
        return
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert re.search(r"no es un año|elige en «(desde|hasta)»|no puede ser posterior", html)


def test_phase_page_shows_its_slice(client, process):
    inside = make_document(MinutesPage, "Minuta de la mesa", date=datetime.date(2022, 11, 10), phase=process)
    outside = make_document(LetterPage, "Carta vieja", date=datetime.date(2021, 3, 1))
    html = client.get(process.get_absolute_url()).content.decode()
    assert "Esta etapa en la línea de tiempo" in html
    _, hrefs = doc_points(html)
    assert hrefs == [inside.url] and outside.url not in svg_of(html)
    assert "Mesa inaugural de cocreación" in svg_of(html)


def test_cocreation_lists_each_axis_with_its_sessions(client, process):
    genero = make_axis("Género e inclusión", slug="genero-e-inclusion", order=5)
    medio = make_axis("Medio ambiente y cambio climático", slug="medio-ambiente", order=3)
    first = make_document(MinutesPage, "Minuta de género 1", date=datetime.date(2022, 11, 8), phase=process,
                          axes=[genero], agreements="<p>Acordamos revisar los refugios.</p>")
    video = make_document(VideoPage, "Video de género 1", date=datetime.date(2022, 11, 8), phase=process,
                          axes=[genero], transcript="Bienvenidas.")
    second = make_document(MinutesPage, "Minuta de género 2", date=datetime.date(2022, 11, 16), phase=process,
                           axes=[genero])
    make_document(MinutesPage, "Borrador de género", live=False, date=datetime.date(2022, 11, 16), phase=process,
                  axes=[genero])
    other_phase = make_document(MinutesPage, "Minuta de otra etapa", date=datetime.date(2022, 7, 6), axes=[genero])

    response = client.get("/mesas-de-cocreacion/")
    assert response.status_code == 200
    html = response.content.decode()
    genero_section = html[html.index('id="eje-genero-e-inclusion"'):]
    assert medio.name in html
    assert "Todavía no hay minutas ni videos publicados de las mesas de este eje." in html
    assert genero_section.index(first.url) < genero_section.index(second.url)
    assert video.url in genero_section and "Acordamos revisar los refugios." in genero_section
    assert "Sesión 1" in genero_section and "Sesión 2" in genero_section and "Sesión 3" not in genero_section
    assert "Borrador de género" not in html and other_phase.url not in html


def test_header_links_to_the_timeline(client, process):
    html = client.get("/linea-de-tiempo/").content.decode()
    assert '<a href="/linea-de-tiempo/" aria-current="page">Línea de tiempo</a>' in html


def test_demo_milestones_point_at_the_demo_phases():
    from archive.demo.loader import load_taxonomy

    tally = Tally()
    load_taxonomy(tally)
    load_timeline(tally)
    assert not Milestone.objects.filter(phase__isnull=True).exists()
    assert list(Pause.objects.values_list("start", flat=True)) == [
        datetime.date(2021, 4, 4), datetime.date(2021, 7, 15), datetime.date(2022, 2, 4)]
