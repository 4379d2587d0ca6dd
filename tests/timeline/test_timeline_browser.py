"""The timeline and the co-creation tables in a real browser: axe with no violations, the Nu Html
Checker with no errors, no sideways scrolling at 320 px. Skips, saying what is missing, without
Chromium, Java or the npm tools."""

import pytest

from archive.demo.timeline import load_timeline
from archive.demo.upsert import Tally
from tests.accessibility.archive import build_archive
from tests.accessibility.test_browser import assert_no_findings, audit

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]

PATHS = {
    "linea-de-tiempo": "/linea-de-tiempo/",
    "linea-de-tiempo-2022": "/linea-de-tiempo/?desde=2022&hasta=2022",
    "linea-de-tiempo-error": "/linea-de-tiempo/?desde=dosmil",
    "mesas-de-cocreacion": "/mesas-de-cocreacion/",
    "etapa-mesas": "/etapas/mesas-de-cocreacion/",
}


def test_timeline_pages_pass_axe_and_validate(browser_page, live_server, clean_search_index):
    build_archive()
    load_timeline(Tally())
    page = browser_page
    violations, served, overflow = {}, {}, {}
    for name, path in PATHS.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == (400 if name.endswith("error") else 200), f"{name} answered {response.status}"
        served[name] = response.text()
        audit(page, name, violations, overflow)
    assert_no_findings(violations, overflow, served)
