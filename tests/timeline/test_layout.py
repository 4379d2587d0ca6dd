"""Where the timeline puts its words: never one over another, at either layout, for the demo's process
and for crowded made-up ones; and the text measure they rest on."""

import datetime
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import pytest

from archive.demo.loader import load_taxonomy
from archive.demo.timeline import load_timeline
from archive.demo.upsert import Tally
from archive.figures.svgtext import text_width, wrap
from archive.taxonomy.models import Phase
from archive.timeline.chart import FONT, TALL_WIDTH, WIDE_WIDTH, build_chart, year_range
from archive.timeline.views import chart_for, phase_chart

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def assert_apart(layout, where):
    boxes = layout["labels"]
    assert boxes, where
    for first, second in combinations(boxes, 2):
        assert not first.overlaps(second), f"{where}: {first} and {second} overlap"
    for box in boxes:
        assert 0 <= box.left and box.right <= layout["width"], f"{where}: {box} leaves the drawing"
        assert 0 <= box.top and box.bottom <= layout["height"], f"{where}: {box} leaves the drawing"


@pytest.fixture
def demo_process(db):
    tally = Tally()
    load_taxonomy(tally)
    load_timeline(tally)


def test_text_is_12_px_or_more_where_each_drawing_shows():
    # charts.css shows the wide drawing from 58rem (928 px, 864 px of page) and the tall one
    # below, down to 320 px (288 px of page) and up to 26rem.
    assert FONT * 864 / WIDE_WIDTH >= 12
    assert FONT * 288 / TALL_WIDTH >= 12


def test_no_label_overlaps_another_in_the_demo(demo_process):
    ranges = {"el proceso": year_range(2020, 2023), "desde 2011": year_range(2011, 2023)}
    ranges |= {str(year): year_range(year, year) for year in range(2011, 2024)}
    charts = {name: chart_for(*days, dated=[]) for name, days in ranges.items()}
    charts |= {phase.slug: phase_chart(phase) for phase in Phase.objects.all() if phase_chart(phase)}
    assert len(charts) > 20
    for name, chart in charts.items():
        assert_apart(chart.wide, f"{name}, a lo ancho")
        assert_apart(chart.tall, f"{name}, a lo alto")
    process = charts["el proceso"]
    assert len(process.wide["milestones"]) == len(process.tall["milestones"]) == 8
    assert process.wide["ticks"][0]["label"] == "2020"


def milestone(number, day, label):
    return SimpleNamespace(date=day, precision="day", label=label, number=number)


def phase(name, first, last):
    return SimpleNamespace(name=name, start_date=first, start_precision="day", end_date=last, end_precision="day")


def test_crowded_days_and_long_names_still_never_overlap():
    day = datetime.date(2022, 10, 24)
    long = "Presentación de compromisos, cierre de las mesas y entrega del plan a la Alianza " * 3
    milestones = [milestone(n, day + datetime.timedelta(days=n % 3), f"{long} {n}") for n in range(12)]
    milestones += [milestone(20, datetime.date(2022, 12, 31), "Al borde derecho " * 8),
                   milestone(21, datetime.date(2020, 1, 1), "Al borde izquierdo " * 8)]
    phases = [phase("Una etapa con un nombre larguísimo que no cabe en su columna " * 2, day, day),
              phase("Otra", datetime.date(2020, 1, 1), datetime.date(2022, 12, 31))]
    pauses = [SimpleNamespace(start=day, end=day + datetime.timedelta(days=40), reason="Campaña")]
    documents = [SimpleNamespace(date=day, date_precision="day", title="Minuta", url="/m/") for _ in range(30)]
    for first, last in (year_range(2020, 2022), year_range(2022, 2022), (day, day + datetime.timedelta(days=5))):
        chart = build_chart(first, last, phases, pauses, milestones, documents)
        assert_apart(chart.wide, f"{first}, a lo ancho")
        assert_apart(chart.tall, f"{first}, a lo alto")
        # Circles too stay apart, though they carry no words.
        for layout in (chart.wide, chart.tall):
            dots = [(d["x"], d["y"]) for d in layout["documents"]]
            for (x1, y1), (x2, y2) in combinations(dots, 2):
                assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 100


def test_wrap_gives_the_whole_text_back_in_lines_that_fit():
    text = "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales (INAI)"
    lines = wrap(text, 200, 14)
    assert "".join(lines) == text and len(lines) > 2
    assert all(text_width(line.rstrip(), 14) <= 200 for line in lines)
    word = "Anticonstitucionalísimamente" * 3
    assert "".join(wrap(word, 120, 14)) == word
    assert wrap("", 100, 14) == [""]


def test_widths_are_never_short_of_dejavu_sans():
    """The widest font of the site's stack here: what we measure must cover what it draws."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    if not (DEJAVU / "DejaVuSans.ttf").exists():
        pytest.skip("DejaVu Sans no está instalada (apt-get install fonts-dejavu-core)")
    sample = ("ÁÉÍÓÚÜÑáéíóúüñ¿¡«»–—…·ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
              " .,:;()-/'\"%@")
    for name, bold in (("DejaVuSans.ttf", False), ("DejaVuSans-Bold.ttf", True)):
        font = ttlib.TTFont(DEJAVU / name)
        cmap, metrics, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
        for char in sample:
            drawn = metrics[cmap[ord(char)]][0] / units * 100
            assert text_width(char, 100, bold=bold) >= drawn, (name, char)
