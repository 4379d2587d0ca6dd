"""The search's filters in a real browser (templates/pages/search.html, static/js/filtros.js):
by keyboard alone, with axe, on a phone and without JavaScript. Skips, saying what is
missing, without Chromium, Java or the npm tools."""

import datetime
import re

import pytest

from archive.pages.models import MinutesPage
from tests.accessibility.archive import build_archive
from tests.accessibility.conftest import SCREENSHOTS, browser, browser_page, clean_search_index  # noqa: F401
from tests.accessibility.test_browser import assert_no_findings, press_tab_until, run_axe
from tests.factories import make_actor, make_document

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]

# Enough actors for the actor facet to get its box that narrows the list (more than ten).
ACTORS = ["Colectivo Árbol", "Colectivo Bosque", "Colectivo Cauce", "Colectivo Duna", "Colectivo Estero",
          "Colectivo Fuente", "Colectivo Glaciar", "Colectivo Huerto", "Colectivo Isla", "Colectivo Jagüey",
          "Fundación Ciudadanía Activa"]


def build():
    paths = build_archive()
    for number, name in enumerate(ACTORS, start=1):
        make_document(MinutesPage, f"Minuta de la mesa de seguimiento {number}", actors=[make_actor(name)],
                      date=datetime.date(2022, 11, number), meeting_body="Mesa de seguimiento")
    return paths


def axe_where_the_bar_rests(page, name, violations, overflow):
    """axe at 1280 and 320 px, scrolled to the end of the page.

    The sticky «Aplicar filtros» covers part of whichever boxes pass under it
    while scrolling, and axe counts a covered box as a small target; at the end
    of the page the bar rests in its place. That Tab never leaves a box under
    the bar is checked on its own below.
    """
    found = []
    for width, height in ((1280, 900), (320, 640)):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        found += [v for v in run_axe(page) if v["id"] not in {f["id"] for f in found}]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            overflow[f"{name} ({width} px)"] = scroll
    if found:
        violations[name] = found


def focused(page):
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def visible_actors(page):
    return page.locator("#faceta-actor li:visible label").all_inner_texts()


def test_filters_by_keyboard_alone_with_chips_and_a_list_that_narrows(browser_page, live_server,  # noqa: F811
                                                                      clean_search_index):  # noqa: F811
    build()
    page = browser_page
    page.goto(live_server.url + "/buscar/?q=mesa")
    # A wide screen shows the filters; each facet is a disclosure, closed until used.
    assert page.locator("#filtros").evaluate("d => d.open")
    assert not page.locator("#faceta-tipo").evaluate("d => d.open")
    assert "cambian solos" in page.locator(".search-filters__auto").inner_text()

    press_tab_until(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'faceta-tipo'")
    page.keyboard.press("Enter")
    assert page.locator("#faceta-tipo").evaluate("d => d.open")
    press_tab_until(page, "el.type === 'checkbox' && el.name === 'tipo' && el.value === 'minuta'")
    page.keyboard.press("Space")
    # Ticking searches at once; the new page comes back to the same box.
    page.wait_for_url(re.compile(r"tipo=minuta"))
    assert page.locator(".result-count").inner_text().startswith("12 documentos")
    assert focused(page) == "f-tipo-minuta"
    assert page.locator("#faceta-tipo").evaluate("d => d.open")
    assert page.locator("#faceta-tipo summary").inner_text() == "Tipo de documento (1 marcado)"

    # The actors' list narrows as one types, accents aside; Enter there sends nothing.
    press_tab_until(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'faceta-actor'")
    page.keyboard.press("Enter")
    assert len(visible_actors(page)) == len(ACTORS) + 1
    press_tab_until(page, "el.closest('.facet__narrow') !== null && el.tagName === 'INPUT'")
    page.keyboard.type("ciudadania")
    assert [label.split(" (")[0] for label in visible_actors(page)] == ["Fundación Ciudadanía Activa"]
    assert page.locator("#faceta-actor [role=status]").inner_text() == f"Se muestra 1 de {len(ACTORS) + 1}."
    url = page.url
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == url
    press_tab_until(page, "el.type === 'checkbox' && el.name === 'actor'")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"actor=fundacion-ciudadania-activa"))
    assert page.locator(".result-count").inner_text().startswith("1 documento")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "filtros-1280.png"), full_page=True)

    # Each active filter is a chip, a link that removes it alone; «Aplicar filtros» is reachable too.
    page.goto(page.url)
    chips = [" ".join(text.split()) for text in page.locator(".chips a").all_text_contents()]
    assert chips == ["Quitar el filtro Tipo de documento: Minuta×",
                     "Quitar el filtro Actor: Fundación Ciudadanía Activa×", "Quitar todos"]
    press_tab_until(page, "el.classList.contains('chip') && el.textContent.includes('Minuta')")
    press_tab_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Aplicar filtros'")

    violations, overflow = {}, {}
    served = {"filtros": page.content()}
    axe_where_the_bar_rests(page, "filtros", violations, overflow)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#faceta-actor .facet__narrow input").fill("colectivo")
    page.screenshot(path=str(SCREENSHOTS / "filtros-390.png"), full_page=True)
    axe_where_the_bar_rests(page, "filtros-lista-filtrada", violations, overflow)
    assert_no_findings(violations, overflow, served)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.url)
    press_tab_until(page, "el.classList.contains('chip') && el.textContent.includes('Minuta')")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: "tipo=" not in u and "actor=fundacion-ciudadania-activa" in u)


