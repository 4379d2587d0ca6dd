"""Suggestions while typing, in a real browser: the combobox by keyboard under the site's
Content-Security-Policy, axe and reflow with the list open, screenshots at 1280 and 390 px,
and the plain search form when JavaScript is off. Skips, saying what is missing, without
Chromium, Java or the npm tools."""

import datetime
import re

import pytest

from archive.pages.models import MinutesPage, ReportPage
from tests.accessibility.archive import ensure_wagtail_roots
from tests.accessibility.conftest import SCREENSHOTS, browser, browser_page, clean_search_index  # noqa: F401
from tests.accessibility.test_browser import assert_no_findings, audit
from tests.factories import make_actor, make_document, make_phase

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]

# Records every refusal of the policy, before any of the page's own code runs.
LISTEN = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""


def build():
    # A transactional test starts from a flushed database: Wagtail's root pages are gone.
    ensure_wagtail_roots()
    nucleo = make_actor("Núcleo Promotor", slug="nucleo-promotor", kind="civil_society")
    phase = make_phase("Integración multiactor: Núcleo Promotor", slug="nucleo-promotor", order=3,
                       start_date=datetime.date(2020, 1, 1), start_precision="year",
                       end_date=datetime.date(2022, 12, 31), end_precision="year")
    minuta = make_document(MinutesPage, "Minuta de la sesión del Núcleo Promotor del 3 de marzo de 2021",
                           phase=phase, actors=[nucleo], date=datetime.date(2021, 3, 3))
    make_document(ReportPage, "Informe de la mesa de cocreación", date=datetime.date(2022, 11, 8))
    return minuta


def open_suggestions(page, selector, text):
    page.locator(selector).click()
    page.keyboard.type(text, delay=40)
    listbox = page.locator(f"#{page.locator(selector).get_attribute('aria-controls')}")
    listbox.wait_for(state="visible")
    return listbox


def combobox_state(page, selector):
    return page.evaluate(
        """(selector) => {
          const input = document.querySelector(selector);
          const active = document.getElementById(input.getAttribute("aria-activedescendant") || "");
          return {role: input.getAttribute("role"), expanded: input.getAttribute("aria-expanded"),
                  active: active ? active.textContent : null,
                  selected: active ? active.getAttribute("aria-selected") : null,
                  focused: document.activeElement === input};
        }""",
        selector,
    )


def test_type_move_with_the_arrows_and_enter_opens_the_choice(browser, live_server, clean_search_index):  # noqa: F811
    minuta = build()
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/buscar/")
        listbox = open_suggestions(page, "#q", "nucleo")
        options = listbox.get_by_role("option")
        assert options.count() == 3
        assert [options.nth(i).locator(".sugerencia__tipo").inner_text().lower() for i in range(3)] == [
            "actor", "etapa", "documento"]
        state = combobox_state(page, "#q")
        assert (state["role"], state["expanded"], state["active"]) == ("combobox", "true", None)
        assert page.locator("#q").get_attribute("aria-controls") == listbox.get_attribute("id")
        status = page.locator("#q").locator("xpath=..").locator("[role=status]")
        assert status.get_attribute("aria-live") == "polite"
        assert status.text_content() == "3 sugerencias. Usa las flechas para elegir una."

        # Down to the document; the box keeps the focus, the option is the active descendant.
        for expected in ("Núcleo Promotor", "Integración multiactor", "Minuta de la sesión"):
            page.keyboard.press("ArrowDown")
            state = combobox_state(page, "#q")
            assert expected in state["active"] and state["selected"] == "true" and state["focused"]
        page.keyboard.press("Enter")
        page.wait_for_url("**" + minuta.url)
        assert page.locator("h1").inner_text() == minuta.title

        # From the header of any page: an actor opens the search filtered by it.
        open_suggestions(page, "#q-cabecera", "NÚCLEO")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/buscar/?actor=nucleo-promotor")
        assert page.locator(".result-count").inner_text().startswith("1 documento")

        # Escape closes the list and keeps the text; Enter without a choice is the plain search.
        page.goto(live_server.url + "/buscar/")
        open_suggestions(page, "#q", "nucleo")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Escape")
        state = combobox_state(page, "#q")
        assert (state["expanded"], state["active"]) == ("false", None)
        assert page.locator("#q").input_value() == "nucleo"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/buscar/\?q=nucleo(&|$)"))
        assert minuta.title in page.locator(".search-hits").inner_text()

        # Tab leaves the box and closes the list.
        page.goto(live_server.url + "/buscar/")
        listbox = open_suggestions(page, "#q", "mesa")
        page.keyboard.press("Tab")
        assert listbox.is_hidden()
        assert page.evaluate("window.__cspViolations") == []
    finally:
        context.close()


def test_the_open_list_passes_axe_and_reflows(browser_page, live_server, clean_search_index):  # noqa: F811
    build()
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    violations, overflow = {}, {}
    page.goto(live_server.url + "/buscar/")
    open_suggestions(page, "#q", "nucleo")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.screenshot(path=str(SCREENSHOTS / "sugerencias-1280.png"))
    # The markup as the script leaves it, list open, for the Nu Html Checker.
    served = {"sugerencias": page.content()}
    # axe at 1280 px, then at 320 px with nothing scrolling sideways, the list still open.
    audit(page, "sugerencias", violations, overflow)
    assert combobox_state(page, "#q")["expanded"] == "true"
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "sugerencias-390.png"))

    # The header's box on a phone.
    page.goto(live_server.url + "/")
    open_suggestions(page, "#q-cabecera", "nucleo")
    page.keyboard.press("ArrowDown")
    page.screenshot(path=str(SCREENSHOTS / "sugerencias-cabecera-390.png"))
    served["sugerencias-cabecera"] = page.content()
    audit(page, "sugerencias-cabecera", violations, overflow)
    # The targets are at least 44 px high.
    heights = page.locator("#q-cabecera-sugerencias [role=option]").evaluate_all(
        "options => options.map(o => o.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44
    assert_no_findings(violations, overflow, served)


def test_without_javascript_the_form_is_a_plain_search(browser, live_server, clean_search_index):  # noqa: F811
    minuta = build()
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/buscar/")
        page.locator("#q").click()
        page.keyboard.type("nucleo")
        assert page.locator("[role=listbox]").count() == 0
        assert page.locator("#q").get_attribute("role") is None
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/buscar/\?q=nucleo(&|$)"))
        assert minuta.title in page.locator(".search-hits").inner_text()
    finally:
        context.close()
