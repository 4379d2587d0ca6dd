"""The public interface in Spanish at its own addresses and in English under /en/.

What a reader of each language meets: the Spanish addresses journalists
cite never change; an English-speaking browser is taken to the English twin
unless its reader chose Spanish; documents stay Spanish, with an English
title and summary where an editor wrote them, and say so where not.
"""

import datetime

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from archive.pages.models import MinutesPage
from tests.factories import make_document, make_phase, make_site

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}
ENGLISH_BROWSER = {**BROWSER, "HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def minutes():
    make_site()
    phase = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    return make_document(MinutesPage, "Sesión del Núcleo Promotor", phase=phase,
                         date=datetime.date(2021, 3, 3), summary="Acuerdos de la sesión de instalación.")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def interface_text(response):
    """What the page says in its own voice: the text outside elements marked as Spanish content."""
    html = soup(response)
    for element in html.select('[lang="es"]'):
        element.decompose()
    for element in html(["script", "style"]):
        element.decompose()
    return " ".join(html.get_text(" ").split())


def test_spanish_addresses_stay_spanish_and_english_lives_under_en(client, minutes):
    spanish = client.get(minutes.url)
    english = client.get("/en" + minutes.url)
    assert spanish.status_code == english.status_code == 200
    assert soup(spanish).html["lang"] == "es"
    assert soup(english).html["lang"] == "en"
    assert english["Content-Language"] == "en"
    assert "Ficha del documento" in spanish.content.decode()
    assert "Document record" in english.content.decode()
    # Each names the other for search engines.
    alternates = {link["hreflang"]: link["href"] for link in soup(english).select('link[rel="alternate"][hreflang]')}
    assert alternates["es"].endswith(minutes.url) and alternates["en"].endswith("/en" + minutes.url)


def test_the_english_page_marks_spanish_content_and_says_it_has_no_english_title(client, minutes):
    html = soup(client.get("/en" + minutes.url))
    assert html.h1.get_text(strip=True) == "Sesión del Núcleo Promotor"
    assert html.h1["lang"] == "es"
    assert "it has no English title or summary yet" in html.get_text()
    assert "March 3, 2021" in html.get_text()
    assert [a.get_text() for a in html.select(".breadcrumb a")] == ["Home", "Minutes"]
    # The address to cite is one for every language.
    assert html.select_one(".permalink__url")["href"].endswith(f"/id/{minutes.reference_code}/")
    assert "/en/id/" not in html.select_one(".permalink__url")["href"]
    assert html.select_one('.breadcrumb [aria-current="page"]')["lang"] == "es"


def test_an_english_title_and_summary_are_shown_on_english_pages_only(client, minutes):
    minutes.title_en = "Steering group session"
    minutes.summary_en = "Agreements of the opening session."
    minutes.save_revision().publish()
    english = soup(client.get("/en" + minutes.url))
    assert english.h1.get_text(strip=True) == "Steering group session"
    assert "Agreements of the opening session." in english.get_text()
    assert english.select_one(".document__original-title [lang=es]").get_text() == "Sesión del Núcleo Promotor"
    spanish = soup(client.get(minutes.url))
    assert spanish.h1.get_text(strip=True) == "Sesión del Núcleo Promotor"
    assert "Steering group" not in spanish.get_text()
    # Listings in English use it too.
    listing = soup(client.get("/en" + minutes.get_parent().url))
    assert "Steering group session" in listing.get_text()


def test_an_english_browser_is_sent_to_the_english_twin_once(client, minutes):
    response = client.get("/buscar/?q=minuta", **ENGLISH_BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/en/buscar/?q=minuta"
    assert "Accept-Language" in response["Vary"]
    # A Spanish browser, and any client that does not ask for a page, stays.
    assert client.get("/buscar/?q=minuta", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9", **BROWSER).status_code == 200
    assert client.get("/api/buscar/?q=minuta", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert client.get("/feeds/documentos.atom", **ENGLISH_BROWSER).status_code == 200


def test_choosing_spanish_in_the_switcher_wins_over_the_browser(client, minutes):
    english = soup(client.get("/en" + minutes.url))
    switch = english.select_one('.site-nav__language a[hreflang="es"]')["href"]
    response = client.get(switch)
    assert response.status_code == 302 and response["Location"] == minutes.url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert client.get(minutes.url, **ENGLISH_BROWSER).status_code == 200


def test_the_switcher_never_sends_a_reader_to_another_site(client, minutes):
    for target in ("https://example.com/", "//example.com/x", "javascript:alert(1)"):
        response = client.get("/idioma/en/", {"siguiente": target})
        assert response["Location"] == "/en/"
    assert client.get("/idioma/xx/", {"siguiente": "/buscar/"})["Location"] == "/buscar/"


def test_english_search_results_link_to_english_pages(client, minutes, run_index_updates):
    html = soup(client.get("/en/buscar/", {"q": "sesion nucleo"}))
    links = [a["href"] for a in html.select(".search-hit h3 a")]
    assert links == ["/en" + minutes.url]
    assert "March 3, 2021" in html.select_one(".hit-meta").get_text()
    assert "1 document for" in html.select_one(".result-count").get_text()
    assert client.get("/buscar/", {"q": "sesion nucleo"}).content.decode().count("1 documento para") == 1


def test_the_admin_stays_spanish_for_an_english_browser(admin_client):
    html = admin_client.get("/admin/", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="es"' in html or "lang=\"es\"" in html.split(">")[0]


@pytest.mark.parametrize("path", ["/en/", "/en/buscar/?q=consulta", "/en/minutas/", "/en/etapas/", "/en/actores/",
                                  "/en/glosario/", "/en/linea-de-tiempo/", "/en/cifras/", "/en/no-existe/"])
def test_english_pages_have_no_spanish_interface_string(client, minutes, path):
    """An interface string left untranslated would show here verbatim, outside the content marked as Spanish."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))
    response = client.get(path)
    assert response.status_code in (200, 404)
    text = interface_text(response)
    # Names kept in English too («Grupo Asesor (advisory group)») are not leftovers.
    kept = " ".join(entry.msgstr for entry in catalogue)
    leftovers = [entry.msgid for entry in catalogue
                 if "%" not in entry.msgid and len(entry.msgid) >= 12 and entry.msgid not in kept
                 and entry.msgid in text]
    assert not leftovers, f"{path} shows Spanish: {leftovers}"


def test_every_public_interface_string_has_an_english_translation():
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/en/LC_MESSAGES/django.po"))
    untranslated = [
        entry.msgid for entry in catalogue
        if not entry.obsolete and (entry.fuzzy or not (entry.msgstr or any(entry.msgstr_plural.values())))
        and any(path.startswith(("templates/", "search/", "archive/pages/", "archive/comments/"))
                and not path.startswith(("templates/publishing/",)) for path, _line in entry.occurrences)
    ]
    assert not untranslated, untranslated


def test_the_scripts_speak_english_on_english_pages_only(client, minutes):
    english = client.get("/en" + minutes.url).content.decode()
    spanish = client.get(minutes.url).content.decode()
    assert "/en/jsi18n/" in english and "jsi18n" not in spanish
    catalogue = client.get("/en/jsi18n/").content.decode()
    assert "Link copied" in catalogue and "No suggestions." in catalogue


def test_an_error_page_never_echoes_the_address_in_its_language_links(client, minutes):
    html = client.get("/en/borrador-secreto-del-comite/").content.decode()
    assert "borrador-secreto" not in html
    assert 'href="/idioma/es/?siguiente=%2F"' in html
