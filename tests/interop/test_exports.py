"""Feeds, sitemap, catalogue and API: complete for the public, silent about the rest."""

import csv
import io
import json

from defusedxml import ElementTree as ET
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from archive.pages.models import DocumentIndexPage, MinutesPage
from tests.factories import make_document, make_site

from .helpers import build_archive

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class ExportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def assert_nothing_hidden(self, text, where):
        for page in self.archive.hidden:
            self.assertNotIn(page.title, text, f"{where}: {page.title}")
            self.assertNotIn(page.url_path, text, where)


class FeedTests(ExportTestCase):
    def feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"), response["Content-Type"])
        root = ET.fromstring(response.content)
        return root, response.content.decode()

    def titles(self, root):
        return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]

    def test_general_feed_lists_public_documents_newest_first(self):
        root, text = self.feed("/feeds/documentos.atom")
        titles = self.titles(root)
        self.assertEqual(sorted(titles), sorted(page.title for page in self.archive.public))
        self.assertEqual(titles[0], self.archive.minutes[-1].title, "the last published comes first")
        self.assert_nothing_hidden(text, "feed")
        entry = next(e for e in root.findall(f"{ATOM}entry") if e.find(f"{ATOM}title").text == self.archive.call.title)
        self.assertEqual(entry.find(f"{ATOM}link").get("href"), self.archive.call.permanent_url)
        self.assertEqual(entry.find(f"{ATOM}id").text, self.archive.call.permanent_url)
        # One <author> per author: the call has two.
        names = [name.text for name in entry.findall(f"{ATOM}author/{ATOM}name")]
        self.assertEqual(names, [self.archive.info.name, self.archive.adip.name])

    def test_feeds_per_phase_kind_actor_and_axis(self):
        a = self.archive
        cases = {
            "/feeds/etapa/mesas-de-cocreacion.atom": [a.report, a.video, *a.minutes],
            "/feeds/etapa/consulta-publica.atom": [a.call],
            "/feeds/tipo/minuta.atom": a.minutes,
            "/feeds/tipo/informe.atom": [a.report, a.undated],
            "/feeds/actor/info-cdmx.atom": [a.call, a.video],
            "/feeds/actor/adip.atom": [a.call, a.letter],
            "/feeds/eje/genero-e-inclusion.atom": [a.call],
        }
        for url, pages in cases.items():
            with self.subTest(url):
                root, text = self.feed(url)
                self.assertEqual(sorted(self.titles(root)), sorted(p.title for p in pages))
                self.assert_nothing_hidden(text, url)
        root, _text = self.feed("/feeds/tipo/minuta.atom")
        self.assertEqual(root.find(f"{ATOM}title").text, "Archivo Abierto: Minutas, lo más reciente")
        listing = DocumentIndexPage.objects.get(kind="minuta")
        self.assertTrue(root.find(f"{ATOM}link[@rel='alternate']").get("href").endswith(listing.url))

    def test_unknown_slugs_answer_the_spanish_404(self):
        for url in [
            "/feeds/etapa/no-existe.atom", "/feeds/tipo/minutas.atom", "/feeds/actor/nadie.atom",
            "/feeds/eje/ninguno.atom", "/feeds/etapa/%3Cscript%3E.atom", "/feeds/otra-cosa.atom",
        ]:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertIn("No encontramos esta página", response.content.decode())

    def test_control_characters_do_not_break_the_feed(self):
        make_document(MinutesPage, "Minuta\x0b con\x1f control", phase=self.archive.mesas)
        root, _text = self.feed("/feeds/documentos.atom")
        self.assertIn("Minuta con control", self.titles(root))


