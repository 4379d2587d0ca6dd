"""The public pages: every page type renders, shows its record, and stays
accessible and script-free; listings never show drafts."""

import datetime
from unittest import mock

from bs4 import BeautifulSoup
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase
from django.utils import timezone, translation
from wagtail.rich_text import RichText

from archive.pages.models import (
    CallPage,
    DocumentIndexPage,
    GuidelinePage,
    LetterPage,
    MemberCommentPage,
    MinutesPage,
    PresentationPage,
    ReportPage,
    VideoPage,
)
from archive.taxonomy import views as taxonomy_views
from archive.views import server_error
from tests.factories import (
    make_actor,
    make_axis,
    make_captions,
    make_document,
    make_element,
    make_file,
    make_membership,
    make_phase,
    make_related,
    make_site,
    make_video_file,
)


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


class PublicPageAssertions:
    """What every public page must be, whatever it shows."""

    def get_page(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        soup = soup_of(response)
        self.assert_accessible_basics(soup, url)
        return soup

    def assert_accessible_basics(self, soup, url):
        self.assertEqual(soup.html.get("lang"), "es", url)
        self.assertEqual(len(soup.find_all("h1")), 1, f"{url}: one h1 per page")
        skip = soup.find("a", class_="skip-link")
        self.assertIsNotNone(skip, url)
        self.assertIsNotNone(soup.find(id=skip["href"].lstrip("#")), f"{url}: the skip link has a target")
        for landmark in ("header", "nav", "main", "footer"):
            self.assertIsNotNone(soup.find(landmark), f"{url}: <{landmark}> landmark")
        self.assertEqual(len(soup.find_all("main")), 1, url)
        # A Content-Security-Policy will forbid inline scripts and styles: scripts come from
        # files, and JSON-LD is data the browser never runs.
        for script in soup.find_all("script"):
            inline_data = script.get("type") == "application/ld+json" and not script.get("src")
            self.assertTrue(inline_data or (script.get("src") and not script.string), f"{url}: inline script {script}")
        self.assertEqual(soup.find_all("style"), [], f"{url}: no <style> blocks")
        self.assertEqual(soup.select("[style]"), [], f"{url}: no style attributes")
        self.assertEqual([t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], [], url)
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        self.assertEqual(len(ids), len(set(ids)), f"{url}: ids are unique")
        for field in soup.find_all(["input", "select", "textarea"]):
            if field.get("type") in {"hidden", "submit"}:
                continue
            self.assertIsNotNone(soup.find("label", attrs={"for": field.get("id")}), f"{url}: {field} has a label")
        header_search = soup.select_one("header form[role=search]")
        self.assertIsNotNone(header_search, f"{url}: a search box in the header")
        self.assertEqual(header_search["action"], "/buscar/")
        self.assertEqual(header_search["method"], "get")
        self.assertIsNotNone(header_search.find("input", attrs={"name": "q"}))
        for link in soup.find_all("a"):
            self.assertTrue(link.get_text(strip=True), f"{url}: a link without text: {link}")


# Per kind: the fields that make it that kind, and what a reader must see of them.
KIND_EXAMPLES = {
    CallPage: (
        {
            "opening_date": datetime.date(2021, 2, 4),
            "closing_date": datetime.date(2021, 3, 26),
            "addressed_to": "Organizaciones y personas expertas",
        },
        [
            "Convocatoria", "4 de febrero de 2021", "26 de marzo de 2021", "Cerrada",
            "Organizaciones y personas expertas",
        ],
    ),
    LetterPage: (
        {"signatories": "Fundación Avina\nEquis Justicia para las Mujeres", "addressee": "Open Government Partnership"},
        ["Carta de intención", "Fundación Avina, Equis Justicia para las Mujeres", "Open Government Partnership"],
    ),
    MinutesPage: (
        {
            "meeting_body": "Mesa de cocreación de Género e inclusión",
            "attendees": "ADIP\nINFO CDMX",
            "agreements": "<p>Publicar la minuta en formato abierto.</p>",
        },
        [
            "Minuta", "Mesa de cocreación de Género e inclusión", "ADIP, INFO CDMX",
            "Publicar la minuta en formato abierto.",
        ],
    ),
    VideoPage: (
        {
            "duration": datetime.timedelta(hours=1, minutes=2, seconds=3),
            "speakers": "Rudi Borrmann\nMaría López",
            "external_url": "https://video.example.org/sesion-inaugural",
        },
        ["Video", "1:02:03", "Rudi Borrmann, María López"],
    ),
    GuidelinePage: (
        {"version": "2.1", "approval_date": datetime.date(2021, 6, 23), "approved_by": "Núcleo Promotor"},
        ["Lineamiento", "2.1", "23 de junio de 2021", "Núcleo Promotor"],
    ),
    MemberCommentPage: (
        {"member_body": "grupo_asesor", "member_role": "Persona experta", "comment": "Faltó tiempo para la consulta."},
        ["Comentario de integrante", "Grupo Asesor", "Persona experta", "Faltó tiempo para la consulta."],
    ),
    PresentationPage: (
        {"event": "Mesa inaugural de cocreación", "place": "Ciudad de México", "presenter": "Estado Abierto"},
        ["Presentación", "Mesa inaugural de cocreación", "Ciudad de México", "Estado Abierto"],
    ),
    ReportPage: (
        {"report_type": "memoria", "publisher": "INFO CDMX", "pages": 120},
        ["Memoria o informe", "Memoria", "INFO CDMX", "120"],
    ),
}


class EveryKindRendersTests(PublicPageAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.phase = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
        cls.actor = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP")
        cls.axis = make_axis("Género e inclusión", slug="genero-e-inclusion")
        cls.element = make_element("Memoria y archivo", slug="memoria-y-archivo")
        cls.file = make_file("minuta.pdf", title="Minuta firmada")
        cls.urls, cls.ids = {}, {}
        for kind, (fields, _) in KIND_EXAMPLES.items():
            if kind is MemberCommentPage:
                fields = {**fields, "member": cls.actor}
            page = make_document(
                kind,
                f"{kind.kind_label} de prueba",
                phase=cls.phase,
                actors=[(cls.actor, "author")],
                axes=[cls.axis],
                attachments=[cls.file],
                date=datetime.date(2022, 11, 8),
                summary=f"Qué dice este documento de tipo {kind.kind_label.lower()}.",
                original_holder="Micrositio «Memoria y archivo» de INFO CDMX",
                source_url="https://infocdmx.org.mx/memoria/documento",
                licence="cc-by-4.0",
                **fields,
            )
            page.elements.add(cls.element)
            page.tags.add("cocreación")
            page.save()
            cls.urls[kind], cls.ids[kind] = page.url, page.pk

    def test_every_kind_shows_its_record(self):
        with translation.override("es"):
            size = " ".join(filesizeformat(self.file.get_file_size()).split())
        for kind, (_, expected) in KIND_EXAMPLES.items():
            with self.subTest(kind=kind.__name__):
                soup = self.get_page(self.urls[kind])
                text = text_of(soup)
                self.assertEqual(soup.h1.get_text(strip=True), f"{kind.kind_label} de prueba")
                self.assertIn(kind.kind_label, soup.select_one(".eyebrow").get_text())
                record = text_of(soup.select_one(".record"))
                for value in [
                    kind.kind_label, "8 de noviembre de 2022", "Mesas de cocreación",
                    "Agencia Digital de Innovación Pública (ADIP)", "(autor o autora)", "Género e inclusión",
                    "Memoria y archivo", "cocreación", "Español", "CC BY 4.0",
                    "Micrositio «Memoria y archivo» de INFO CDMX", "https://infocdmx.org.mx/memoria/documento",
                ]:
                    self.assertIn(value, record)
                for value in expected:
                    self.assertIn(value, text)
                page = kind.objects.get(pk=self.ids[kind])
                for label, value in page.kind_fields():
                    if value:
                        self.assertIn(f"{label} {value}", record)
                summary = text_of(soup.select_one(".summary"))
                self.assertIn(f"Qué dice este documento de tipo {kind.kind_label.lower()}.", summary)
                self.assertIsNotNone(soup.select_one('.record a[href="/etapas/mesas-de-cocreacion/"]'))
                self.assertIsNotNone(soup.select_one('.record a[href="/actores/adip/"]'))
                self.assertIsNotNone(soup.select_one('.record a[href="/ejes/genero-e-inclusion/"]'))
                files = text_of(soup.select_one(".files"))
                self.assertIn("Minuta firmada", files)
                self.assertIn("PDF", files)
                self.assertIn(size, files)
                self.assertIn("1 página", files)
                self.assertIsNotNone(soup.select_one(f'.files a[href="{self.file.url}"]'))
                self.assertIsNone(soup.select_one(".notice"), "a document with a file is not a catalogue entry")
                crumbs = [a["href"] for a in soup.select(".breadcrumb a")]
                self.assertEqual(crumbs, ["/", "/" + self.urls[kind].strip("/").split("/")[0] + "/"])

    def test_empty_kind_fields_are_left_out(self):
        page = make_document(ReportPage, "Informe sin editor", report_type="informe")
        record = text_of(self.get_page(page.url).select_one(".record"))
        self.assertNotIn("Edita", record)
        self.assertNotIn("Páginas", record)


class DocumentPageDetailsTests(PublicPageAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_catalogue_entry_says_it_has_no_file_and_links_the_original(self):
        page = make_document(
            LetterPage, "Carta de intención de la Alcaldía", source_url="https://example.org/carta.pdf",
        )
        soup = self.get_page(page.url)
        notice = soup.select_one(".notice")
        self.assertIsNotNone(notice)
        self.assertIn("no conserva una copia", text_of(notice))
        self.assertIsNotNone(notice.select_one('a[href="https://example.org/carta.pdf"]'))
        self.assertIsNone(soup.select_one(".files"))

    def test_catalogue_entry_without_address_says_none_is_known(self):
        page = make_document(LetterPage, "Carta perdida", original_holder="Oficialía de partes de la ADIP")
        notice = text_of(self.get_page(page.url).select_one(".notice"))
        self.assertIn("No conocemos una dirección en línea", notice)
        self.assertIn("Oficialía de partes de la ADIP", notice)

    def test_year_precision_shows_only_the_year(self):
        page = make_document(ReportPage, "Informe anual", date=datetime.date(2021, 1, 1), date_precision="year")
        soup = self.get_page(page.url)
        self.assertIn("2021", text_of(soup.select_one(".document__date")))
        self.assertNotIn("1 de enero de 2021", soup.decode())
        self.assertEqual(soup.select_one(".document__date time")["datetime"], "2021")

    def test_month_precision_shows_month_and_year(self):
        page = make_document(ReportPage, "Informe de marzo", date=datetime.date(2023, 3, 1), date_precision="month")
        soup = self.get_page(page.url)
        self.assertIn("marzo de 2023", text_of(soup.select_one(".document__date")))
        self.assertNotIn("1 de marzo de 2023", soup.decode())

    def test_unknown_date_shows_sin_fecha(self):
        page = make_document(
            ReportPage, "Informe sin fecha", date=None, date_precision="unknown", date_note="antes de 2020",
        )
        soup = self.get_page(page.url)
        self.assertIn("Sin fecha (antes de 2020)", text_of(soup.select_one(".document__date")))
        self.assertIsNone(soup.select_one(".document__date time"))

    def test_member_comment_is_shown_as_plain_text(self):
        actor = make_actor(
            "Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society", acronym="ILSB",
        )
        page = make_document(
            MemberCommentPage, "Comentario del ILSB", member=actor, member_body="nucleo_promotor",
            comment='<script>alert("x")</script>\nSegunda línea <b>sin negritas</b>',
        )
        response = self.client.get(page.url)
        html = response.content.decode()
        self.assertNotIn("<script>", html)
        self.assertNotIn("<b>sin negritas</b>", html)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Segunda línea &lt;b&gt;", html)
        soup = self.get_page(page.url)
        self.assertIsNotNone(soup.select_one('.comment a[href="/actores/ilsb/"]'))
        self.assertIn("Núcleo Promotor", text_of(soup.select_one(".comment")))
        # The comment's text is the document, so the page is not a catalogue entry.
        self.assertIsNone(soup.select_one("#sin-archivo"))

    def test_video_with_a_file_plays_here_with_captions(self):
        video, captions = make_video_file(), make_captions()
        page = make_document(
            VideoPage, "Sesión inaugural", video_file=video, captions=captions,
            transcript="Buenas tardes.\nDamos inicio a la sesión.", speakers="Rudi Borrmann",
        )
        soup = self.get_page(page.url)
        player = soup.select_one("video[controls]")
        self.assertIsNotNone(player)
        self.assertEqual(player.source["src"], video.url)
        self.assertEqual(player.source["type"], "video/mp4")
        track = player.find("track")
        self.assertEqual((track["kind"], track["src"], track["srclang"]), ("captions", captions.url, "es"))
        transcript = soup.select_one("#transcripcion").parent
        self.assertIn("Damos inicio a la sesión.", text_of(transcript))
        self.assertIn("Rudi Borrmann", text_of(soup.select_one(".record")))
        self.assertIsNone(soup.select_one(".notice"), "the archive holds the video")

    def test_video_without_a_file_links_to_its_address(self):
        page = make_document(VideoPage, "Mesa de Medio ambiente", external_url="https://video.example.org/mesa")
        soup = self.get_page(page.url)
        self.assertIsNone(soup.find("video"))
        self.assertIsNotNone(soup.select_one('.video a[href="https://video.example.org/mesa"]'))

    def test_call_shows_its_status(self):
        today = timezone.localdate()
        open_call = make_document(
            CallPage, "Convocatoria abierta",
            opening_date=today - datetime.timedelta(days=3), closing_date=today + datetime.timedelta(days=3),
        )
        closed_call = make_document(
            CallPage, "Convocatoria al Grupo Asesor",
            opening_date=datetime.date(2021, 2, 4), closing_date=datetime.date(2021, 3, 26),
            results="<p>Se integraron siete personas expertas.</p>",
        )
        self.assertIn("Abierta", text_of(self.get_page(open_call.url).select_one(".status")))
        soup = self.get_page(closed_call.url)
        self.assertIn("Cerrada", text_of(soup.select_one(".status")))
        self.assertIn("Se integraron siete personas expertas.", text_of(soup))

    def test_body_renders_headings_paragraphs_and_quotes(self):
        page = make_document(
            GuidelinePage, "Lineamientos de operación",
            body=[
                ("heading", "Quién participa"),
                ("paragraph", RichText("<p>Las organizaciones del <b>Núcleo Promotor</b>.</p>")),
                ("quote", "Nada sobre nosotras sin nosotras."),
            ],
        )
        soup = self.get_page(page.url)
        body = soup.select_one(".document__body")
        self.assertEqual(body.h2.get_text(strip=True), "Quién participa")
        self.assertEqual(body.find("b").get_text(), "Núcleo Promotor")
        self.assertIn("Nada sobre nosotras sin nosotras.", body.blockquote.get_text())

    def test_related_documents_both_ways_and_never_drafts(self):
        call = make_document(CallPage, "Convocatoria a la consulta pública")
        report = make_document(ReportPage, "Análisis de las propuestas")
        draft = make_document(ReportPage, "Borrador del análisis", live=False)
        make_related(report, call, "responds_to")
        make_related(report, draft, "related")
        report_soup = self.get_page(report.url)
        related = text_of(report_soup.select_one(".related-list"))
        self.assertIn("Responde a: Convocatoria a la consulta pública", related)
        self.assertNotIn("Borrador", related)
        call_related = text_of(self.get_page(call.url).select_one(".related-list"))
        self.assertIn("Recibe respuesta de: Análisis de las propuestas", call_related)

    def test_citation_names_authors_title_and_address(self):
        actor = make_actor("Fundación Avina", slug="fundacion-avina", kind="civil_society")
        page = make_document(LetterPage, "Carta de apoyo", actors=[(actor, "author")])
        citation = text_of(self.get_page(page.url).select_one(".citation"))
        self.assertIn("Fundación Avina. «Carta de apoyo».", citation)
        # Citations give the permanent address (tests/interop covers the styles in full).
        self.assertIn(getattr(page, "permanent_url", "") or page.full_url, citation)


class ListingTests(PublicPageAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site()
        # Created out of order on purpose: listings follow the phase's order field.
        cls.consulta = make_phase(
            "Consulta pública", slug="consulta-publica", order=6,
            start_date=datetime.date(2022, 7, 5), end_date=datetime.date(2022, 9, 5),
        )
        cls.postulacion = make_phase(
            "Postulación a OGP Local", slug="postulacion", order=2, start_date=datetime.date(2020, 9, 30),
        )
        cls.antecedentes = make_phase(
            "Antecedentes", slug="antecedentes", order=1,
            start_date=datetime.date(2011, 1, 1), start_precision="year",
            end_date=datetime.date(2020, 1, 1), end_precision="year",
        )
        cls.avina = make_actor("Fundación Avina", slug="fundacion-avina", kind="civil_society")
        cls.ilsb = make_actor(
            "Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society", acronym="ILSB",
        )
        cls.info = make_actor("INFO CDMX", slug="info-cdmx", kind="guarantor")
        cls.expert = make_actor(
            "Cristina Elena Martínez Pinto", slug="cristina-martinez", kind="expert", is_person=True,
        )
        make_membership(cls.avina, "nucleo_promotor", joined=datetime.date(2020, 9, 1), joined_precision="month")
        make_membership(
            cls.ilsb, "nucleo_promotor", joined=datetime.date(2020, 9, 1), joined_precision="month",
            left=datetime.date(2022, 9, 6),
        )
        make_membership(cls.expert, "grupo_asesor", joined=datetime.date(2021, 4, 15), role="Persona experta")
        cls.axis = make_axis("Medio ambiente y cambio climático", slug="medio-ambiente", order=3)
        cls.published = make_document(
            MinutesPage, "Minuta de la mesa de Medio ambiente", phase=cls.consulta,
            actors=[cls.avina], axes=[cls.axis], date=datetime.date(2022, 11, 3),
        )
        cls.draft = make_document(
            MinutesPage, "Minuta en borrador", phase=cls.consulta, actors=[cls.avina], axes=[cls.axis], live=False,
        )
        cls.other_phase = make_document(LetterPage, "Carta de intención a OGP", phase=cls.postulacion)

    def test_home_lists_phases_in_order_with_dates(self):
        soup = self.get_page("/")
        items = soup.select(".phase-path__step")
        self.assertEqual(
            [item.a.get_text(strip=True) for item in items],
            ["Antecedentes", "Postulación a OGP Local", "Consulta pública"],
        )
        self.assertEqual(items[0].a["href"], "/etapas/antecedentes/")
        self.assertIn("2011 – 2020", text_of(items[0]))
        self.assertIn("5 de julio de 2022 – 5 de septiembre de 2022", text_of(items[2]))

    def test_home_offers_every_way_in(self):
        soup = self.get_page("/")
        self.assertEqual(len(soup.select("#tipos ~ ul a")), DocumentIndexPage.objects.count())
        self.assertIsNotNone(soup.select_one('a[href="/ejes/medio-ambiente/"]'))
        self.assertIsNotNone(soup.select_one('a[href="/actores/fundacion-avina/"]'))
        self.assertIsNotNone(soup.select_one('main form[role=search][action="/buscar/"] input[name=q]'))
        latest = text_of(soup.select_one(".doc-list"))
        self.assertIn("Minuta de la mesa de Medio ambiente", latest)
        self.assertNotIn("borrador", latest)

    def test_phase_pages(self):
        soup = self.get_page("/etapas/")
        self.assertEqual(soup.select_one(".phase-list__title").get_text(strip=True), "Antecedentes")
        soup = self.get_page("/etapas/consulta-publica/")
        self.assertEqual(soup.h1.get_text(strip=True), "Consulta pública")
        listing = text_of(soup.select_one("main"))
        self.assertIn("Minuta de la mesa de Medio ambiente", listing)
        self.assertNotIn("Minuta en borrador", listing)
        self.assertNotIn("Carta de intención a OGP", listing)
        self.assertIsNotNone(soup.select_one('.sequence a[href="/etapas/postulacion/"]'))

    def test_actor_page_lists_documents_and_membership_dates(self):
        soup = self.get_page("/actores/fundacion-avina/")
        main = text_of(soup.select_one("main"))
        self.assertIn("Minuta de la mesa de Medio ambiente", main)
        self.assertNotIn("Minuta en borrador", main)
        self.assertIn("Núcleo Promotor", main)
        self.assertIn("septiembre de 2020", main)
        former = text_of(self.get_page("/actores/ilsb/").select_one(".membership-list"))
        self.assertIn("Integrante de septiembre de 2020 a 6 de septiembre de 2022", former)
        self.assertIn("Ya no forma parte", former)

    def test_actor_list_groups_bodies_and_shows_former_members(self):
        soup = self.get_page("/actores/")
        headings = [h.get_text(strip=True) for h in soup.select("main h2")]
        self.assertEqual(headings, ["Núcleo Promotor", "Grupo Asesor", "Órgano garante"])
        nucleo = soup.find(id="nucleo-promotor").parent
        self.assertIn("Fundación Avina", text_of(nucleo))
        former = nucleo.find("h3", string="Dejaron de participar").find_next("ul")
        self.assertIn("Instituto de Liderazgo Simone de Beauvoir (ILSB)", text_of(former))
        self.assertIn("6 de septiembre de 2022", text_of(former))
        self.assertNotIn("Fundación Avina", text_of(former))
        self.assertIn("INFO CDMX", text_of(soup.find(id="organo-garante").parent))

    def test_axis_page(self):
        soup = self.get_page("/ejes/medio-ambiente/")
        main = text_of(soup.select_one("main"))
        self.assertIn("Minuta de la mesa de Medio ambiente", main)
        self.assertNotIn("Minuta en borrador", main)

    def test_kind_listing_shows_only_its_published_documents(self):
        soup = self.get_page(self.published.get_parent().url)
        item = soup.select_one(".doc-item")
        self.assertEqual(item.a["href"], self.published.url)
        self.assertIn("Minuta", text_of(item))
        self.assertIn("3 de noviembre de 2022", text_of(item))
        self.assertIn("Etapa: Consulta pública", text_of(item))
        self.assertIn("Resumen en lenguaje sencillo", text_of(item))
        self.assertNotIn("Minuta en borrador", text_of(soup))

    def test_unknown_slugs_give_404(self):
        for url in ("/etapas/no-existe/", "/actores/no-existe/", "/ejes/no-existe/"):
            with self.subTest(url=url):
                self.get_page(url, status=404)


class PaginationTests(PublicPageAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.phase = make_phase("Mesas de cocreación", slug="mesas", order=8)
        for day in range(1, 6):
            cls.listing_url = make_document(
                PresentationPage, f"Presentación del día {day}", date=datetime.date(2022, 11, day), phase=cls.phase,
            ).get_parent().url

    def test_kind_listing_paginates(self):
        with mock.patch.object(DocumentIndexPage, "page_size", 2):
            first = self.get_page(self.listing_url)
            self.assertEqual(len(first.select(".doc-item")), 2)
            self.assertEqual(first.select_one(".doc-item a").get_text(), "Presentación del día 5")
            nav = first.select_one("nav.pagination")
            self.assertEqual(nav["aria-label"], "Páginas de resultados")
            self.assertEqual(nav.select_one("[aria-current=page]").get_text(" ", strip=True), "Página 1")
            self.assertEqual(nav.select_one("a[rel=next]")["href"], f"{self.listing_url}?pagina=2")
            last = self.get_page(f"{self.listing_url}?pagina=3")
            self.assertEqual([a.get_text() for a in last.select(".doc-item__title a")], ["Presentación del día 1"])
            self.assertIsNone(last.select_one("a[rel=next]"))

    def test_bad_page_numbers_fall_back_to_the_first_page(self):
        with mock.patch.object(DocumentIndexPage, "page_size", 2):
            for query in ("?pagina=abc", "?pagina=999", "?pagina=-1", "?pagina=0", "?pagina="):
                with self.subTest(query=query):
                    soup = self.get_page(self.listing_url + query)
                    self.assertEqual(soup.select_one(".doc-item a").get_text(), "Presentación del día 5")

    def test_taxonomy_pages_paginate(self):
        with mock.patch.object(taxonomy_views, "PAGE_SIZE", 2):
            soup = self.get_page("/etapas/mesas/?pagina=2")
            self.assertEqual(len(soup.select(".doc-item")), 2)
            self.assertEqual(soup.select_one(".doc-item a").get_text(), "Presentación del día 3")
            self.get_page("/etapas/mesas/?pagina=abc")
            self.get_page("/etapas/mesas/?pagina=999")

    def test_single_page_has_no_pagination(self):
        self.assertIsNone(self.get_page(self.listing_url).select_one("nav.pagination"))


class ErrorPageTests(PublicPageAssertions, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_unknown_address_gives_a_spanish_404_with_a_search_box(self):
        soup = self.get_page("/esta-pagina-no-existe/", status=404)
        self.assertEqual(soup.h1.get_text(strip=True), "No encontramos esta página")
        form = soup.select_one("main form[role=search]")
        self.assertEqual((form["action"], form["method"]), ("/buscar/", "get"))
        self.assertIsNotNone(form.select_one("input[name=q]"))
        self.assertIn("Página no encontrada", soup.title.get_text())

    def test_server_error_page_needs_no_database(self):
        html = render_to_string("500.html")
        self.assertIn("Algo salió mal", html)
        self.assertIn('lang="es"', html)
        request = RequestFactory().get("/")
        with self.assertNumQueries(0):
            response = server_error(request)
        self.assertEqual(response.status_code, 500)
        self.assertIn("Algo salió mal", response.content.decode())
