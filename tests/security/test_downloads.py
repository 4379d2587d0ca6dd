"""Files are never served as a page of our origin: not sniffed, not inline unless plain text, always sandboxed."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.urls import clear_url_caches

from archive.attachments.models import ArchiveDocument
from archive.pages.models import LetterPage
from tests.factories import make_document

# Plain text, then a page. Format detection refuses it at upload today
# (archive/attachments); a file stored before that check, or written by hand,
# must still never render as a page.
HTML_AFTER_TEXT = ("Notas de la sesión. " * 40 + "\n<html><body><script>alert(document.cookie)</script>"
                   "<img src=x onerror=alert(1)></body></html>\n").encode()


def publish_with(*files):
    return make_document(LetterPage, "Carta con anexos", attachments=list(files))


def stored_as(name, content):
    """A file written straight to storage, as an import or an older version might have left it."""
    path = default_storage.save(f"documents/{name}", ContentFile(content))
    document = ArchiveDocument(title=name, file=path, sha256="0" * 64)
    document.save()  # a known checksum: the format check is skipped, as for files stored long ago
    return document


def text_holding_html():
    document = stored_as("notas.txt", HTML_AFTER_TEXT)
    document.format_key, document.text_status = "txt", "ok"
    document.text_pages = [HTML_AFTER_TEXT.decode()]
    document.save()
    return document


def download(document):
    response = Client().get(document.url)
    assert response.status_code == 200, document.url
    return response


def assert_hardened(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_text_file_holding_html_is_refused_at_upload(db):
    from django.core.exceptions import ValidationError

    from archive.attachments.formats import detect_format

    with pytest.raises(ValidationError, match="HTML"):
        detect_format(ContentFile(HTML_AFTER_TEXT, name="notas.txt"), "notas.txt")


def test_text_file_holding_html_is_shown_as_text_in_a_sandbox(archive, db):
    text = text_holding_html()
    publish_with(text)
    response = download(text)
    assert response["Content-Type"].startswith("text/plain")
    assert_hardened(response)


@pytest.mark.parametrize("name", ["pagina.html", "dibujo.svg", "pagina.xhtml", "datos.xml"])
def test_markup_written_to_storage_is_downloaded_never_rendered(archive, db, name):
    document = stored_as(name, b"<html><script>alert(1)</script></html>")
    publish_with(document)
    response = download(document)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert_hardened(response)


def test_pdf_and_other_files_are_attachments(archive, db):
    response = download(archive.public_file)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert_hardened(response)


@override_settings(WAGTAILDOCS_INLINE_CONTENT_TYPES=["text/plain", "text/html", "image/svg+xml"])
def test_markup_stays_an_attachment_even_if_the_setting_lists_it(archive, db):
    document = stored_as("pagina.html", b"<script>alert(1)</script>")
    publish_with(document)
    response = download(document)
    assert response["Content-Disposition"].startswith("attachment")
    assert_hardened(response)


def test_accessible_version_escapes_html_in_the_text_and_is_not_sniffed(archive, db):
    text = text_holding_html()
    publish_with(text)
    response = Client().get(f"/documentos/{text.pk}/version-accesible/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(document.cookie)" not in body
    assert "&lt;script&gt;alert(document.cookie)" in body
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def debug_urls():
    """The URLconf as DEBUG builds it (with the media folder served), restored afterwards."""
    import archive.urls

    with override_settings(DEBUG=True):
        importlib.reload(archive.urls)
        clear_url_caches()
        yield
    importlib.reload(archive.urls)
    clear_url_caches()


def test_media_folder_never_serves_documents_even_with_debug(archive, db, debug_urls):
    image_path = default_storage.save("images/foto.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16))
    # Images (renditions) are served from the folder in development, not sniffed...
    image = Client().get("/media/" + image_path)
    assert image.status_code == 200
    assert image["X-Content-Type-Options"] == "nosniff"
    # ...files of documents never: not a public one, not a draft's.
    for document in (archive.public_file, archive.states["borrador"].file):
        assert Client().get("/media/" + document.file.name).status_code == 404
    # Nor uploaded originals of images (any image, in any collection), nor anything else of the folder:
    # development serves what production may, the renditions (issue 20 item 6).
    original = default_storage.save("original_images/foto.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16))
    assert Client().get("/media/" + original).status_code == 404
    other = default_storage.save("otra/nota.txt", ContentFile(b"nota"))
    assert Client().get("/media/" + other).status_code == 404
