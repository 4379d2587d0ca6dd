"""The archive in figures (/cifras/ and its CSV files), an actor's phases and a document's chain."""

import csv
import datetime
import io
import re

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from archive.figures.counts import FONT_SIZE, NARROWEST
from archive.figures.svgtext import text_width
from archive.pages.models import CallPage, MemberCommentPage, MinutesPage, ReportPage
from search import facets
from tests.factories import make_actor, make_axis, make_document, make_phase, make_related, make_site


def text_of(node):
    return " ".join(node.get_text(" ").split()) if node else ""


def table_of(soup, slug):
    section = soup.select_one(f"section[aria-labelledby='cifra-{slug}']")
    return {
        text_of(row.th): int(text_of(row.td))
        for row in section.select("tbody tr")
    }


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


class FiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.consulta = make_phase("Consulta pública", slug="consulta-publica", order=6)
        cls.mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
        cls.genero = make_axis("Género e inclusión", slug="genero", order=5)
        cls.fiscal = make_axis("Transparencia fiscal y contrataciones abiertas", slug="fiscal", order=1)
        cls.adip = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP")
        cls.avina = make_actor("Fundación Avina", slug="avina", kind="civil_society")
        cls.formula = make_actor("=HYPERLINK(\"x\")", slug="formula", kind="civil_society")
        make_document(CallPage, "Convocatoria", phase=cls.consulta, date=datetime.date(2022, 7, 5),
                      axes=[cls.genero], actors=[(cls.adip, "author"), (cls.adip, "signatory"), cls.avina])
        make_document(MinutesPage, "Minuta 1", phase=cls.mesas, date=datetime.date(2022, 10, 27),
                      axes=[cls.genero, cls.fiscal], actors=[cls.adip, cls.formula])
        make_document(MinutesPage, "Minuta 2", phase=cls.mesas, date=datetime.date(2021, 3, 1))
        # Neither a draft nor a private page counts.
        make_document(ReportPage, "Borrador", live=False, phase=cls.mesas, axes=[cls.genero], actors=[cls.avina])
        private = make_document(ReportPage, "Informe privado", phase=cls.mesas, axes=[cls.fiscal],
                                actors=[cls.avina], date=datetime.date(2023, 1, 1))
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return response

    def test_counts_match_the_data_and_leave_out_drafts_and_private_pages(self):
        soup = BeautifulSoup(self.get("/cifras/").content, "html.parser")
        self.assertIn("3 documentos publicados", text_of(soup.select_one(".lead")))
        self.assertEqual(table_of(soup, "etapa"), {"Consulta pública": 1, "Mesas de cocreación": 2})
        kinds = table_of(soup, "tipo")
        self.assertEqual((kinds["Convocatorias"], kinds["Minutas"], kinds["Memorias e informes"]), (1, 2, 0))
        self.assertEqual(table_of(soup, "eje"), {"Transparencia fiscal y contrataciones abiertas": 1,
                                                 "Género e inclusión": 2})
        # ADIP appears twice on the call (two roles): one document.
        actors = table_of(soup, "actor")
        self.assertEqual(actors["Agencia Digital de Innovación Pública (ADIP)"], 2)
        self.assertEqual(actors["Fundación Avina"], 1)
        self.assertNotIn("Instituto de Liderazgo Simone de Beauvoir", actors)
        self.assertEqual(list(table_of(soup, "anio").items()), [("2021", 1), ("2022", 2)])

    def test_a_members_own_comment_counts_for_it(self):
        ilsb = make_actor("Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society")
        make_document(MemberCommentPage, "Lo que aprendimos", member=ilsb, member_body="nucleo_promotor",
                      comment="Aprendimos a trabajar juntas.", actors=[self.adip])
        soup = BeautifulSoup(self.get("/cifras/").content, "html.parser")
        actors = table_of(soup, "actor")
        self.assertEqual(actors["Instituto de Liderazgo Simone de Beauvoir"], 1)
        self.assertEqual(actors["Agencia Digital de Innovación Pública (ADIP)"], 3)

    def test_each_chart_is_an_accessible_svg_with_its_numbers_as_text(self):
        soup = BeautifulSoup(self.get("/cifras/").content, "html.parser")
        charts = soup.select("svg.figure-chart")
        self.assertEqual(len(charts), 5)
        for chart in charts:
            # A group, not an image: an image's links would be hidden from screen readers.
            self.assertEqual(chart["role"], "group")
            title_id = chart["aria-labelledby"].split()[0]
            self.assertEqual(chart.find("title")["id"], title_id)
            self.assertNotIn("style", str(chart))
        phase_chart = soup.select_one("section[aria-labelledby='cifra-etapa'] svg")
        texts = [t.get_text() for t in phase_chart.find_all("text")]
        self.assertEqual(texts, ["Consulta pública", "1", "Mesas de cocreación", "2"])

    def test_long_names_are_wrapped_whole_never_cut(self):
        long_name = ("Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos "
                     "Personales de una institución con un nombre aún más largo")
        inai = make_actor(long_name, slug="inai", acronym="INAI")
        make_document(ReportPage, "Informe del INAI", actors=[inai], date=datetime.date(2022, 5, 1))
        soup = BeautifulSoup(self.get("/cifras/").content, "html.parser")
        for section in soup.select("section.figure"):
            svg = section.select_one("svg.figure-chart")
            labels = [text.get_text() for text in svg.select("text.figure-chart__label")]
            self.assertEqual(labels, [text_of(row.th) for row in section.select("tbody tr")][:15])
        label = soup.select_one("section[aria-labelledby='cifra-actor'] a[href='/buscar/?actor=inai'] text")
        self.assertEqual(label.get_text(), f"{long_name} (INAI)")
        lines = label.find_all("tspan")
        self.assertGreater(len(lines), 2)
        for line in lines:
            # Each line fits the narrowest chart, a 320 px screen less its margins.
            self.assertLessEqual(text_width(line.get_text(), FONT_SIZE), NARROWEST)
        self.assertNotIn("…", soup.select_one("section[aria-labelledby='cifra-actor']").get_text())

    def test_each_bar_and_row_leads_to_the_search_that_finds_its_documents(self):
        # The comment's member is not among its listed actors: it still counts, here and in the search.
        ilsb = make_actor("Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society")
        make_document(MemberCommentPage, "Lo que aprendimos", member=ilsb, member_body="nucleo_promotor",
                      comment="Aprendimos a trabajar juntas.", actors=[self.adip], date=None,
                          date_precision="unknown")
        call_command("rebuild_search_index", stdout=io.StringIO())
        facets.forget_snapshot()
        soup = BeautifulSoup(self.get("/cifras/").content, "html.parser")
        checked = 0
        for section in soup.select("section.figure"):
            bars = section.select("svg.figure-chart .figure-chart__bar")
            rows = section.select("tbody tr")
            for bar, row in zip(bars, rows, strict=False):
                number = int(bar.find_all("text")[-1].get_text())
                if bar.name != "a":
                    self.assertIn(text_of(row.th), {"Sin etapa", "Sin fecha"})
                    continue
                self.assertRegex(bar["aria-label"], rf"^{re.escape(text_of(row.th))}: {number} documentos?, ")
                self.assertEqual(row.td.a["href"], bar["href"])
                self.assertTrue(row.td.a["aria-label"].startswith(f"{number} documento"))
                result = self.client.get(bar["href"]).context["result"]
                self.assertEqual(result.count, number, bar["href"])
                checked += 1
        self.assertGreaterEqual(checked, 20)
        self.assertEqual(table_of(soup, "actor")["Instituto de Liderazgo Simone de Beauvoir"], 1)
        self.assertEqual((table_of(soup, "etapa")["Sin etapa"], table_of(soup, "anio")["Sin fecha"]), (1, 1))

    def test_actors_chart_shows_the_top_fifteen_and_the_table_all(self):
        actors = [make_actor(f"Organización {n:02d}", slug=f"org-{n}", kind="civil_society") for n in range(16)]
        make_document(ReportPage, "Informe de todas", actors=actors)
        soup = BeautifulSoup(self.get("/cifras/").content, "html.parser")
        section = soup.select_one("section[aria-labelledby='cifra-actor']")
        self.assertEqual(len(section.select("svg rect")), 15)
        self.assertEqual(len(section.select("tbody tr")), 19)

    def test_queries_do_not_grow_with_documents(self):
        self.get("/cifras/")  # warms the site, content-type and navigation caches
        with CaptureQueriesContext(connection) as before:
            self.get("/cifras/")
        for n in range(4):
            make_document(MinutesPage, f"Minuta extra {n}", phase=self.consulta, axes=[self.fiscal],
                          actors=[make_actor(f"Persona {n}", slug=f"persona-{n}", kind="expert")])
        self.get("/cifras/")  # each process reads the site again once after a change
        with CaptureQueriesContext(connection) as after:
            self.get("/cifras/")
        self.assertEqual(len(before), len(after))

    def test_csv_of_each_figure(self):
        expected = {"etapa": "etapa", "tipo": "tipo", "eje": "eje", "actor": "actor", "anio": "año"}
        for slug, column in expected.items():
            response = self.get(f"/cifras/{slug}.csv")
            self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
            self.assertIn(f'filename="archivo-abierto-cifras-{slug}.csv"', response["Content-Disposition"])
            rows = read_csv(response)
            self.assertEqual(rows[0], [column, "documentos"])
        self.assertEqual(read_csv(self.get("/cifras/etapa.csv"))[1:],
                         [["Consulta pública", "1"], ["Mesas de cocreación", "2"]])
        self.assertEqual(read_csv(self.get("/cifras/anio.csv"))[1:], [["2021", "1"], ["2022", "2"]])

    def test_csv_cells_are_safe_from_formulas(self):
        rows = read_csv(self.get("/cifras/actor.csv"))
        self.assertIn(["'=HYPERLINK(\"x\")", "1"], rows)

    def test_an_unknown_figure_is_a_spanish_404(self):
        response = self.client.get("/cifras/nada.csv")
        self.assertEqual(response.status_code, 404)
        self.assertIn("No encontramos esta página", response.content.decode())

    def test_the_footer_links_the_figures(self):
        soup = BeautifulSoup(self.get("/etapas/").content, "html.parser")
        self.assertIsNotNone(soup.select_one(".site-footer a[href='/cifras/']"))


