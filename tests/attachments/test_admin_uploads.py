"""Uploads through the admin's real views: what is refused and why, size
limits per kind of file, and what the editor is told about a file's text."""

import tempfile

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Collection

from archive.attachments.models import ArchiveDocument, TextStatus
from tests.factories import minimal_pdf
from tests.pages.test_validation import AdminTestCase, error_messages

from .samples import ACCEPTED, PNG, REFUSED, SAFE_SVG, damaged_pdf, encrypted_pdf

MB = 1024 * 1024


def page_text(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def field_errors(response):
    return " ".join(error_messages(response))


class UploadTestCase(AdminTestCase):
    def add(self, name, content, follow=False):
        return self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": name,
                "file": SimpleUploadedFile(name, content),
                "collection": Collection.get_first_root_node().pk,
                "language": "es",
            },
            follow=follow,
        )

    def add_multiple(self, name, content):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def edit(self, document, name, content, follow=False):
        return self.client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": document.title,
                "file": SimpleUploadedFile(name, content),
                "collection": document.collection_id,
                "language": "es",
            },
            follow=follow,
        )


class RefusalTests(UploadTestCase):
    def test_each_refused_kind_of_file_says_what_it_is_and_nothing_is_stored(self):
        for name, content, message in REFUSED:
            with self.subTest(name=name, message=message):
                response = self.add(name, content)
                self.assertEqual(response.status_code, 400, "the form comes back with its errors, answering 400")
                self.assertIn(message, field_errors(response))
                self.assertFalse(ArchiveDocument.objects.exists())

    def test_the_multiple_upload_refuses_with_the_same_message(self):
        for name, content, message in REFUSED[::3]:
            with self.subTest(name=name):
                data = self.add_multiple(name, content)
                self.assertFalse(data["success"])
                self.assertIn(message, data["error_message"])
                self.assertFalse(ArchiveDocument.objects.exists())

    def test_replacing_a_file_with_a_refused_one_keeps_the_old_file(self):
        self.add("acta.pdf", minimal_pdf("Acta de la primera sesión"))
        document = ArchiveDocument.objects.get()
        old_name, old_sha = document.file.name, document.sha256
        response = self.edit(document, "acta.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
        self.assertEqual(response.status_code, 400)
        self.assertIn("El archivo es una página web (HTML)", field_errors(response))
        document.refresh_from_db()
        self.assertEqual((document.file.name, document.sha256), (old_name, old_sha))
        self.assertEqual(document.text_pages, ["Acta de la primera sesión"])

    def test_accepted_formats_are_told_by_content(self):
        for name, content, key in ACCEPTED:
            with self.subTest(name=name):
                response = self.add(name, content)
                self.assertEqual(response.status_code, 302, field_errors(response))
                self.assertEqual(ArchiveDocument.objects.latest("pk").format_key, key)

    def test_a_file_misnamed_gets_the_extension_of_its_content(self):
        self.add("acta.docx", minimal_pdf("Acta"))
        self.add("sin-extension", PNG)
        names = sorted(d.file.name.rsplit("/", 1)[-1] for d in ArchiveDocument.objects.all())
        self.assertEqual([n.rsplit(".", 1)[-1] for n in names], ["pdf", "png"])
        self.assertTrue(names[0].startswith("acta"))


class SvgServingTests(UploadTestCase):
    def test_an_accepted_svg_is_always_a_download_never_shown_from_our_origin(self):
        # Served from disk, as in production: the in-memory storage of the tests cannot be served.
        with tempfile.TemporaryDirectory() as media, override_settings(
            MEDIA_ROOT=media,
            STORAGES={**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}},
        ):
            for number, name in enumerate(("logo.svg", "logo.txt")):
                with self.subTest(name=name):
                    # Two different drawings: the same bytes twice would be one stored file.
                    content = SAFE_SVG.replace(b'width="10"', b'width="1%d"' % number)
                    self.assertEqual(self.add(name, content).status_code, 302)
                    document = ArchiveDocument.objects.latest("pk")
                    self.assertTrue(document.filename.endswith(".svg"))
                    # Not yet on any public document: only its editors may download it (archive/security).
                    response = self.client.get(document.url)
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn(response["Content-Type"], ("text/html", "image/svg+xml"))
                    self.assertTrue(response["Content-Disposition"].startswith("attachment"))
                    self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                    # Read through the client (not response.close(), which would close the database connection).
                    self.assertEqual(b"".join(response.streaming_content), content)


