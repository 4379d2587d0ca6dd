import pytest

from archive.pages.models import MinutesPage
from tests.factories import make_document, make_file, minimal_pdf


@pytest.mark.django_db
def test_a_published_minutes_page_is_served():
    page = make_document(MinutesPage, "Minuta de la mesa de Género e inclusión")
    assert page.url.startswith("/minutas/")


@pytest.mark.django_db
def test_pdf_text_is_extracted_per_page_at_upload():
    document = make_file(content=minimal_pdf("Primera pagina", "Segunda pagina"))
    assert document.format_key == "pdf"
    assert document.page_count == 2
    assert document.text_pages == ["Primera pagina", "Segunda pagina"]
    assert len(document.sha256) == 64
