"""The editor's readability check writes decimals the Spanish way («12,4»), its threshold included.

The script runs in a bare page whose scoring endpoint answers known numbers:
what is checked is how they are written, not how they are computed
(tests/accessibility/test_readability.py).
"""

import json

import pytest

from .conftest import ROOT, browser  # noqa: F401

pytestmark = pytest.mark.browser

SITE = "http://editor.test"
PAGE = """<!DOCTYPE html><html lang="es"><head><title>Editor</title></head><body>
<form><div data-field><textarea id="id_summary">Un resumen.</textarea></div></form>
<script src="/plain-language.js" data-endpoint="/puntuar/" data-threshold="55.5"></script>
</body></html>"""
SCORES = {
    "summary": {
        "szigriszt_pazos": 12.4, "inflesz_label": "muy difícil",
        "fernandez_huerta": 40.5, "fernandez_huerta_label": "difícil",
        "average_sentence_length": 31.5, "long_sentences": [], "jargon": [],
    },
    "body": {"szigriszt_pazos": None},
    "threshold": 55.5,
    "summary_below_threshold": True,
}


def test_scores_and_threshold_take_a_decimal_comma(browser):  # noqa: F811
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_default_timeout(15_000)
    routes = {
        f"{SITE}/editor": ("text/html; charset=utf-8", PAGE),
        f"{SITE}/plain-language.js": ("text/javascript; charset=utf-8", (ROOT / "static/admin-js/plain-language.js").read_text()),
        f"{SITE}/puntuar/": ("application/json", json.dumps(SCORES)),
    }
    page.route(f"{SITE}/**", lambda route: route.fulfill(
        content_type=routes[route.request.url][0], body=routes[route.request.url][1]))
    try:
        page.goto(f"{SITE}/editor")
        panel = page.locator(".plain-language")
        panel.get_by_text("12,4 de 100").wait_for()
        text = panel.inner_text()
        assert "40,5 de 100" in text and "31,5 en promedio" in text
        assert "debe llegar a 55,5 o más" in text
        assert "12.4" not in text and "55.5" not in text
    finally:
        context.close()
