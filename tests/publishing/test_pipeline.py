"""Publishing runs one pipeline: the registry, then the search index, then the
page cache, in an order written in one place rather than in INSTALLED_APPS."""

import pytest
from django.db import transaction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from archive.pages.models import MinutesPage
from archive.publishing import pipeline
from search import indexing
from tests.factories import index_for, make_document
from tests.search.conftest import run_index_updates  # noqa: F401 - publishing indexes at once

pytestmark = pytest.mark.django_db


def our_receivers(signal, sender):
    receivers = [r for group in signal._live_receivers(sender) for r in group]
    return sorted({r.__module__ for r in receivers if r.__module__.startswith(("archive", "search", "home"))})


@pytest.mark.parametrize("signal", [page_published, page_unpublished, post_page_move, page_slug_changed])
def test_each_wagtail_signal_has_one_receiver_of_ours_the_pipeline(signal):
    assert our_receivers(signal, MinutesPage) == ["archive.publishing.pipeline"]


def test_publishing_mints_the_code_before_indexing_and_clears_the_cache_last(monkeypatch):
    index_for(MinutesPage)  # the listing is published before the steps are recorded
    steps = []
    record, index, bump = pipeline.registry.record_publication, indexing.index_pages, pipeline.bump_generation
    monkeypatch.setattr(pipeline.registry, "record_publication", lambda *a: (steps.append("código"), record(*a))[1])
    monkeypatch.setattr(indexing, "index_pages", lambda ids: (steps.append("índice"), index(ids))[1])
    monkeypatch.setattr(pipeline, "bump_generation", lambda: (steps.append("caché"), bump())[1])
    monkeypatch.setattr(indexing, "bump_generation", lambda: (steps.append("caché"), bump())[1])
    with transaction.atomic():
        page = make_document(MinutesPage, "Minuta del Núcleo Promotor")
    assert steps[0] == "código"
    assert "índice" in steps and steps[-1] == "caché" and steps.index("código") < steps.index("índice")
    assert page.specific.reference_code


def test_renaming_a_listing_moves_its_documents_in_search_and_the_registry(client, django_capture_on_commit_callbacks):
    page = make_document(MinutesPage, "Minuta del Núcleo Promotor")
    listing = index_for(MinutesPage)
    listing.slug = "actas"
    # Wagtail says a slug changed once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        listing.save_revision().publish()
    hit = client.get("/api/buscar/", {"q": "nucleo promotor"}).json()["results"][0]
    assert hit["url"].endswith("/actas/minuta-del-nucleo-promotor/")
    page.refresh_from_db()
    response = client.get(page.specific.permanent_path)
    assert response.status_code in (301, 302) and response["Location"].startswith("/actas/")
