"""Office files that carry no picture of themselves get one, and their real
page count, from LibreOffice; one that links content outside itself is not
drawn; without LibreOffice, or when it hangs, the file is still read."""

import io
import stat

import pytest
from django.core.management import call_command
from django.test import override_settings
from PIL import Image

from archive.attachments.models import ArchiveDocument
from archive.attachments.office_pdf import available, points_outside

from . import office_samples as office
from .test_office import upload

pytestmark = pytest.mark.django_db
needs_libreoffice = pytest.mark.skipif(not available(), reason="LibreOffice (soffice) is not installed")


def picture(document):
    with document.thumbnail.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def has_ink(image):
    """Something is printed on it: a blank page is one light colour."""
    darkest, _lightest = image.convert("L").getextrema()
    return darkest < 128


@needs_libreoffice
def test_a_docx_without_picture_or_count_gets_its_first_page_and_its_printed_count(admin_client):
    content = office.docx([["Minuta de la mesa de cocreación", "Acuerdos"], ["Firmas"], ["Anexo"]], thumbnail=False)
    document = upload(admin_client, "minuta-sin-miniatura.docx", content)
    assert document.analysis_state == "done"
    assert document.page_count == 3, "the pages LibreOffice printed, where the file declares none"
    assert document.thumbnail and document.thumbnail_width == 240
    image = picture(document)
    assert image.format == "WEBP" and image.height > image.width, "a portrait page"
    assert has_ink(image), "the first page's words are drawn"


@needs_libreoffice
def test_a_pptx_without_picture_gets_its_first_slide(admin_client):
    content = office.pptx([["Bienvenida al foro"], ["Ejes"], ["Cierre"]], thumbnail=False)
    document = upload(admin_client, "foro.pptx", content)
    assert document.page_count == 3
    image = picture(document)
    assert image.width > image.height, "a slide is landscape"
    assert has_ink(image)
    assert document.text_pages[0] == "Bienvenida al foro"


def test_a_file_that_links_pictures_outside_itself_is_not_drawn(admin_client, tmp_path):
    linked = office.docx([["Oficio con logotipo enlazado"]], thumbnail=False)
    linked = office.with_part(linked, "word/_rels/document.xml.rels", (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="file:///etc/hostname" TargetMode="External"/></Relationships>'))
    assert points_outside(linked, "docx")
    hyperlink_only = office.with_part(office.docx([["Ver el sitio"]], thumbnail=False), "word/_rels/document.xml.rels", (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://gobiernoabierto.cdmx.gob.mx" TargetMode="External"/></Relationships>'))
    assert not points_outside(hyperlink_only, "docx"), "a hyperlink is not fetched to draw the page"
    assert points_outside(office.odt([["Logo"]], thumbnail=False, image="../../etc/hostname"), "odt")
    inside = office.with_part(office.odt([["Logo"]], thumbnail=False, image="Pictures/logo.png"), "Pictures/logo.png",
                              office.png_preview())
    assert not points_outside(inside, "odt"), "a picture kept inside the file is drawn"

    marker = tmp_path / "ran"
    with override_settings(ARCHIVE_OFFICE_COMMAND=str(fake_soffice(tmp_path, f"touch {marker}"))):
        document = upload(admin_client, "oficio.docx", linked)
    assert not marker.exists(), "LibreOffice never opened it"
    assert document.analysis_state == "done" and not document.thumbnail
    assert document.text_pages == ["Oficio con logotipo enlazado"]


def fake_soffice(folder, body):
    """A program standing where LibreOffice would be: what it does is the test's ``body``."""
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_a_file_with_its_own_picture_and_count_is_not_converted(admin_client, tmp_path):
    marker = tmp_path / "ran"
    with override_settings(ARCHIVE_OFFICE_COMMAND=str(fake_soffice(tmp_path, f"touch {marker}"))):
        document = upload(admin_client, "con-miniatura.docx", office.docx([["Texto"]], declared_pages=1))
    assert not marker.exists()
    assert document.thumbnail and document.page_count == 1


def test_a_conversion_that_hangs_is_stopped_and_the_file_is_read_all_the_same(admin_client, tmp_path):
    with override_settings(ARCHIVE_OFFICE_COMMAND=str(fake_soffice(tmp_path, "sleep 60")), ARCHIVE_OFFICE_SECONDS=1):
        document = upload(admin_client, "cuelga.docx", office.docx([["Acta de la sesión"]], thumbnail=False))
    assert document.analysis_state == "done"
    assert document.text_pages == ["Acta de la sesión"] and not document.thumbnail


@needs_libreoffice
def test_without_libreoffice_the_file_is_read_and_make_thumbnails_draws_it_later(admin_client):
    with override_settings(ARCHIVE_OFFICE_COMMAND="no-hay-libreoffice"):
        document = upload(admin_client, "guia.odt", office.odt([["Guía de trabajo"], ["Segunda"]], thumbnail=False))
    assert document.analysis_state == "done" and document.text_pages == ["Guía de trabajo", "Segunda"]
    assert not document.thumbnail

    out = io.StringIO()
    call_command("make_thumbnails", stdout=out)
    document = ArchiveDocument.objects.get(pk=document.pk)
    assert document.thumbnail and document.page_count == 2
    assert "Archivos de oficina en cola para dibujar su miniatura: 1." in out.getvalue()
