"""The admin refuses bad records with a clear message in Spanish and saves nothing."""

import datetime

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import querydict_from_html

from archive.attachments.models import ArchiveDocument
from archive.pages.models import CallPage, LetterPage, MinutesPage
from tests.factories import index_for, make_site, minimal_pdf


def error_messages(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(p.get_text(" ").split()) for p in soup.select(".error-message")]


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "contraseña")

    def setUp(self):
        self.client.force_login(self.editor)


class PageValidationTests(AdminTestCase):
    def post_new_page(self, kind, publish=True, **fields):
        """Fill the admin's add form as an editor would and submit it."""
        parent = index_for(kind)
        url = reverse("wagtailadmin_pages:add", args=["pages", kind._meta.model_name, parent.pk])
        form = self.client.get(url)
        self.assertEqual(form.status_code, 200)
        data = querydict_from_html(form.content.decode(), form_id="page-edit-form").copy()
        data["body-count"] = "0"  # the StreamField's own inputs are drawn by JavaScript
        data.update({"title": "Documento de prueba", "slug": "documento-de-prueba", "summary": "Un resumen breve."})
        data.update(fields)
        if publish:
            data["action-publish"] = "action-publish"
        return self.client.post(url, data)

    def assert_refused(self, response, message):
        self.assertEqual(response.status_code, 400, "the form comes back with its errors, answering 400")
        self.assertIn(message, " ".join(error_messages(response)))
        self.assertFalse(Page.objects.filter(slug="documento-de-prueba").exists())

    def test_a_valid_document_is_accepted(self):
        response = self.post_new_page(LetterPage, date="2021-03-01")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(LetterPage.objects.filter(slug="documento-de-prueba", live=True).exists())

    def test_a_document_without_summary_is_refused(self):
        for publish in (True, False):
            with self.subTest(publish=publish):
                response = self.post_new_page(LetterPage, publish=publish, summary="   ", date="2021-03-01")
                self.assert_refused(response, "Escribe un resumen en lenguaje sencillo")

    def test_a_call_closing_before_it_opens_is_refused(self):
        response = self.post_new_page(
            CallPage, date="2021-02-04", opening_date="2021-03-26", closing_date="2021-02-04",
        )
        self.assert_refused(response, "La fecha de cierre no puede ser anterior a la de apertura.")

    def test_minutes_dated_in_the_future_are_refused(self):
        future = timezone.localdate() + datetime.timedelta(days=30)
        response = self.post_new_page(MinutesPage, date=future.isoformat())
        self.assert_refused(response, "la fecha no puede ser futura")


class FileValidationTests(AdminTestCase):
    def upload(self, name, content):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": name,
                "file": SimpleUploadedFile(name, content),
                "collection": Collection.get_first_root_node().pk,
                "language": "es",
            },
        )

    def assert_refused(self, response, message):
        self.assertEqual(response.status_code, 400, "the form comes back with its errors, answering 400")
        self.assertIn(message, " ".join(error_messages(response)))
        self.assertEqual(ArchiveDocument.objects.count(), 0)

    def test_a_pdf_is_accepted(self):
        response = self.upload("minuta.pdf", minimal_pdf("Minuta"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ArchiveDocument.objects.get().format_key, "pdf")

    def test_an_html_page_renamed_pdf_is_refused(self):
        response = self.upload("minuta.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
        self.assert_refused(response, "El archivo es una página web (HTML).")

    def test_a_program_is_refused(self):
        program = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120
        with self.subTest("by its extension"):
            self.assert_refused(self.upload("instalador.exe", program), "El archivo es un programa ejecutable")
        with self.subTest("renamed .pdf"):
            self.assert_refused(self.upload("instalador.pdf", program), "El archivo es un programa ejecutable")
