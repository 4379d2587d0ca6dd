"""verify_fixity: re-reads every file, records the date and result, fails loudly."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import timezone

from archive.attachments.models import ArchiveDocument
from archive.pages.models import ReportPage
from tests.factories import make_document, make_file, make_site, minimal_pdf


def run_command():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_fixity", stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


class VerifyFixityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.good = make_file("bueno.pdf", minimal_pdf("Bueno"))
        cls.changed = make_file("cambiado.pdf", minimal_pdf("Original"))
        cls.missing = make_file("perdido.pdf", minimal_pdf("Perdido"))

    def setUp(self):
        # Files live in the in-memory storage, which outlives each test's
        # transaction: restore their contents before every test.
        for document, text in [(self.good, "Bueno"), (self.changed, "Original"), (self.missing, "Perdido")]:
            storage = document.file.storage
            if storage.exists(document.file.name):
                storage.delete(document.file.name)
            storage.save(document.file.name, ContentFile(minimal_pdf(text)))
        ArchiveDocument.objects.update(fixity_checked_at=None, fixity_ok=None)

    def test_upload_counts_as_the_first_check(self):
        document = make_file("nuevo.pdf")
        self.assertTrue(document.fixity_ok)
        self.assertLess(timezone.now() - document.fixity_checked_at, datetime.timedelta(minutes=1))

    def test_all_intact(self):
        status, out, err = run_command()
        self.assertEqual(status, 0, err)
        self.assertIn("3 archivos comprobados; todos íntegros.", out)
        for document in ArchiveDocument.objects.all():
            self.assertTrue(document.fixity_ok)
            self.assertIsNotNone(document.fixity_checked_at)

    def test_changed_and_missing_files_are_reported_and_fail_the_command(self):
        storage = self.changed.file.storage
        storage.delete(self.changed.file.name)
        storage.save(self.changed.file.name, ContentFile(b"%PDF-1.4 otro contenido"))
        storage.delete(self.missing.file.name)
        status, out, err = run_command()
        self.assertEqual(status, 1)
        self.assertIn(f"CAMBIÓ: Cambiado ({self.changed.file.name}, archivo {self.changed.pk})", err)
        self.assertIn(f"se esperaba {self.changed.sha256}", err)
        self.assertIn(f"FALTA: Perdido ({self.missing.file.name}, archivo {self.missing.pk})", err)
        self.assertIn("2 con problemas", err)
        self.assertNotIn(self.good.file.name, out + err)
        results = {d.pk: d for d in ArchiveDocument.objects.all()}
        self.assertTrue(results[self.good.pk].fixity_ok)
        self.assertFalse(results[self.changed.pk].fixity_ok)
        self.assertFalse(results[self.missing.pk].fixity_ok)
        # The recorded checksum is kept: it is the evidence of what the file should be.
        self.assertEqual(results[self.changed.pk].sha256, self.changed.sha256)
        for document in results.values():
            self.assertIsNotNone(document.fixity_checked_at)

    def test_a_file_without_a_recorded_checksum_gets_one(self):
        ArchiveDocument.objects.filter(pk=self.good.pk).update(sha256="")
        status, out, _err = run_command()
        self.assertEqual(status, 0)
        self.assertIn(f"SIN HUELLA PREVIA: Bueno ({self.good.file.name}", out)
        self.assertEqual(ArchiveDocument.objects.get(pk=self.good.pk).sha256, self.good.sha256)


class FixityOnThePageTests(TestCase):
    def test_page_shows_checksum_and_last_check(self):
        make_site()
        document = make_file("informe.pdf", minimal_pdf("Informe"))
        page = make_document(ReportPage, "Informe con archivo", attachments=[document])
        checked = timezone.make_aware(datetime.datetime(2026, 3, 2, 12, 0))
        ArchiveDocument.objects.filter(pk=document.pk).update(fixity_checked_at=checked, fixity_ok=True)
        html = self.client.get(page.url).content.decode()
        self.assertIn(document.sha256, html)
        self.assertIn("Comprobamos la copia guardada el 2 de marzo de 2026: coincide con esta huella.", html)
        ArchiveDocument.objects.filter(pk=document.pk).update(fixity_ok=False)
        html = self.client.get(page.url).content.decode()
        self.assertIn("En la comprobación del 2 de marzo de 2026, la copia guardada no coincidía", html)