def test_on_a_phone_the_results_come_first_and_the_bar_never_hides_the_focus(browser_page, live_server,  # noqa: F811
                                                                             clean_search_index):  # noqa: F811
    build()
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    # Without smooth scrolling, a box is where it ends up as soon as it has the focus.
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/buscar/?q=mesa&tipo=minuta")
    # The filters wait behind one closed disclosure; the first result is on the first screen.
    assert not page.locator("#filtros").evaluate("d => d.open")
    assert " ".join(page.locator("#filtros > summary").text_content().split()) == "Filtros (1 activo)"
    assert page.locator(".search-hit").first.bounding_box()["y"] < 844 - 60
    press_tab_until(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'filtros'")
    page.keyboard.press("Enter")
    press_tab_until(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'faceta-actor'")
    page.keyboard.press("Enter")
    # Every box reached with Tab is in sight, above the sticky «Aplicar filtros».
    for _ in range(len(ACTORS) + 2):
        page.keyboard.press("Tab")
        place = page.evaluate("""() => {
          const box = document.activeElement.getBoundingClientRect();
          const bar = document.querySelector('.search-filters__apply').getBoundingClientRect();
          return {inside: !!document.activeElement.closest('.search-filters__apply'),
                  top: box.top, bottom: box.bottom, bar: bar.top, name: document.activeElement.id};
        }""")
        if place["inside"]:
            break
        assert 0 <= place["top"] and place["bottom"] <= place["bar"], f"the bar covers {place}"


def test_without_javascript_filters_apply_with_the_button_and_chips_remove_them(browser, live_server,  # noqa: F811
                                                                               clean_search_index):  # noqa: F811
    build()
    context = browser.new_context(locale="es-MX", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/buscar/?q=mesa")
        assert page.locator(".search-hit").first.bounding_box()["y"] < 844 - 60
        page.locator("#filtros > summary").click()
        page.locator("#faceta-actor > summary").click()
        assert page.locator(".facet__narrow").count() == 0  # the narrowing box needs the script
        page.locator("#faceta-tipo > summary").click()
        page.locator("#f-tipo-minuta").check()
        assert "tipo=" not in page.url  # nothing happens until the button
        apply = page.get_by_role("button", name="Aplicar filtros")
        box = apply.bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844, "the button sticks to the screen's bottom"
        apply.click()
        page.wait_for_url(re.compile(r"tipo=minuta"))
        assert page.locator(".result-count").inner_text().startswith("12 documentos")
        page.locator(".chips a", has_text="Minuta").click()
        page.wait_for_url(lambda u: "tipo=" not in u)
        assert page.locator(".chips").count() == 0
    finally:
        context.close()
