"""Accessible HTML versions of files: structure guessed from the extracted text, public files only."""

import datetime

from bs4 import BeautifulSoup
from django.test import SimpleTestCase, TestCase
from wagtail.models import PageViewRestriction

from archive.accessibility.structure import heading_level, structure
from archive.pages.models import ReportPage, VideoPage
from tests.factories import make_captions, make_document, make_file, make_site, make_video_file, minimal_pdf


def blocks_of(*pages):
    return [(b.kind, b.level if b.kind == "heading" else None, b.text or b.items)
            for page in structure(list(pages)) for b in page.blocks]


class StructureTests(SimpleTestCase):
    def test_capitals_and_numbered_lines_are_headings(self):
        text = (
            "PRESENTACIÓN\n"
            "Este documento explica el proceso de cocreación de la Ciudad de México y lo que se\n"
            "acordó en cada etapa del trabajo.\n"
            "1. Antecedentes\n"
            "La Ciudad se postuló en 2020.\n"
            "1.1 Postulación a OGP Local\n"
            "La postulación se envió el 30 de septiembre."
        )
        self.assertEqual(blocks_of(text), [
            ("heading", 2, "PRESENTACIÓN"),
            ("paragraph", None, "Este documento explica el proceso de cocreación de la Ciudad de México y lo "
                                "que se acordó en cada etapa del trabajo."),
            ("heading", 2, "1. Antecedentes"),
            ("paragraph", None, "La Ciudad se postuló en 2020."),
            ("heading", 3, "1.1 Postulación a OGP Local"),
            ("paragraph", None, "La postulación se envió el 30 de septiembre."),
        ])

    def test_bullets_are_lists_and_hyphenated_words_are_joined(self):
        text = (
            "Se acordó lo siguiente para el trabajo de las mesas de cocreación y sus partici-\n"
            "pantes durante el año.\n"
            "• Publicar las minutas\n"
            "en formato abierto.\n"
            "• Revisar los compromisos.\n"
        )
        self.assertEqual(blocks_of(text), [
            ("paragraph", None, "Se acordó lo siguiente para el trabajo de las mesas de cocreación y sus "
                                "participantes durante el año."),
            ("list", None, ["Publicar las minutas en formato abierto.", "Revisar los compromisos."]),
        ])

    def test_a_short_line_that_closes_a_sentence_ends_its_paragraph(self):
        text = (
            "La primera sesión del Núcleo Promotor se celebró en línea con todas las organizaciones.\n"
            "Asistieron doce personas.\n"
            "La segunda sesión se celebró una semana después con las mismas organizaciones y personas."
        )
        self.assertEqual([kind for kind, _, _ in blocks_of(text)], ["paragraph", "paragraph"])

    def test_running_headers_and_page_numbers_are_dropped(self):
        texts = ["La ADIP convocó.", "El Núcleo Promotor se reunió.", "Hubo una consulta.", "Se suspendió."]
        pages = [f"Memoria del proceso 2020-2023\n{text}\nPágina {n} de 4" for n, text in enumerate(texts, 1)]
        self.assertEqual(blocks_of(*pages), [("paragraph", None, text) for text in texts])

    def test_headings_never_skip_a_level(self):
        self.assertEqual([level for _, level, _ in blocks_of("2.1.1 Detalle del eje\nTexto.")][:1], [2])

    def test_sentences_and_lowercase_lines_are_not_headings(self):
        for line in ("La ADIP convocó a la sesión.", "de la Ciudad de México", "Participantes:",
                     "- un punto", "20 de octubre de 2022"):
            self.assertIsNone(heading_level(line), line)

    def test_a_line_alone_is_a_title_unless_it_reads_like_a_sign_off(self):
        self.assertEqual(heading_level("Núcleo Promotor", alone=True), 3)
        for line in ("Ciudad de México, 2023", "Estado Abierto / Info CDMX", "@Estado_Abierto"):
            self.assertIsNone(heading_level(line, alone=True), line)

    def test_every_word_is_kept_in_order(self):
        text = "INTRODUCCIÓN\nUna línea que sigue\nen la siguiente.\n\n• uno\n• dos\n2. Segundo Tema\nFin."
        words = []
        for kind, _, content in blocks_of(text):
            words += (" ".join(content) if kind == "list" else content).split()
        self.assertEqual(words, text.replace("•", "").split())


class AccessibleVersionPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.pdf = make_file("memoria.pdf", minimal_pdf("PRESENTACION", "Texto de la segunda pagina."), title="Memoria")
        cls.page = make_document(ReportPage, "Memoria del proceso", attachments=[cls.pdf])

    def test_the_document_links_its_accessible_version(self):
        soup = BeautifulSoup(self.client.get(self.page.url).content.decode(), "html.parser")
        link = soup.find("a", href=f"/documentos/{self.pdf.pk}/version-accesible/")
        self.assertIsNotNone(link)
        self.assertEqual(" ".join(link.get_text(" ").split()), "Versión accesible de Memoria")

    def test_the_version_keeps_headings_paragraphs_and_pages(self):
        response = self.client.get(f"/documentos/{self.pdf.pk}/version-accesible/")
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        self.assertEqual(soup.html["lang"], "es")
        self.assertEqual(soup.h1.get_text(), "Memoria")
        text = soup.select_one(".accessible-version__text")
        self.assertEqual(text.h2.get_text(), "PRESENTACION")
        self.assertEqual(text.find("p", class_=False).get_text(), "Texto de la segunda pagina.")
        self.assertEqual([p["id"] for p in text.select(".page-break")], ["pagina-1", "pagina-2"])
        self.assertIsNotNone(soup.find("a", href=self.page.url))
        self.assertIsNotNone(soup.find("a", href=self.pdf.url))

    def test_a_file_in_another_language_says_so(self):
        english = make_file("report.pdf", minimal_pdf("Report of the session."))
        english.language = "en"
        english.save()
        make_document(ReportPage, "Informe en inglés", attachments=[english])
        soup = BeautifulSoup(self.client.get(f"/documentos/{english.pk}/version-accesible/").content.decode(),
                             "html.parser")
        self.assertEqual(soup.select_one(".accessible-version__text p:not(.page-break)")["lang"], "en")

    def test_on_english_pages_the_spanish_text_is_marked_spanish(self):
        # A screen reader reading the English interface must switch to Spanish for the file's words,
        # and a file already in English needs no mark there.
        soup = BeautifulSoup(self.client.get(f"/en/documentos/{self.pdf.pk}/version-accesible/").content.decode(),
                             "html.parser")
        self.assertEqual(soup.html["lang"], "en")
        self.assertEqual(soup.select_one(".accessible-version__text p:not(.page-break)")["lang"], "es")
        english = make_file("report.pdf", minimal_pdf("Report of the session."))
        english.language = "en"
        english.save()
        make_document(ReportPage, "Informe en inglés", attachments=[english])
        soup = BeautifulSoup(self.client.get(f"/en/documentos/{english.pk}/version-accesible/").content.decode(),
                             "html.parser")
        self.assertFalse(soup.select_one(".accessible-version__text p:not(.page-break)").has_attr("lang"))

    def test_files_of_drafts_restricted_pages_or_without_text_have_none(self):
        draft_file = make_file("borrador.pdf")
        make_document(ReportPage, "Borrador", live=False, attachments=[draft_file])
        private_file = make_file("privado.pdf")
        private = make_document(ReportPage, "Privado", attachments=[private_file])
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        video, captions = make_video_file(), make_captions()
        make_document(ReportPage, "Con subtítulos", attachments=[captions, video])
        for document in (draft_file, private_file, captions, video):
            with self.subTest(document.title):
                self.assertEqual(self.client.get(f"/documentos/{document.pk}/version-accesible/").status_code, 404)
        self.assertEqual(self.client.get("/documentos/999999/version-accesible/").status_code, 404)


class VideoRulesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_a_video_the_archive_plays_needs_captions_or_a_transcript(self):
        from django.core.exceptions import ValidationError

        page = VideoPage(title="Sesión", summary="Una sesión.", date=datetime.date(2022, 11, 8), video_file=make_video_file())
        with self.assertRaises(ValidationError) as refused:
            page.clean()
        self.assertIn("subtítulos (archivo WebVTT) o escribe su transcripción", str(refused.exception))
        page.transcript = "Buenas tardes."
        page.clean()
        page.transcript, page.captions = "", make_captions()
        page.clean()

    def test_a_video_only_linked_elsewhere_is_not_ours_to_caption(self):
        VideoPage(title="Sesión", summary="Una sesión.", date=datetime.date(2022, 11, 8), external_url="https://video.example.org/x").clean()
