"""No public page of the demo archive scrolls sideways on a phone (WCAG 1.4.10 Reflow).

Every kind of page the demo has (tests/accessibility/demo_pages.py: home, each
listing, one document of each kind, the search with and without results and
with filters, phases, actors, axes, timeline, figures, glossary, accessible
version, permanent addresses, 404) at 320 and 390 px; a page wider than the
window fails, naming the page and its widest element. On a phone the search's
first result is within the first screen. Needs Debian's Chromium; skips without it.
"""

import pytest
from django.core.management import call_command

from .demo_pages import demo_pages

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]

WIDTHS = [(320, 640), (390, 844)]
STATUS = {"no-encontrada": 404, "direccion-permanente-retirada": 410}

# The element whose right edge lies furthest past the window, described so a
# person can find it (tag, classes, first words).
WIDEST = """() => {
  const width = window.innerWidth;
  let widest = null, right = width;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right + 0.5) {
      right = box.right;
      widest = el;
    }
  }
  const describe = el => el.tagName.toLowerCase()
    + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "")
    + " «" + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60) + "»";
  return {scroll: document.documentElement.scrollWidth, width, widest: widest ? describe(widest) : null,
          right: Math.round(right)};
}"""


def test_no_public_page_of_the_demo_scrolls_sideways(browser, live_server, clean_search_index):
    from tests.accessibility.archive import ensure_wagtail_roots

    ensure_wagtail_roots()
    call_command("load_demo", verbosity=0)
    paths = demo_pages()
    assert {"busqueda", "busqueda-filtrada", "version-accesible", "direccion-permanente-version"} <= set(paths)
    wide, first_result = [], {}
    for width, height in WIDTHS:
        context = browser.new_context(locale="es-MX", viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            for name, path in paths.items():
                response = page.goto(live_server.url + path)
                expected = STATUS.get(name, 200)
                assert response.status == expected, f"{name} ({path}) answered {response.status} at {width} px"
                found = page.evaluate(WIDEST)
                if found["scroll"] > found["width"]:
                    wide.append(f"{name} ({path}) at {width} px is {found['scroll']} px wide; "
                                f"widest element: {found['widest']} (right edge at {found['right']} px)")
                if name.startswith("busqueda") and page.locator(".search-hit").count():
                    first_result[(name, width)] = page.locator(".search-hit").first.bounding_box()["y"]
        finally:
            context.close()
    assert not wide, "pages that scroll sideways:\n" + "\n".join(wide)
    # A phone of 390 × 844 px shows the first result without scrolling, filters or not.
    for name in ("busqueda", "busqueda-filtrada"):
        assert first_result[(name, 390)] < 844 - 60, f"{name}: first result at {first_result[(name, 390)]} px"
