"""Reference codes: format, series, never reused, stable across renames and republishing."""

import datetime

from django.test import TestCase

from archive.dates import DatePrecision
from archive.identifiers.models import Identifier, IdentifierSequence
from archive.identifiers.registry import assign_identifier
from archive.pages.models import CallPage, LetterPage, MinutesPage, ReportPage, VideoPage
from tests.factories import make_document, make_site


class CodeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_first_publication_mints_a_readable_code(self):
        page = make_document(MinutesPage, "Primera sesión", date=datetime.date(2022, 10, 27))
        self.assertEqual(page.reference_code, "AGA-CDMX-2022-MIN-001")
        self.assertEqual(page.permanent_path, "/id/AGA-CDMX-2022-MIN-001/")
        self.assertEqual(page.permanent_url, "http://localhost/id/AGA-CDMX-2022-MIN-001/")

    def test_each_kind_has_its_letters(self):
        expected = {CallPage: "CONV", LetterPage: "CARTA", MinutesPage: "MIN", VideoPage: "VID", ReportPage: "INF"}
        for kind, letters in expected.items():
            with self.subTest(kind=kind.__name__):
                page = make_document(kind, f"{kind.kind_label} uno", date=datetime.date(2021, 3, 1))
                self.assertEqual(page.reference_code, f"AGA-CDMX-2021-{letters}-001")

    def test_undated_documents_read_sf(self):
        page = make_document(LetterPage, "Carta sin fecha", date=None, date_precision=DatePrecision.UNKNOWN)
        self.assertEqual(page.reference_code, "AGA-CDMX-SF-CARTA-001")

    def test_numbers_follow_per_year_and_kind(self):
        a = make_document(MinutesPage, "Sesión A", date=datetime.date(2022, 1, 7))
        b = make_document(MinutesPage, "Sesión B", date=datetime.date(2022, 1, 14))
        c = make_document(MinutesPage, "Sesión C", date=datetime.date(2021, 1, 14))
        d = make_document(CallPage, "Convocatoria", date=datetime.date(2022, 1, 14))
        self.assertEqual(
            [p.reference_code for p in (a, b, c, d)],
            ["AGA-CDMX-2022-MIN-001", "AGA-CDMX-2022-MIN-002", "AGA-CDMX-2021-MIN-001", "AGA-CDMX-2022-CONV-001"],
        )

    def test_drafts_have_no_code(self):
        page = make_document(MinutesPage, "Borrador", live=False)
        self.assertEqual(page.reference_code, "")
        self.assertEqual(page.permanent_url, "")
        self.assertFalse(Identifier.objects.exists())

    def test_a_deleted_documents_code_is_never_given_again(self):
        first = make_document(MinutesPage, "Se borrará")
        code = first.reference_code
        first.delete()
        identifier = Identifier.objects.get(code=code)
        self.assertIsNone(identifier.page_id)
        second = make_document(MinutesPage, "Llega después")
        self.assertEqual(second.reference_code, "AGA-CDMX-2022-MIN-002")

    def test_a_lost_counter_restarts_after_the_codes_already_out(self):
        make_document(MinutesPage, "Uno")
        make_document(MinutesPage, "Dos")
        IdentifierSequence.objects.all().delete()
        self.assertEqual(make_document(MinutesPage, "Tres").reference_code, "AGA-CDMX-2022-MIN-003")

    def test_code_survives_renames_moves_new_dates_and_republishing(self):
        page = make_document(MinutesPage, "Sesión", date=datetime.date(2022, 10, 27))
        code = page.reference_code
        page.title, page.slug, page.date = "Sesión corregida", "sesion-corregida", datetime.date(2020, 1, 1)
        page.save_revision().publish()
        page.unpublish()
        page.refresh_from_db()
        page.save_revision().publish()
        page = MinutesPage.objects.get(pk=page.pk)
        self.assertEqual(page.reference_code, code)
        self.assertEqual(Identifier.objects.count(), 1)

    def test_assigning_twice_gives_the_same_code(self):
        page = make_document(MinutesPage, "Sesión")
        self.assertEqual(assign_identifier(page).code, assign_identifier(page).code)
        self.assertEqual(Identifier.objects.count(), 1)


class ConcurrentPublicationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_pages_published_in_a_row_get_different_codes(self):
        pages = [make_document(MinutesPage, f"Sesión {n}") for n in range(5)]
        codes = [p.reference_code for p in pages]
        self.assertEqual(len(set(codes)), 5)
        self.assertEqual(IdentifierSequence.objects.get(year_part="2022", kind_part="MIN").last_value, 5)

    def test_a_code_taken_outside_the_counter_is_skipped_not_duplicated(self):
        # A code written by hand (or by an import) that the counter does not know.
        Identifier.objects.create(code="AGA-CDMX-2022-MIN-001", year_part="2022", kind_part="MIN", sequence=1)
        IdentifierSequence.objects.create(year_part="2022", kind_part="MIN", last_value=0)
        page = make_document(MinutesPage, "Sesión")
        self.assertEqual(page.reference_code, "AGA-CDMX-2022-MIN-002")
