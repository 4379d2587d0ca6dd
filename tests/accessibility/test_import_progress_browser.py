"""The import's page follows the run without reloading: the bar and the status move as the
worker's JSON says, and the page reloads once, to show the report, when the run ends.

The script runs in a bare page whose status address answers what a run would say
(tests/importer/test_queue.py checks those answers against a real run).
"""

import json

import pytest

from .conftest import ROOT, browser  # noqa: F401

pytestmark = pytest.mark.browser

SITE = "http://admin.test"
PAGE = """<!DOCTYPE html><html lang="es"><head><title>Importación</title></head><body>
<section data-importer-run="/importar/7/?formato=json" aria-labelledby="avance"><h2 id="avance">Avance</h2>
<p role="status" data-importer-status>En cola: empieza en cuanto el proceso de trabajos quede libre.</p>
<progress max="3" value="0" data-importer-progress aria-labelledby="avance">0 de 3</progress></section>
<script src="/run.js"></script></body></html>"""


def status(done, finished=False):
    return json.dumps({"estado": "done" if finished else "running", "estado_texto": "", "filas_hechas": done,
                       "filas": 3, "archivos": None, "terminada": finished})


def test_the_bar_follows_the_rows_and_the_page_reloads_when_the_run_ends(browser):  # noqa: F811
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(20_000)
    answers, loads = [status(2), status(3, finished=True)], []

    def answer(route):
        url = route.request.url
        if url.endswith("/run.js"):
            route.fulfill(content_type="text/javascript", body=(ROOT / "archive/importer/static/importer/run.js").read_text())
        elif "formato=json" in url:
            route.fulfill(content_type="application/json", body=answers.pop(0) if len(answers) > 1 else answers[0])
        else:
            loads.append(url)
            route.fulfill(content_type="text/html; charset=utf-8", body=PAGE)

    page.route(f"{SITE}/**", answer)
    try:
        page.goto(f"{SITE}/importar/7/")
        page.wait_for_function("document.querySelector('progress').value === 2")
        assert page.locator("[data-importer-status]").inner_text() == "En curso: fila 2 de 3."
        # The next answer says the run ended: the page is loaded again, for its report.
        page.wait_for_function("window.performance.getEntriesByType('navigation')[0].type === 'reload'")
        assert len(loads) == 2
    finally:
        context.close()