class SitemapTests(ExportTestCase):
    def test_sitemap_lists_public_pages_listings_and_taxonomy(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
        for page in self.archive.public:
            self.assertIn(page.full_url, locations, page.title)
        listing = DocumentIndexPage.objects.get(kind="minuta")
        self.assertIn(listing.full_url, locations)
        self.assertIn("http://localhost/", locations, "the home page")
        for path in [
            "/etapas/", "/actores/", "/etapas/mesas-de-cocreacion/", "/etapas/consulta-publica/",
            "/actores/info-cdmx/", "/actores/fundacion-avina/", "/ejes/genero-e-inclusion/",
        ]:
            # The pages' host (the Wagtail site's), not the request's: one host per sitemap.
            self.assertIn(f"http://localhost{path}", locations)
        for page in self.archive.hidden:
            self.assertNotIn(page.full_url or page.url_path, text)
            self.assertFalse(any(page.slug in loc for loc in locations), page.slug)
        self.assertEqual(len(locations), len(set(locations)))


class CatalogueTests(ExportTestCase):
    def test_json_catalogue(self):
        response = self.client.get("/catalogo.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="archivo-abierto-catalogo.json"')
        body = json.loads(response.content)
        documents = body["documents"]
        self.assertEqual(body["count"], len(self.archive.public))
        self.assertEqual(sorted(d["id"] for d in documents), sorted(p.pk for p in self.archive.public))
        self.assert_nothing_hidden(response.content.decode(), "catálogo JSON")
        call = next(d for d in documents if d["id"] == self.archive.call.pk)
        self.assertEqual(call["reference_code"], self.archive.call.reference_code)
        self.assertEqual(call["permanent_url"], self.archive.call.permanent_url)
        self.assertEqual(call["date"], "2022-07-05")
        self.assertEqual(call["phase"], "consulta-publica")
        self.assertEqual(sorted(call["authors"]), sorted([self.archive.info.name, self.archive.adip.name]))
        [file] = call["files"]
        public_file = self.archive.public_file
        self.assertEqual(file["sha256"], public_file.sha256)
        self.assertEqual(len(file["sha256"]), 64)
        self.assertEqual(file["checked_at"], public_file.fixity_checked_at.isoformat(timespec="seconds"))
        self.assertTrue(file["ok"])
        self.assertTrue(file["url"].startswith("http://localhost/documentos/"))
        letter = next(d for d in documents if d["id"] == self.archive.letter.pk)
        self.assertEqual(letter["date"], "2020-09")
        undated = next(d for d in documents if d["id"] == self.archive.undated.pk)
        self.assertEqual(undated["date"], "")
        video = next(d for d in documents if d["id"] == self.archive.video.pk)
        self.assertEqual(
            [f["sha256"] for f in video["files"]], [self.archive.video_file.sha256, self.archive.captions.sha256]
        )

    def test_csv_catalogue(self):
        response = self.client.get("/catalogo.csv")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="archivo-abierto-catalogo.csv"')
        text = b"".join(response.streaming_content).decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"), "a BOM, for spreadsheet programs")
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        self.assertEqual(sorted(int(r["id"]) for r in rows), sorted(p.pk for p in self.archive.public))
        self.assert_nothing_hidden(text, "catálogo CSV")
        video = next(r for r in rows if int(r["id"]) == self.archive.video.pk)
        self.assertEqual(
            video["file_sha256"], f"{self.archive.video_file.sha256} | {self.archive.captions.sha256}"
        )
        self.assertEqual(video["file_ok"], "sí | sí")
        self.assertEqual(video["permanent_url"], self.archive.video.permanent_url)

    def test_csv_cells_never_run_as_formulas(self):
        make_document(MinutesPage, "=HYPERLINK(\"http://example.org\")", phase=self.archive.mesas)
        text = b"".join(self.client.get("/catalogo.csv").streaming_content).decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        self.assertIn("'=HYPERLINK(\"http://example.org\")", [r["title"] for r in rows])
        # The JSON keeps the title as it is.
        body = json.loads(self.client.get("/catalogo.json").content)
        self.assertIn("=HYPERLINK(\"http://example.org\")", [d["title"] for d in body["documents"]])


class APITests(ExportTestCase):
    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return response.json() if status != 302 else None

    def test_pages_endpoint_lists_only_live_public_pages(self):
        body = self.get("/api/v2/pages/?limit=100")
        titles = [item["title"] for item in body["items"]]
        for page in self.archive.public:
            self.assertIn(page.title, titles)
        self.assertIn("Minutas", titles)
        for page in self.archive.hidden:
            self.assertNotIn(page.title, titles)
            self.get(f"/api/v2/pages/{page.pk}/", status=404)
        self.get(f"/api/v2/pages/find/?html_path={self.archive.private.url}", status=404)
        self.get(f"/api/v2/pages/find/?html_path={self.archive.call.url}", status=302)
        typed = self.get("/api/v2/pages/?type=pages.MinutesPage&limit=100")
        self.assertEqual(sorted(i["title"] for i in typed["items"]), sorted(p.title for p in self.archive.minutes))
        self.get(f"/api/v2/pages/{self.archive.call.pk}/")

    def test_a_visitor_who_passed_the_password_still_does_not_see_private_pages(self):
        # Wagtail's own endpoint would show the page to this session; open data must not depend on who asks.
        restriction = self.archive.private.get_view_restrictions().first()
        session = self.client.session
        session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
        session.save()
        self.assertEqual(self.client.get(self.archive.private.url).status_code, 200, "this visitor may read the page")
        titles = [item["title"] for item in self.get("/api/v2/pages/?limit=100")["items"]]
        self.assertNotIn(self.archive.private.title, titles)

    def test_documents_endpoint_lists_only_files_of_public_documents(self):
        body = self.get("/api/v2/documents/?limit=100")
        ids = sorted(item["id"] for item in body["items"])
        a = self.archive
        self.assertEqual(ids, sorted([a.public_file.pk, a.video_file.pk, a.captions.pk]))
        for hidden in [a.draft_file, a.private_file, a.orphan_file]:
            self.get(f"/api/v2/documents/{hidden.pk}/", status=404)
        detail = self.get(f"/api/v2/documents/{a.public_file.pk}/")
        self.assertEqual(detail["title"], "Convocatoria (PDF)")
        # The endpoint does not search (test_api_hostile_input); its field filters see only public files.
        self.assertEqual(self.get("/api/v2/documents/?title=Borrador%20(PDF)")["items"], [])
        found = self.get("/api/v2/documents/?title=Convocatoria%20(PDF)")
        self.assertEqual([item["id"] for item in found["items"]], [a.public_file.pk])

    def test_images_endpoint_lists_nothing_no_document_holds(self):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        image = Image.objects.create(title="Foto suelta", file=get_test_image_file())
        self.assertEqual(self.get("/api/v2/images/")["items"], [])
        self.get(f"/api/v2/images/{image.pk}/", status=404)


class EmptyArchiveTests(TestCase):
    def test_every_export_answers_on_an_empty_archive(self):
        make_site()
        for url in ["/feeds/documentos.atom", "/sitemap.xml", "/catalogo.json", "/catalogo.csv", "/api/v2/pages/",
                    "/api/v2/documents/", "/oai/?verb=Identify", "/oai/?verb=ListSets"]:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        root = ET.fromstring(self.client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc").content)
        error = root.find("{http://www.openarchives.org/OAI/2.0/}error")
        self.assertEqual(error.get("code"), "noRecordsMatch")


class QueryCountTests(ExportTestCase):
    def count_queries(self, url):
        self.client.get(url)  # warm the caches (site root paths) a page save clears
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def test_exports_cost_the_same_queries_however_many_documents(self):
        urls = ["/catalogo.json", "/catalogo.csv", "/feeds/documentos.atom", "/oai/?verb=ListRecords&metadataPrefix=oai_dc"]
        before = {url: self.count_queries(url) for url in urls}
        for n in range(6, 12):
            make_document(MinutesPage, f"Minuta adicional {n}", phase=self.archive.mesas,
                          actors=[(self.archive.info, "author")])
        after = {url: self.count_queries(url) for url in urls}
        self.assertEqual(after, before)
