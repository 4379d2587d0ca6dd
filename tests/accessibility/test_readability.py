"""The editor's plain-language check: scores in numbers and words, long sentences, jargon."""

import json

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from archive.demo.glossary import load_glossary
from archive.glossary.marking import Glossary
from archive.pages.models import LetterPage
from archive.plainlanguage.readability import (
    FERNANDEZ_HUERTA_SCALE,
    INFLESZ_SCALE,
    LONG_SENTENCE_WORDS,
    html_to_text,
    label_for,
    score,
    split_sentences,
    stream_text,
)
from tests.factories import make_document, make_site

PLAIN = (
    "El Núcleo Promotor se reunió cada viernes durante casi dos años. "
    "Preparó la convocatoria del Grupo Asesor y las reglas de trabajo."
)
HARD = (
    "Derivado de la implementación de los lineamientos metodológicos establecidos por el Secretariado "
    "Técnico Local, se llevó a cabo la sistematización de las propuestas ciudadanas recibidas durante la "
    "consulta pública con la finalidad de coadyuvar a la identificación de problemáticas prioritarias."
)


class ScoreTests(SimpleTestCase):
    def test_a_plain_text_scores_easy(self):
        result = score(PLAIN)
        self.assertEqual(result.sentences, 2)
        self.assertEqual(result.words, 22)
        self.assertEqual(result.average_sentence_length, 11.0)
        self.assertGreaterEqual(result.szigriszt_pazos, 65)
        self.assertEqual(result.inflesz_label, "bastante fácil")
        self.assertGreaterEqual(result.fernandez_huerta, 80)
        self.assertEqual(result.fernandez_huerta_label, "fácil")
        self.assertEqual(result.long_sentences, [])
        self.assertFalse(result.below(55))

    def test_a_bureaucratic_text_scores_hard_and_says_why(self):
        result = score(HARD)
        self.assertLess(result.szigriszt_pazos, 40)
        self.assertEqual(result.inflesz_label, "muy difícil")
        self.assertEqual(result.fernandez_huerta_label, "muy difícil")
        self.assertTrue(result.below(55))
        [long] = result.long_sentences
        self.assertGreater(long.words, LONG_SENTENCE_WORDS)
        plainer = {j.text: j.explanation for j in result.jargon if j.kind == "plainer"}
        self.assertEqual(plainer["coadyuvar"], "Mejor: ayudar, colaborar")
        self.assertIn("derivado de", plainer)
        self.assertIn("con la finalidad de", plainer)

    def test_scores_match_textstat_in_spanish(self):
        import textstat

        textstat.set_lang("es")
        result = score(PLAIN)
        self.assertAlmostEqual(result.fernandez_huerta, textstat.fernandez_huerta(PLAIN), delta=0.1)
        self.assertAlmostEqual(result.szigriszt_pazos, textstat.szigriszt_pazos(PLAIN), delta=0.1)

    def test_scales_read_in_words(self):
        self.assertEqual(label_for(95, FERNANDEZ_HUERTA_SCALE), "muy fácil")
        self.assertEqual(label_for(62, FERNANDEZ_HUERTA_SCALE), "normal")
        self.assertEqual(label_for(10, FERNANDEZ_HUERTA_SCALE), "muy difícil")
        self.assertEqual(label_for(85, INFLESZ_SCALE), "muy fácil")
        self.assertEqual(label_for(55, INFLESZ_SCALE), "normal")
        self.assertEqual(label_for(54.9, INFLESZ_SCALE), "algo difícil")
        self.assertEqual(label_for(39, INFLESZ_SCALE), "muy difícil")

    def test_empty_or_tiny_texts_are_not_scored(self):
        for text in ("", "   ", "Hola."):
            result = score(text)
            self.assertIsNone(result.szigriszt_pazos)
            self.assertFalse(result.below(55))

    def test_sentences_end_at_stops_and_line_breaks(self):
        text = "¿Quién convocó? La ADIP. Después, el INFO CDMX publicó 3 minutas.\nTítulo sin punto\n- un punto de lista"
        self.assertEqual(
            split_sentences(text),
            ["¿Quién convocó?", "La ADIP.", "Después, el INFO CDMX publicó 3 minutas.", "Título sin punto",
             "- un punto de lista"],
        )

    def test_rich_text_and_streamfield_become_sentences(self):
        self.assertEqual(html_to_text("<h2>Uno</h2><p>Dos<br>tres</p><ul><li>cuatro</li></ul>").split(),
                         ["Uno", "Dos", "tres", "cuatro"])


class JargonFromGlossaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_glossary()

    def test_glossary_terms_are_listed_once_with_their_meaning(self):
        result = score("La ADIP y el STT hablaron. La ADIP firmó.", Glossary.load())
        terms = [(j.text, j.kind) for j in result.jargon]
        self.assertEqual(terms, [("ADIP", "glossary"), ("STT", "glossary")])
        self.assertTrue(result.jargon[0].explanation.startswith("Agencia Digital de Innovación Pública."))
        self.assertEqual(result.jargon[0].url, "/glosario/#adip")

    def test_a_documents_body_is_read_as_text(self):
        page = make_document(LetterPage, "Carta", body=[
            {"type": "heading", "value": "Qué pidió"},
            {"type": "paragraph", "value": "<p>Pidió <b>ayuda</b>.</p><ul><li>Una cosa</li></ul>"},
            {"type": "quote", "value": "Gracias."},
        ])
        self.assertEqual(stream_text(page.body).split("\n"), ["Qué pidió", "Pidió ayuda.", "Una cosa", "", "Gracias."])


class ScoreEndpointTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        load_glossary()
        cls.editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "x")

    def post(self, data, **extra):
        return self.client.post(reverse("plainlanguage_score"), json.dumps(data), content_type="application/json",
                                **extra)

    def test_editors_get_scores_for_summary_and_body(self):
        self.client.force_login(self.editor)
        response = self.post({"summary": HARD, "body": PLAIN + " La ADIP ayudó."})
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["threshold"], 55)
        self.assertTrue(data["summary_below_threshold"])
        self.assertEqual(data["summary"]["inflesz_label"], "muy difícil")
        self.assertEqual(len(data["summary"]["long_sentences"]), 1)
        self.assertIn(data["body"]["inflesz_label"], {"bastante fácil", "muy fácil"})
        self.assertFalse(data["body"]["long_sentences"])
        self.assertIn("ADIP", [j["text"] for j in data["body"]["jargon"]])

    def test_the_threshold_is_a_setting(self):
        self.client.force_login(self.editor)
        with self.settings(PLAIN_LANGUAGE_SUMMARY_MIN_SCORE=80):
            data = self.post({"summary": PLAIN}).json()
        self.assertEqual(data["threshold"], 80)
        self.assertTrue(data["summary_below_threshold"])

    def test_bad_requests_are_refused_plainly(self):
        self.client.force_login(self.editor)
        response = self.client.post(reverse("plainlanguage_score"), "{no es json", content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.client.get(reverse("plainlanguage_score")).status_code, 405)

    def test_only_signed_in_editors_may_use_it(self):
        response = self.post({"summary": PLAIN})
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_the_page_editor_loads_the_live_check(self):
        self.client.force_login(self.editor)
        page = make_document(LetterPage, "Carta")
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        self.assertIn('src="/static/admin-js/plain-language.js"', html)
        self.assertIn('data-endpoint="/admin/lenguaje-sencillo/puntuar/"', html)
        self.assertIn('data-threshold="55"', html)
