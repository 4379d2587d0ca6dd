"""What a document page shows and declares: permanent address, table of contents,
passage anchors, canonical address, Open Graph, Dublin Core and JSON-LD."""

import datetime
import json

from bs4 import BeautifulSoup
from django.test import TestCase
from wagtail.rich_text import RichText

from archive.identifiers.templatetags.permanent_tags import json_for_script
from archive.pages.models import (
    DOCUMENT_KINDS,
    LetterPage,
    MemberCommentPage,
    MinutesPage,
    PresentationPage,
    ReportPage,
    VideoPage,
)
from tests.factories import make_actor, make_document, make_site

BODY = [
    ("heading", "Antecedentes"),
    ("paragraph", RichText("<p>La Ciudad se sumó a OGP Local en 2020.</p>")),
    ("heading", "Acuerdos"),
    ("paragraph", RichText("<p>Publicar la minuta en formato abierto.</p>")),
    ("quote", "Nada sobre nosotras sin nosotras."),
    ("heading", "Siguientes pasos"),
    ("paragraph", RichText("<p>Reunirse de nuevo en noviembre.</p>")),
]


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(soup, name):
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def og(soup, prop):
    tag = soup.find("meta", attrs={"property": prop})
    return tag["content"] if tag else None


def json_ld(soup):
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


class LongDocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def setUp(self):
        self.page = make_document(MinutesPage, "Minuta larga", body=BODY)

    def test_three_headings_give_a_table_of_contents_that_links_to_them(self):
        soup = soup_of(self.client.get(self.page.url))
        toc = soup.select_one("nav.document-toc")
        self.assertIsNotNone(toc)
        links = toc.select("a")
        self.assertEqual([a.get_text() for a in links], ["Antecedentes", "Acuerdos", "Siguientes pasos"])
        for link in links:
            target = soup.find(id=link["href"][1:])
            self.assertIsNotNone(target, link)
            self.assertEqual(target.h2.get_text(), link.get_text())

    def test_two_headings_are_not_enough_for_a_table_of_contents(self):
        short = make_document(MinutesPage, "Minuta corta", body=BODY[:4])
        self.assertIsNone(soup_of(self.client.get(short.url)).select_one("nav.document-toc"))

    def test_every_block_has_a_stable_anchor_and_a_link_to_copy(self):
        soup = soup_of(self.client.get(self.page.url))
        passages = soup.select(".document__body .passage")
        self.assertEqual(len(passages), len(BODY))
        for block, passage in zip(self.page.body, passages, strict=True):
            self.assertEqual(passage["id"], f"p-{block.id[:8]}")
            link = passage.select_one("a.passage__link")
            self.assertEqual(link["href"], f"#{passage['id']}")
            self.assertEqual(link.get_text(strip=True), "Copiar enlace a este pasaje")

    def test_an_anchor_survives_editing_another_paragraph(self):
        before = [p["id"] for p in soup_of(self.client.get(self.page.url)).select(".passage")]
        page = MinutesPage.objects.get(pk=self.page.pk)
        # What an editor does in the admin: change one paragraph, insert another.
        page.body[1].value = RichText("<p>La Ciudad se sumó a OGP Local en septiembre de 2020.</p>")
        page.body.insert(3, ("paragraph", RichText("<p>Párrafo nuevo.</p>")))
        page.save_revision().publish()
        page = MinutesPage.objects.get(pk=page.pk)
        after = [p["id"] for p in soup_of(self.client.get(page.url)).select(".passage")]
        self.assertEqual(len(after), len(before) + 1)
        self.assertEqual(after[:3] + after[4:], before)
        self.assertIn("septiembre de 2020", soup_of(self.client.get(page.url)).find(id=before[1]).get_text())


class HeadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.author = make_actor("Fundación Avina", slug="fundacion-avina", kind="civil_society")
        cls.person = make_actor("Rudi Borrmann", slug="rudi-borrmann", kind="international", is_person=True)

    def test_canonical_open_graph_and_dublin_core(self):
        page = make_document(
            LetterPage, "Carta de apoyo", summary="La fundación apoya la postulación.",
            actors=[(self.author, "author"), (self.person, "author"), (make_actor(), "participant")],
            date=datetime.date(2020, 9, 1), date_precision="month", licence="cc-by-4.0",
        )
        soup = soup_of(self.client.get(page.url))
        canonical = "http://localhost" + page.url
        self.assertEqual(soup.find("link", rel="canonical")["href"], canonical)
        self.assertEqual(og(soup, "og:title"), "Carta de apoyo")
        self.assertEqual(og(soup, "og:description"), "La fundación apoya la postulación.")
        self.assertEqual(og(soup, "og:type"), "article")
        self.assertEqual(og(soup, "og:url"), canonical)
        self.assertEqual(meta(soup, "DC.title"), ["Carta de apoyo"])
        self.assertEqual(meta(soup, "DC.date"), ["2020-09"])
        self.assertEqual(meta(soup, "DC.type"), ["Text"])
        self.assertEqual(meta(soup, "DC.identifier")[0], "http://localhost/id/AGA-CDMX-2020-CARTA-001/")
        self.assertEqual(meta(soup, "DC.language"), ["es"])
        self.assertEqual(meta(soup, "DC.creator"), ["Fundación Avina", "Rudi Borrmann"])
        self.assertIn("CC BY 4.0", meta(soup, "DC.rights")[0])

    def test_permanent_address_is_shown_with_a_copy_button(self):
        page = make_document(MinutesPage, "Minuta")
        soup = soup_of(self.client.get(page.url))
        box = soup.select_one(".permanent")
        link = box.select_one("a.permalink__url")
        self.assertEqual(link["href"], page.permanent_url)
        self.assertEqual(link.get_text(), page.permanent_url)
        button = box.select_one("button.permalink__copy")
        self.assertEqual(button["data-copy-text"], page.permanent_url)
        self.assertTrue(button.has_attr("hidden"), "shown only when the script can copy")
        self.assertIn(page.reference_code, box.get_text())
        status = soup.select_one("[data-copy-status]")
        self.assertEqual((status["role"], status["aria-live"]), ("status", "polite"))

    def test_json_ld_parses_with_the_type_of_each_kind(self):
        expected = {
            VideoPage: "VideoObject", ReportPage: "Report", PresentationPage: "PresentationDigitalDocument",
            MemberCommentPage: "Comment", MinutesPage: "DigitalDocument", LetterPage: "DigitalDocument",
        }
        for kind in DOCUMENT_KINDS:
            with self.subTest(kind=kind.__name__):
                fields = {"comment": "Un comentario."} if kind is MemberCommentPage else {}
                page = make_document(
                    kind, f"{kind.kind_label} de prueba", actors=[(self.author, "author")], licence="cc-by-4.0",
                    **fields,
                )
                data = json_ld(soup_of(self.client.get(page.url)))
                self.assertEqual(data["@type"], expected.get(kind, kind.schema_type))
                self.assertEqual(data["@context"], "https://schema.org")
                self.assertEqual(data["name"], page.title)
                self.assertEqual(data["description"], page.summary)
                self.assertEqual(data["identifier"], page.reference_code)
                self.assertEqual(data["@id"], page.permanent_url)
                self.assertEqual(data["url"], "http://localhost" + page.url)
                self.assertEqual(data["dateCreated"], "2022-10-27")
                self.assertEqual(data["inLanguage"], "es")
                self.assertEqual(data["author"], [{"@type": "Organization", "name": "Fundación Avina"}])
                self.assertEqual(data["license"], "https://creativecommons.org/licenses/by/4.0/")

    def test_json_ld_cannot_close_its_script_element(self):
        page = make_document(MinutesPage, "Minuta </script><script>alert(1)</script>", summary="a < b & c")
        html = self.client.get(page.url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        data = json_ld(soup)
        self.assertEqual(data["name"], "Minuta </script><script>alert(1)</script>")
        self.assertEqual(data["description"], "a < b & c")
        self.assertNotIn("</script><script>alert", html)
        self.assertIn("\\u003c", json_for_script({"x": "<"}))

    def test_no_inline_scripts(self):
        page = make_document(MinutesPage, "Minuta", body=BODY)
        for url in (page.url, page.permanent_path + "v/1/"):
            with self.subTest(url=url):
                scripts = soup_of(self.client.get(url)).find_all("script")
                self.assertTrue(scripts)
                for script in scripts:
                    if script.get("type") == "application/ld+json":
                        continue
                    self.assertTrue(script.get("src", "").startswith("/static/js/"), script)
                    self.assertFalse((script.string or "").strip(), script)
