"""The same file uploaded twice is one file; a file's title reads better than its name."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from wagtail.models import Collection

from archive.attachments.models import ArchiveDocument
from tests.factories import minimal_pdf

from .test_admin_uploads import UploadTestCase, field_errors


def pdf_titled(title, text="Acuerdos de la sesión"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf(text))))
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class DuplicateFiles(UploadTestCase):
    def test_the_same_pdf_twice_is_refused_naming_the_stored_one(self):
        content = minimal_pdf("Minuta de prueba")
        self.assertEqual(self.add("minuta-prueba.pdf", content).status_code, 302)
        stored = ArchiveDocument.objects.get()
        # Same bytes under another name: recognised by its SHA-256, not its name.
        response = self.add("otra-copia.pdf", content)
        self.assertEqual(response.status_code, 400)
        self.assertIn(f"Este archivo ya está en el archivo como «{stored.title}» (número {stored.pk})",
                      field_errors(response))
        self.assertEqual(ArchiveDocument.objects.count(), 1)

    def test_the_multiple_upload_refuses_the_copy_too(self):
        content = minimal_pdf("Minuta de prueba")
        self.add_multiple("minuta-prueba.pdf", content)
        answer = self.add_multiple("minuta-prueba.pdf", content)
        self.assertFalse(answer["success"])
        self.assertIn("Este archivo ya está en el archivo", json.dumps(answer, ensure_ascii=False))
        self.assertEqual(ArchiveDocument.objects.count(), 1)

    def test_a_different_file_with_the_same_name_is_stored(self):
        self.add("minuta-prueba.pdf", minimal_pdf("Primera"))
        self.add("minuta-prueba.pdf", minimal_pdf("Segunda"))
        self.assertEqual(ArchiveDocument.objects.count(), 2)

    def test_uploading_in_the_chooser_picks_the_stored_copy(self):
        content = minimal_pdf("Minuta de prueba")
        self.add("minuta-prueba.pdf", content)
        stored = ArchiveDocument.objects.get()
        response = self.client.post(
            reverse("wagtaildocs_chooser:create"),
            {"document-chooser-upload-title": "minuta-prueba",
             "document-chooser-upload-file": SimpleUploadedFile("minuta-prueba.pdf", content),
             "document-chooser-upload-collection": Collection.get_first_root_node().pk,
             "document-chooser-upload-language": "es"},
        )
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(answer["step"], "chosen")
        self.assertEqual(str(answer["result"]["id"]), str(stored.pk))
        self.assertEqual(ArchiveDocument.objects.count(), 1)

    def test_replacing_a_file_with_itself_is_not_a_duplicate(self):
        content = minimal_pdf("Minuta de prueba")
        self.add("minuta-prueba.pdf", content)
        stored = ArchiveDocument.objects.get()
        self.assertEqual(self.edit(stored, "minuta-prueba.pdf", content).status_code, 302)


class TitlesFromTheFile(UploadTestCase):
    def test_a_pdf_titled_in_its_metadata_takes_that_title(self):
        self.add("minuta-prueba.pdf", pdf_titled("Minuta de la tercera sesión del Núcleo Promotor"))
        self.assertEqual(ArchiveDocument.objects.get().title, "Minuta de la tercera sesión del Núcleo Promotor")

    def test_otherwise_the_file_name_is_written_as_words(self):
        self.add("minuta-prueba_final.pdf", minimal_pdf("Sin título en los metadatos"))
        # The add form sends the name as the title, as Wagtail's upload script does.
        self.assertEqual(ArchiveDocument.objects.get().title, "Minuta prueba final")

    def test_placeholder_metadata_titles_are_ignored(self):
        self.add("acta-firmada.pdf", pdf_titled("Microsoft Word - acta.docx"))
        self.assertEqual(ArchiveDocument.objects.get().title, "Acta firmada")

    def test_a_title_the_editor_wrote_is_kept(self):
        self.client.post(reverse("wagtaildocs:add"), {
            "title": "Carta de intención del INFO CDMX", "file": SimpleUploadedFile("carta.pdf", pdf_titled("Otro título")),
            "collection": Collection.get_first_root_node().pk, "language": "es",
        })
        self.assertEqual(ArchiveDocument.objects.get().title, "Carta de intención del INFO CDMX")