class SizeLimitTests(UploadTestCase):
    limits = {"document": 2048, "data": MB, "text": 40, "captions": MB, "image": 30 * MB, "video": 200 * MB}

    @override_settings(ARCHIVE_UPLOAD_LIMITS=limits)
    def test_each_family_has_its_own_limit_and_the_message_says_both_sizes(self):
        pdf = minimal_pdf(*["Texto de la página"] * 12)
        self.assertGreater(len(pdf), 2048)
        response = self.add("informe.pdf", pdf)
        self.assertEqual(response.status_code, 400)
        size = len(pdf) / 1024
        self.assertIn(f"El archivo pesa {size:.1f} KB; para documentos el máximo es 2 KB.".replace(".", ",", 1), field_errors(response))
        response = self.add("notas.txt", b"x" * 41)
        self.assertIn("El archivo pesa 41 bytes; para texto plano el máximo es 40 bytes.", field_errors(response))
        self.assertFalse(ArchiveDocument.objects.exists())
        # The same sizes pass in a family whose limit is larger.
        self.assertEqual(self.add("imagen.png", PNG + b"\x00" * 3000).status_code, 302)
        self.assertEqual(self.add("notas-cortas.txt", b"x" * 40).status_code, 302)
        self.assertEqual(ArchiveDocument.objects.count(), 2)

    @override_settings(ARCHIVE_UPLOAD_LIMITS={**limits, "video": MB})
    def test_video_message_in_megabytes(self):
        video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42" + b"\x00" * (3 * MB)
        data = self.add_multiple("sesion.mp4", video)
        self.assertFalse(data["success"])
        self.assertEqual(data["error_message"], "El archivo pesa 3 MB; para video el máximo es 1 MB.")
        self.assertFalse(ArchiveDocument.objects.exists())

    @override_settings(ARCHIVE_UPLOAD_LIMITS={**limits, "document": 100})
    def test_a_stored_file_is_not_judged_again_when_its_title_changes(self):
        with override_settings(ARCHIVE_UPLOAD_LIMITS=self.limits):
            self.add("acta.pdf", minimal_pdf("Acta"))
        document = ArchiveDocument.objects.get()
        response = self.client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {"title": "Acta corregida", "collection": document.collection_id, "language": "es"},
        )
        self.assertEqual(response.status_code, 302, field_errors(response))
        document.refresh_from_db()
        self.assertEqual(document.title, "Acta corregida")


class TextStatusTests(UploadTestCase):
    def test_a_readable_pdf_gets_its_text_page_count_and_thumbnail(self):
        response = self.add("minuta.pdf", minimal_pdf("Orden del día", "Acuerdos", "Firmas"), follow=True)
        document = ArchiveDocument.objects.get()
        self.assertEqual(document.text_status, TextStatus.EXTRACTED)
        self.assertEqual(document.page_count, 3)
        self.assertTrue(document.thumbnail)
        self.assertLessEqual(document.thumbnail_width, 240)
        self.assertGreater(document.thumbnail_height, document.thumbnail_width)  # a portrait page
        self.assertNotIn("no se indexa", page_text(response))

    def test_an_encrypted_pdf_is_stored_marked_and_the_editor_told_why(self):
        response = self.add("cifrado.pdf", encrypted_pdf("Texto secreto del convenio"), follow=True)
        self.assertEqual(response.status_code, 200)
        document = ArchiveDocument.objects.get()
        self.assertEqual(document.text_status, TextStatus.ENCRYPTED)
        self.assertEqual(document.text_pages, [])
        self.assertFalse(document.thumbnail)
        # The listing the add view leads to: the message, and the status in its own column.
        text = page_text(response)
        self.assertIn("«Cifrado»: El PDF está cifrado; su texto no se indexa.", text)
        self.assertIn("Archivo cifrado: no se pudo leer", text)
        # And the file's edit page says it for as long as it holds.
        edit = page_text(self.client.get(reverse("wagtaildocs:edit", args=[document.pk])))
        self.assertIn("Archivo cifrado: no se pudo leer. El PDF está cifrado; su texto no se indexa.", edit)

    def test_a_damaged_pdf_is_stored_marked_and_the_editor_told_why(self):
        data = self.add_multiple("danado.pdf", damaged_pdf())
        self.assertTrue(data["success"])
        document = ArchiveDocument.objects.get()
        self.assertEqual(document.text_status, TextStatus.DAMAGED)
        self.assertFalse(document.thumbnail)
        form = " ".join(BeautifulSoup(data["form"], "html.parser").get_text(" ").split())
        self.assertIn("Archivo dañado: no se pudo leer. El PDF está dañado; su texto no se indexa.", form)

    def test_a_pdf_locked_only_against_copying_is_read(self):
        self.add("protegido.pdf", encrypted_pdf("Cronograma de sesiones", user_password=""))
        document = ArchiveDocument.objects.get()
        self.assertEqual(document.text_status, TextStatus.EXTRACTED)
        self.assertEqual(document.text_pages, ["Cronograma de sesiones"])
        self.assertTrue(document.thumbnail)

    def test_replacing_the_file_in_the_edit_view_tells_the_new_status(self):
        self.add("acta.pdf", minimal_pdf("Acta"))
        document = ArchiveDocument.objects.get()
        old_thumbnail = document.thumbnail.name
        response = self.edit(document, "acta.pdf", encrypted_pdf("Acta"), follow=True)
        self.assertIn("«Acta»: El PDF está cifrado; su texto no se indexa.", page_text(response))
        document.refresh_from_db()
        self.assertEqual(document.text_status, TextStatus.ENCRYPTED)
        self.assertFalse(document.thumbnail)
        self.assertFalse(document.thumbnail.storage.exists(old_thumbnail), "the old thumbnail is deleted")

    def test_a_scanned_pdf_without_text_is_marked_too(self):
        self.add("escaneo.pdf", minimal_pdf(""), follow=True)
        document = ArchiveDocument.objects.get()
        self.assertEqual(document.text_status, TextStatus.EMPTY)
        self.assertTrue(document.thumbnail, "a scan still has a first page to show")
