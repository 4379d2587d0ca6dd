"""/cifras/, an actor page and a document chain in a real browser: axe-core with no violations, the Nu Html Checker with no errors.

Reuses the accessibility tests' archive, fixtures and checkers; skips, saying what is missing,
without Chromium, Java or the npm tools.
"""

import json

import pytest

from archive.pages.models import DocumentPage
from tests.accessibility.archive import build_archive
from tests.accessibility.test_browser import describe, run_axe, validate_html
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
        found = run_axe(page)
        page.set_viewport_size({"width": 320, "height": 640})
        if page.evaluate("document.documentElement.scrollWidth") > 320:
            overflow[name] = page.evaluate("document.documentElement.scrollWidth")
        found += [v for v in run_axe(page) if v["id"] not in {f["id"] for f in found}]
        if found:
            violations[name] = found
    assert not violations, "axe found WCAG violations:\n" + "\n".join(
        f"{name}:\n{describe(v)}" for name, v in violations.items())
    assert not overflow, f"pages wider than 320 px (they scroll sideways): {overflow}"
    errors = validate_html(served)
    assert not errors, "the Nu Html Checker found errors:\n" + json.dumps(errors, indent=1, ensure_ascii=False)
