"""The glossary page, and glossary terms marked on document pages."""

from bs4 import BeautifulSoup
from django.test import TestCase

from archive.demo.glossary import load_glossary
from archive.pages.models import ReportPage
from tests.factories import make_document, make_site


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


class GlossaryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        load_glossary()

    def test_every_term_has_an_anchor_and_a_definition(self):
        response = self.client.get("/glosario/")
        self.assertEqual(response.status_code, 200)
        soup = soup_of(response)
        self.assertEqual(len(soup.find_all("h1")), 1)
        entry = soup.find(id="adip")
        self.assertEqual(entry.dfn.get_text(), "ADIP")
        self.assertIn("Agencia Digital de Innovación Pública", entry.get_text())
        self.assertIsNotNone(soup.find(id="cocreacion"))
        # Acronyms and terms in one alphabetical list, whatever their case.
        names = [dfn.get_text() for dfn in soup.select(".glossary dfn")]
        self.assertLess(names.index("ADIP"), names.index("cocreación"))
        self.assertLess(names.index("cocreación"), names.index("gobierno abierto"))
        self.assertEqual(soup.select_one("#ogp .glossary__expansion")["lang"], "en")

    def test_the_header_links_to_the_glossary(self):
        soup = soup_of(self.client.get("/glosario/"))
        link = soup.select_one('.site-nav a[href="/glosario/"]')
        self.assertEqual(link["aria-current"], "page")

    def test_a_document_marks_the_first_use_in_summary_and_body(self):
        page = make_document(
            ReportPage, "Informe de la ADIP",
            summary="La ADIP y el Núcleo Promotor prepararon la cocreación.",
            body=[
                {"type": "heading", "value": "Qué hizo la ADIP"},
                {"type": "paragraph", "value": "<p>La ADIP trabajó con el STT en el plan de acción.</p>"},
            ],
        )
        soup = soup_of(self.client.get(page.url))
        summary = soup.select_one(".summary")
        self.assertEqual([a["href"] for a in summary.select("a.glossary-term")],
                         ["/glosario/#adip", "/glosario/#nucleo-promotor", "/glosario/#cocreacion"])
        body = soup.select_one(".document__body")
        self.assertEqual([a["href"] for a in body.select("a.glossary-term")],
                         ["/glosario/#stt", "/glosario/#plan-de-accion"])
        self.assertEqual(body.h2.get_text(strip=True), "Qué hizo la ADIP", "headings stay plain")
        # The title is never marked.
        self.assertIsNone(soup.h1.find("a"))


class OtherLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_a_document_in_english_marks_its_own_words_as_english(self):
        page = make_document(
            ReportPage, "OGP Local Handbook", language="en",
            summary="El manual de la Alianza para gobiernos locales, en inglés.",
            body=[{"type": "paragraph", "value": "<p>How local governments join the partnership.</p>"}],
        )
        soup = soup_of(self.client.get(page.url))
        self.assertEqual(soup.html["lang"], "es")
        self.assertIsNone(soup.select_one(".summary").find_parent(attrs={"lang": "en"}))
        body = soup.select_one(".document__body")
        self.assertIsNone(body.get("lang"), "the section's Spanish label stays Spanish")
        self.assertEqual(body.find("div")["lang"], "en")
