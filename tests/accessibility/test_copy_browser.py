"""One click copies a document's citation or its permanent address, and says so to screen readers;
without JavaScript there is no button that does nothing, and the text is there to select."""

import pytest
from playwright.sync_api import expect

from archive.pages.models import ReportPage
from tests.factories import make_actor, make_document

from .archive import ensure_wagtail_roots
from .conftest import SCREENSHOTS, browser, clean_search_index  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def document():
    # A transactional test's flush leaves no root page: build_archive() starts the same way.
    ensure_wagtail_roots()
    author = make_actor("Instituto de Transparencia de la Ciudad de México", slug="info-cdmx", kind="guarantor")
    return make_document(ReportPage, "Memoria del proceso", actors=[(author, "author")])


def open_page(browser, url, javascript=True):  # noqa: F811
    context = browser.new_context(locale="es-MX", viewport={"width": 390, "height": 844},
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    return context, page


def test_copy_buttons_copy_the_citation_and_the_address_and_announce_it(
    browser, live_server, document, clean_search_index,  # noqa: F811
):
    context, page = open_page(browser, live_server.url + document.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    try:
        status = page.locator("[data-copy-status]")
        assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"

        apa = page.get_by_role("button", name="Copiar la cita en formato APA")
        apa.focus()
        assert apa.evaluate("el => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle") == "solid"
        page.keyboard.press("Enter")
        expect(status).to_have_text("Copiado: la cita en formato APA.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#cita-apa").inner_text().strip()
        assert copied.startswith("Instituto de Transparencia de la Ciudad de México. (2022, 27 de octubre). Memoria")
        # A word processor gets the italics too.
        html = page.evaluate("async () => (await (await navigator.clipboard.read())[0].getType('text/html')).text()")
        assert "<i>Memoria del proceso</i>" in html
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("section.citation").screenshot(path=str(SCREENSHOTS / "cita-copiar-390.png"))

        page.get_by_role("button", name="Copiar la cita en formato Chicago").click()
        expect(status).to_have_text("Copiado: la cita en formato Chicago.")
        assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cita-chicago").inner_text().strip()

        page.get_by_role("button", name="Copiar dirección").click()
        expect(status).to_have_text("Copiado: la dirección.")
        assert page.evaluate("navigator.clipboard.readText()") == document.permanent_url
    finally:
        context.close()


def test_without_javascript_the_text_is_there_and_no_button_shows(
    browser, live_server, document, clean_search_index,  # noqa: F811
):
    context, page = open_page(browser, live_server.url + document.url, javascript=False)
    try:
        buttons = page.locator("button.copy-button, button.permalink__copy")
        assert buttons.count() == 3
        assert not any(buttons.nth(i).is_visible() for i in range(3))
        assert page.locator("#cita-apa").inner_text().startswith("Instituto de Transparencia")
        assert page.locator("#direccion-permanente").inner_text() == document.permanent_url
    finally:
        context.close()
