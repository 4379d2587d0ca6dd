"""/cifras/, an actor page and a document chain in a real browser: axe-core with no violations, the Nu Html Checker with no errors.

Reuses the accessibility tests' archive, fixtures and checkers; skips, saying what is missing,
without Chromium, Java or the npm tools.
"""

import pytest

from archive.pages.models import DocumentPage
from tests.accessibility.archive import build_archive
from tests.accessibility.test_browser import assert_no_findings, audit
from tests.factories import make_related

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]


def test_figures_and_actor_pages_pass_axe_and_validate(browser_page, live_server, clean_search_index):
    build_archive()
    # A chain of three documents, so the minutes' page shows "Cadena del documento".
    call = DocumentPage.objects.get(title="Convocatoria al Grupo Asesor")
    minutes = DocumentPage.objects.get(title="Minuta de la mesa de Género e inclusión")
    video = DocumentPage.objects.get(title="Video de la sesión inaugural de las mesas")
    make_related(call, video, "leads_to")
    make_related(minutes, video, "responds_to")
    targets = {"cifras": "/cifras/", "actor": "/actores/ilsb/", "cadena": minutes.url}
    page = browser_page
    served, violations, overflow = {}, {}, {}
    for name, path in targets.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        served[name] = response.text()
        if name == "cadena":
            assert page.locator("ol.lineage > li").count() == 3
        audit(page, name, violations, overflow)
    assert_no_findings(violations, overflow, served)
