"""Hostile files (issue 18 item 6, issue 20 item 4): what the upload can
tell at once is refused with a Spanish message and nothing stored; the rest
is stored and its reading stops at the bounds, marked with the reason, the
job done rather than failed; and memory stays under a stated ceiling."""

import io
import sys
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

from archive.attachments import steps
from archive.attachments.formats import FORMATS
from archive.attachments.models import ArchiveDocument, TextStatus
from archive.attachments.pdf import render_first_page

from . import hostile, office_samples
from .test_admin_uploads import UploadTestCase, field_errors

LIMIT_NOTE = "El PDF contiene datos que exceden los límites de lectura"


def read_in_worker(kind, data):
    """What the worker's reading makes of ``data`` for a file of format ``kind`` that no upload judged."""
    document = SimpleNamespace(format_key=kind, file_format=FORMATS[kind], language="es", pk=None)
    steps.forget(document)
    reading = steps.read(document, data)
    return document, reading


class RefusedAtUploadTests(UploadTestCase):
    def test_zip_bombs_dressed_as_odt_and_docx_are_refused_before_anything_is_unpacked(self):
        cases = [
            ("informe.odt", hostile.odt_mimetype_bomb(600), "pero descomprimido ocuparía 600 MB (el máximo es 500 MB)"),
            ("minuta.docx", hostile.docx_bomb(1000), "pero descomprimido ocuparía 1000 MB"),
            ("minuta.docx", hostile.many_entries_docx(12_000), "El archivo tiene 12 002 partes internas; el máximo es 10 000"),
            # Told by the ZIP64 end record, before zipfile would build 70,002 entries to count them.
            ("minuta.docx", hostile.many_entries_docx(70_000), "El archivo tiene 70 002 partes internas"),
        ]
        for name, content, message in cases:
            with self.subTest(name=name, message=message):
                response = self.add(name, content)
                self.assertEqual(response.status_code, 400, "the form comes back with 400, never a 500")
                self.assertIn(message, field_errors(response))
                data = self.add_multiple(name, content)
                self.assertFalse(data["success"])
                self.assertIn(message, " ".join(data["error_message"].split()))  # the digits are grouped by a no-break space
        self.assertFalse(ArchiveDocument.objects.exists())

    def test_an_odt_whose_small_mimetype_entry_carries_more_is_not_taken_for_an_odt(self):
        response = self.add("informe.odt", hostile.odt_mimetype_bomb(5))
        self.assertIn("archivo comprimido (ZIP)", field_errors(response))

    def test_a_pdf_of_20000_pages_is_refused_at_once(self):
        response = self.add("compendio.pdf", hostile.pdf_of_pages(20_000))
        self.assertEqual(response.status_code, 400)
        self.assertIn("El PDF tiene 20 000 páginas; el máximo que se lee es 5000. Divídelo en partes", field_errors(response))
        self.assertFalse(ArchiveDocument.objects.exists())

    def test_an_image_of_121_megapixels_is_refused_as_a_file_and_as_an_image(self):
        png = hostile.huge_png()
        response = self.add("plano.png", png)
        self.assertIn("La imagen mide 11 000 × 11 000 píxeles (121 megapíxeles); el máximo es 50 megapíxeles",
                      field_errors(response))
        self.assertFalse(ArchiveDocument.objects.exists())
        response = self.client.post(reverse("wagtailimages:add"), {
            "title": "Plano", "file": SimpleUploadedFile("plano.png", png),
            "collection": Collection.get_first_root_node().pk,
        })
        self.assertEqual(response.status_code, 400)
        self.assertIn("Este archivo contiene muchos pixeles", field_errors(response))
        self.assertFalse(get_image_model().objects.exists())


class StoredAndMarkedTests(UploadTestCase):
    def test_a_pdf_compression_bomb_and_a_bad_tounicode_map_are_stored_marked_and_the_job_done(self):
        for name, content in (("bomba.pdf", hostile.pdf_compression_bomb(200)), ("fuente.pdf", hostile.pdf_bad_tounicode())):
            with self.subTest(name=name):
                response = self.add(name, content, follow=True)
                self.assertEqual(response.status_code, 200)
                document = ArchiveDocument.objects.get(file__endswith=name)
                self.assertEqual(document.analysis_state, "done", "a bound reached is an answer, not a failure to retry")
                self.assertEqual(document.analysis_attempts, 1)
                self.assertEqual(document.text_status, TextStatus.DAMAGED)
                self.assertTrue(document.text_note.startswith(LIMIT_NOTE))
                self.assertEqual(document.text_pages, [])
                self.assertFalse(document.thumbnail)

    def test_a_pdf_of_2000_pages_is_read_whole(self):
        self.add("compendio.pdf", hostile.pdf_of_pages(2000, "Acta"))
        document = ArchiveDocument.objects.get()
        self.assertEqual(document.text_status, TextStatus.EXTRACTED)
        self.assertEqual(document.page_count, 2000)
        self.assertEqual(len(document.text_pages), 2000)
        self.assertEqual(document.text_pages[-1], "Acta")


