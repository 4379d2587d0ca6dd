"""The timeline and /cifras/ as drawn by Chromium at 1280 and 390 px: no sideways scrolling, no axe
violation, every chart word 12 px or more, inside its drawing and clear of every other; screenshots
in artifacts/screenshots/. Skips, saying what is missing, without Chromium or the npm tools."""

import pytest

from archive.demo.loader import load_taxonomy
from archive.demo.timeline import load_timeline
from archive.demo.upsert import Tally
from archive.pages.models import ReportPage
from archive.taxonomy.models import Actor
from tests.accessibility.archive import build_archive
from tests.accessibility.conftest import SCREENSHOTS
from tests.accessibility.test_browser import describe, run_axe
from tests.factories import make_document

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]

PAGES = {"linea-de-tiempo": "/linea-de-tiempo/", "linea-de-tiempo-desde-2011": "/linea-de-tiempo/?desde=2011",
         "cifras": "/cifras/"}

# Every word drawn in the chart shown (the other layout is display: none): its size on screen,
# its box, and the box of the drawing it belongs to.
CHART_WORDS = """() => {
  const words = [];
  for (const svg of document.querySelectorAll("svg.timeline-chart, svg.figure-chart")) {
    if (getComputedStyle(svg).display === "none") continue;
    const frame = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    for (const text of svg.querySelectorAll("text")) {
      const size = parseFloat(text.getAttribute("font-size")) * scale;
      const lines = text.querySelectorAll("tspan").length ? text.querySelectorAll("tspan") : [text];
      for (const line of lines) {
        if (!line.textContent.trim()) continue;
        const box = line.getBoundingClientRect();
        words.push({text: line.textContent, size, left: box.left, right: box.right, top: box.top,
                    bottom: box.bottom, frameLeft: frame.left, frameRight: frame.right});
      }
    }
  }
  return words;
}"""


def overlapping(words):
    found = []
    for n, first in enumerate(words):
        for second in words[n + 1:]:
            # A pixel of grace: neighbouring lines of one label touch at their edges.
            if (first["left"] < second["right"] - 1 and second["left"] < first["right"] - 1
                    and first["top"] < second["bottom"] - 1 and second["top"] < first["bottom"] - 1):
                found.append((first["text"], second["text"]))
    return found


def test_charts_fit_read_and_pass_axe_at_1280_and_390(browser_page, live_server, clean_search_index):
    build_archive()
    tally = Tally()
    load_taxonomy(tally)
    load_timeline(tally)
    # The longest name of the demo, the one the figures used to cut, among the actors drawn.
    inai = Actor.objects.get(slug="inai")
    make_document(ReportPage, "Informe del INAI", actors=[inai])
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in PAGES.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{name} answered {response.status}"
            page.screenshot(path=str(SCREENSHOTS / f"grafica-{name}-{width}.png"), full_page=True)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{name} at {width} px scrolls sideways ({scroll} px)")
            violations = run_axe(page)
            if violations:
                problems.append(f"{name} at {width} px:\n{describe(violations)}")
            words = page.evaluate(CHART_WORDS)
            if not words:
                problems.append(f"{name} at {width} px shows no chart")
            for word in words:
                if word["size"] < 12:
                    problems.append(f"{name} at {width} px: «{word['text']}» is {word['size']:.1f} px")
                if word["left"] < word["frameLeft"] - 1 or word["right"] > word["frameRight"] + 1:
                    problems.append(f"{name} at {width} px: «{word['text']}» leaves its chart")
            for first, second in overlapping(words):
                problems.append(f"{name} at {width} px: «{first}» overlaps «{second}»")
            if name == "cifras":
                label = page.locator("svg.figure-chart a[href='/buscar/?actor=inai'] text").first
                assert label.text_content() == inai.display_name
    assert not problems, "\n".join(problems)