class ActorPhasesTests(TestCase):
    def test_actor_page_lists_its_phases_in_order_linked(self):
        make_site()
        mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
        consulta = make_phase("Consulta pública", slug="consulta-publica", order=6)
        cierre = make_phase("Cierre y memoria", slug="cierre", order=11)
        make_phase("Postulación", slug="postulacion", order=2)
        adip = make_actor("Agencia Digital de Innovación Pública", slug="adip")
        make_document(MinutesPage, "Minuta", phase=mesas, actors=[adip])
        make_document(MinutesPage, "Otra minuta", phase=mesas, actors=[adip])
        make_document(CallPage, "Convocatoria", phase=consulta, actors=[(adip, "author")])
        make_document(ReportPage, "Borrador", phase=cierre, actors=[adip], live=False)
        response = self.client.get("/actores/adip/")
        soup = BeautifulSoup(response.content, "html.parser")
        links = soup.select("section[aria-labelledby='etapas'] ol a")
        self.assertEqual([(a.get_text(), a["href"]) for a in links], [
            ("Consulta pública", "/etapas/consulta-publica/"),
            ("Mesas de cocreación", "/etapas/mesas-de-cocreacion/"),
        ])


class DocumentChainTests(TestCase):
    def chain_of(self, page):
        soup = BeautifulSoup(self.client.get(page.url).content, "html.parser")
        return [" ".join(li.get_text(" ").split()) for li in soup.select("ol.lineage > li")], soup

    def test_chain_walks_both_ways_across_three_documents_and_skips_drafts(self):
        make_site()
        call = make_document(CallPage, "Convocatoria al Grupo Asesor", date=datetime.date(2021, 2, 4))
        draft = make_document(ReportPage, "Borrador de resultados", live=False)
        minutes = make_document(MinutesPage, "Minuta de instalación", date=datetime.date(2021, 4, 1))
        report = make_document(ReportPage, "Informe de la instalación", date=datetime.date(2021, 5, 1))
        make_related(call, draft, "leads_to")
        make_related(draft, minutes, "leads_to")
        make_related(call, minutes, "leads_to")
        # The report responds to the minutes: it comes after them.
        make_related(report, minutes, "responds_to")

        chain, soup = self.chain_of(call)
        self.assertEqual([item.split(" Minuta,")[0].split(" Memoria")[0] for item in chain], [
            "Este documento: Convocatoria al Grupo Asesor", "Minuta de instalación", "Informe de la instalación",
        ])
        self.assertNotIn("Borrador", text_of(soup.select_one("#relacionados").parent))
        self.assertIn("Da lugar a: Minuta de instalación", text_of(soup.select_one(".related-list")))

        chain, soup = self.chain_of(minutes)
        self.assertTrue(chain[0].startswith("Convocatoria al Grupo Asesor"))
        self.assertEqual(chain[1], "Este documento: Minuta de instalación")
        self.assertTrue(chain[2].startswith("Informe de la instalación"))
        related = text_of(soup.select_one(".related-list"))
        self.assertIn("Resulta de: Convocatoria al Grupo Asesor", related)
        self.assertIn("Recibe respuesta de: Informe de la instalación", related)

        chain, _ = self.chain_of(report)
        self.assertTrue(chain[0].startswith("Convocatoria al Grupo Asesor"))
        self.assertTrue(chain[1].startswith("Minuta de instalación"))
        self.assertEqual(chain[2], "Este documento: Informe de la instalación")
        self.assertNotIn("Borrador", " ".join(chain))

    def test_no_chain_without_leads_to_or_responds_to(self):
        make_site()
        a = make_document(CallPage, "Convocatoria")
        b = make_document(ReportPage, "Informe")
        make_related(a, b, "references")
        chain, soup = self.chain_of(a)
        self.assertEqual(chain, [])
        self.assertIn("Cita a: Informe", text_of(soup.select_one(".related-list")))
