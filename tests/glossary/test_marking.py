"""The glossary filter marks the first use of a term, only in text, and never breaks markup."""

from django.template import Context, Template
from django.test import TestCase
from django.utils.safestring import mark_safe

from archive.demo import read_data
from archive.demo.glossary import load_glossary
from archive.glossary.marking import Glossary, Marker
from archive.glossary.models import GlossaryTerm


def marker():
    return Marker(Glossary.load(marked_only=True))


class MarkingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_glossary()

    def test_an_acronym_is_expanded_and_linked_to_its_entry(self):
        html = marker().mark("<p>La ADIP convocó.</p>")
        self.assertEqual(
            html,
            '<p>La <a class="glossary-term" href="/glosario/#adip">'
            '<abbr title="Agencia Digital de Innovación Pública">ADIP</abbr></a> convocó.</p>',
        )

    def test_a_term_is_a_definition_link(self):
        html = marker().mark("<p>Las mesas trabajaron en cocreación.</p>")
        self.assertIn('<a class="glossary-term" href="/glosario/#cocreacion"><dfn>cocreación</dfn></a>', html)

    def test_only_the_first_use_on_the_page_is_marked(self):
        terms = marker()
        summary = terms.mark("<p>La ADIP y la ADIP.</p>")
        body = terms.mark("<p>Otra vez la ADIP.</p>")
        self.assertEqual(summary.count("<abbr"), 1)
        self.assertNotIn("<abbr", body)

    def test_longest_form_wins(self):
        html = marker().mark("<p>Llegó el INFO CDMX a OGP Local.</p>")
        self.assertIn('href="/glosario/#info-cdmx"><abbr title="Instituto de Transparencia', html)
        self.assertIn('href="/glosario/#ogp-local"><dfn>OGP Local</dfn></a>', html)
        self.assertNotIn("#cdmx", html)
        self.assertNotIn('#ogp"', html)

    def test_acronyms_keep_their_case_and_words_their_boundaries(self):
        html = marker().mark("<p>El archivo stl y la palabra ADIPOSO no son siglas.</p>")
        self.assertNotIn("glossary-term", html)

    def test_terms_are_found_whatever_their_case(self):
        html = marker().mark("<p>Un Plan de Acción.</p>")
        self.assertIn("<dfn>Plan de Acción</dfn>", html)

    def test_an_english_expansion_is_marked_as_english(self):
        html = marker().mark("<p>La OGP.</p>")
        self.assertIn('<abbr title="Open Government Partnership" lang="en">OGP</abbr>', html)

    def test_links_headings_code_and_attributes_are_left_alone(self):
        source = (
            '<h2>La ADIP</h2><p><a href="/x/" title="ADIP">ADIP</a> <code>CDMX</code> '
            '<img alt="ADIP" src="a.png"></p><!-- ADIP -->'
        )
        self.assertEqual(marker().mark(source), source)

    def test_escaping_is_preserved(self):
        source = "<p>&lt;script&gt; ADIP &amp; CDMX&nbsp;<b>x</b> &#169;</p>"
        html = marker().mark(source)
        self.assertIn("&lt;script&gt; ", html)
        self.assertIn("&amp; ", html)
        self.assertIn("&nbsp;<b>x</b> &#169;</p>", html)
        self.assertNotIn("<script", html)

    def test_markup_is_balanced_after_marking(self):
        from html.parser import HTMLParser

        class Counter(HTMLParser):
            def __init__(self):
                super().__init__()
                self.depth = 0

            def handle_starttag(self, tag, attrs):
                self.depth += 1

            def handle_endtag(self, tag):
                self.depth -= 1

        counter = Counter()
        counter.feed(marker().mark("<div><p>ADIP, STT, STL, NOSC, CDMX, ILSB y el Grupo Asesor.</p></div>"))
        self.assertEqual(counter.depth, 0)

    def test_a_term_not_to_mark_is_left_alone(self):
        GlossaryTerm.objects.filter(slug="adip").update(mark_in_documents=False)
        self.assertNotIn("glossary-term", marker().mark("<p>La ADIP.</p>"))

    def test_the_filter_escapes_plain_text_first(self):
        template = Template("{% load glossary_tags %}{{ text|glossary }}")
        html = template.render(Context({"text": "<b>ADIP</b>"}))
        self.assertTrue(html.startswith("&lt;b&gt;"))
        self.assertIn("<abbr", html)
        safe = template.render(Context({"text": mark_safe("<b>ADIP</b>")}))
        self.assertTrue(safe.startswith("<b><a class=\"glossary-term\""))

    def test_the_demo_glossary_covers_the_domain_terms(self):
        terms = {entry["term"] for entry in read_data("glossary")}
        for expected in ("AGA", "OGP", "ADIP", "INFO CDMX", "ILSB", "STT", "STL", "NOSC", "CDMX",
                         "Núcleo Promotor", "Grupo Asesor", "cocreación", "plan de acción", "gobierno abierto"):
            self.assertIn(expected, terms)

    def test_loading_the_glossary_twice_changes_nothing(self):
        from archive.demo.upsert import CREATED, UPDATED, Tally

        tally = Tally()
        load_glossary(tally)
        self.assertEqual((tally.total(CREATED), tally.total(UPDATED)), (0, 0))
        self.assertEqual(GlossaryTerm.objects.count(), len(read_data("glossary")))
