"""The checkers themselves: a page with known faults must fail them, or a green run would prove nothing."""

import pytest

from .test_browser import run_axe, validate_html

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html><html><head><title>Rota</title></head><body>
<main><img src="x.png"><p class="gris">Texto gris claro</p><button></button><p><div>mal</p></main>
</body></html>"""


def test_axe_and_the_html_checker_catch_a_broken_page(browser_page):
    browser_page.set_content(BROKEN.replace('class="gris"', 'class="gris" title="x"').replace(
        "<head>", "<head><style>.gris{color:#ccc}</style>"))
    found = {v["id"] for v in run_axe(browser_page)}
    assert {"image-alt", "color-contrast", "button-name", "html-has-lang"} <= found, found
    errors = validate_html({"rota": BROKEN})
    assert errors["rota"], errors
