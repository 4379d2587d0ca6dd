"""A file with a long title is still searchable page by page: its passages'
labels fit their column (PostgreSQL refused them and the document was left
out of search: the demo's Memoria, whose PDF title is over 200 characters)."""

import pytest

from archive.pages.models import ReportPage
from search.models import SearchPassage
from tests.factories import make_document, make_file, minimal_pdf

pytestmark = pytest.mark.django_db


def test_a_long_file_title_is_shortened_in_its_page_labels(client):
    title = "Memoria del Proceso del Primer Plan de Acción de Gobierno Abierto " * 3 + "(versión en PDF)"
    pdf = make_file("memoria.pdf", minimal_pdf("Primera página", "Segunda página con la palabra cocreación"),
                    title=title[:255])
    make_document(ReportPage, "Memoria del proceso", attachments=[pdf])
    labels = list(SearchPassage.objects.values_list("label", flat=True))
    limit = SearchPassage._meta.get_field("label").max_length
    assert labels and all(len(label) <= limit for label in labels)
    assert any(label.endswith(", página 2") for label in labels)
    hit = client.get("/api/buscar/", {"q": "cocreacion"}).json()["results"][0]
    assert hit["passage"]["url"].endswith("#page=2")