@pytest.mark.parametrize(("kind", "build"), [
    ("docx", lambda: hostile.docx_bomb(1000)),
    ("odt", lambda: hostile.odt_content_bomb(1000)),
    ("docx", lambda: hostile.many_entries_docx(12_000)),
])
def test_a_zip_bomb_stored_before_the_bounds_is_marked_by_the_worker_not_unpacked(kind, build):
    document, reading = read_in_worker(kind, build())
    assert document.text_status == TextStatus.DAMAGED
    assert "bomba de descompresión" in document.text_note and len(document.text_note) <= 255
    assert document.text_pages == [] and reading.thumbnail is None


def test_a_docx_that_lies_about_its_size_is_damaged_not_unpacked_past_it():
    document, _ = read_in_worker("docx", hostile.lying_docx_bomb(50))
    assert document.text_status == TextStatus.DAMAGED
    assert document.text_note == "El documento está dañado; su texto no se indexa."


def test_a_pdf_whose_first_page_is_a_huge_image_still_gets_its_thumbnail():
    # PDFium draws a 144-megapixel image at thumbnail size in a few MB: big scans are not refused a picture.
    count, thumbnail = render_first_page(hostile.pdf_image_bomb(12_000))
    assert count == 1 and thumbnail is not None and thumbnail.width == 240


def test_an_xml_part_too_large_to_parse_is_not_parsed():
    document, _ = read_in_worker("docx", hostile.docx_one_text_node(70))
    assert document.text_status == TextStatus.DAMAGED
    assert document.text_note == ("Una parte del documento («word/document.xml») ocupa 70 MB sin comprimir; "
                                  "el máximo que se lee es 64 MB. Su texto no se indexa.")


@override_settings(ARCHIVE_MAX_PAGES=3)
def test_the_worker_stops_at_the_page_bound_too():
    document, _ = read_in_worker("pdf", hostile.pdf_of_pages(5))
    assert document.text_status == TextStatus.DAMAGED and "El PDF tiene 5 páginas; el máximo que se lee es 3" in document.text_note
    deck = office_samples.pptx([[f"Diapositiva {n}"] for n in range(5)], thumbnail=False)
    document, _ = read_in_worker("pptx", deck)
    assert document.text_status == TextStatus.DAMAGED and "más de 3 diapositivas, el máximo que se lee" in document.text_note


@override_settings(ARCHIVE_MAX_READING_SECONDS=0)
def test_a_reading_past_its_time_stops_with_the_reason():
    document, _ = read_in_worker("pdf", hostile.pdf_of_pages(3))
    assert document.text_status == TextStatus.DAMAGED
    assert document.text_note == "La lectura del archivo tardó más de 0 segundos y se detuvo; su texto no se indexa."
    document, _ = read_in_worker("odp", office_samples.odp([["Uno"], ["Dos"]]))
    assert document.text_status == TextStatus.DAMAGED and "tardó más de 0 segundos" in document.text_note


# Peak resident memory a hostile file may add to the process that handles it
# (upload checks, then the worker's reading). The PDF bomb's 150 MB is pypdf
# inflating up to its own 75 MB bound; before these bounds the ODT bomb took
# 1.2 GB and the PDF bomb's thumbnail 2 GB.
MEMORY_CEILING_MB = 256


@pytest.mark.parametrize("case", [
    "odt-mimetype-bomb", "docx-lying-bomb", "pdf-compression-bomb", "pdf-bad-tounicode", "png-121-megapixels",
    "docx-bomb-in-worker", "docx-60mb-text-node", "docx-400mb-text-node",
])
def test_memory_stays_under_the_ceiling_while_a_bomb_is_handled(case):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "benchmarks"))
    import hostile_bench

    result = hostile_bench.run(case)  # in a child process: its peak RSS is this file's alone
    assert result["extra_mb"] is not None, result
    assert result["extra_mb"] < MEMORY_CEILING_MB, result
    assert result["result"] in {"rechazado al subir", "leído"}, result
    if result["result"] == "leído":
        assert result["text_status"] == "damaged", result


def test_the_bomb_builders_make_what_they_say():
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(hostile.odt_mimetype_bomb(3)))
    assert archive.getinfo("mimetype").file_size == 3 * 1024 * 1024 + len(hostile.ODT_MIME)
    assert len(archive.read("mimetype")) == archive.getinfo("mimetype").file_size  # a valid CRC: a real bomb
