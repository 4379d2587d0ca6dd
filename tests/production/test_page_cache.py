"""The anonymous page cache: served from the cache, cleared by every change, never personal or a draft."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from archive.identifiers.registry import withdraw
from archive.pages.models import MinutesPage
from tests.factories import make_actor, make_axis, make_document, make_phase, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.ARCHIVE_PAGE_CACHE = True


@pytest.fixture
def minutes():
    make_site()
    phase = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    actor = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP")
    axis = make_axis("Género e inclusión", slug="genero-e-inclusion")
    return make_document(MinutesPage, "Minuta de la mesa de género", phase=phase, actors=[(actor, "author")],
                         axes=[axis], date=datetime.date(2022, 11, 8))


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.content.decode()


# Every place a document's title shows up for the public.
PLACES = ["{url}", "/minutas/", "/", "/feeds/documentos.atom", "/feeds/tipo/minuta.atom", "/linea-de-tiempo/",
          "/buscar/?q=minuta&tipo=minuta&etapa=mesas-de-cocreacion", "/catalogo.json"]


def places(page):
    return [place.format(url=page.url) for place in PLACES]


def test_second_request_is_served_from_the_cache_without_queries(client, minutes):
    first = client.get(minutes.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(minutes.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    head = client.head(minutes.url)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"


def test_html_is_revalidated_and_answers_304_from_the_cache(client, minutes):
    response = client.get(minutes.url)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get(minutes.url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    feed = client.get("/feeds/documentos.atom")
    assert "max-age=60" in feed["Cache-Control"]


def test_a_published_change_shows_everywhere_at_once(client, minutes):
    for url in places(minutes):
        response, body = get(client, url)
        assert response.status_code == 200, url
        assert "Minuta de la mesa de género" in body, url
        assert client.get(url)["X-Page-Cache"] == "hit", url

    minutes.title = "Minuta corregida de la mesa"
    minutes.save_revision().publish()

    for url in places(minutes):
        response, body = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Minuta corregida de la mesa" in body, url
        if url != minutes.url:  # the page itself names its earlier version's title
            assert "Minuta de la mesa de género" not in body, url


def test_a_new_document_appears_in_cached_listings_and_facets(client, minutes):
    search = "/buscar/?q=minuta&tipo=minuta&etapa=mesas-de-cocreacion"
    for url in ("/minutas/", "/", search):
        client.get(url)
    make_document(MinutesPage, "Minuta de la mesa de transparencia", phase=minutes.phase)
    for url in ("/minutas/", "/", search):
        assert "Minuta de la mesa de transparencia" in get(client, url)[1], url


def test_an_unpublished_document_disappears_at_once(client, minutes):
    url = minutes.url
    for place in places(minutes):
        client.get(place)
    client.get("/sitemap.xml")
    minutes.unpublish()
    assert client.get(url).status_code == 404
    assert url not in get(client, "/sitemap.xml")[1]
    for place in places(minutes)[1:]:
        assert "Minuta de la mesa de género" not in get(client, place)[1], place


def test_a_withdrawn_document_answers_410_even_if_it_was_cached(client, minutes):
    url = minutes.url
    client.get(url)
    client.get("/minutas/")
    withdraw(minutes, "Publicado por error.")
    response, body = get(client, url)
    assert response.status_code == 410
    assert "Publicado por error." in body
    assert "Minuta de la mesa de género" not in get(client, "/minutas/")[1]


def test_a_taxonomy_change_reaches_the_pages_that_name_it(client, minutes):
    client.get(minutes.url)
    actor = minutes.actor_links.first().actor
    actor.name = "Agencia Digital (nombre nuevo)"
    actor.save()
    assert "Agencia Digital (nombre nuevo)" in get(client, minutes.url)[1]


def test_a_draft_is_never_shown_or_cached(client, minutes):
    draft = make_document(MinutesPage, "Borrador sin publicar", live=False, phase=minutes.phase)
    client.get(minutes.url)
    assert client.get(draft.url or f"/minutas/{draft.slug}/").status_code == 404
    # A new draft of a live page: the public keeps seeing the published text.
    minutes.title = "Título del borrador"
    minutes.save_revision()
    for place in places(minutes):
        assert "Título del borrador" not in get(client, place)[1], place
    assert "Borrador sin publicar" not in get(client, "/minutas/")[1]


def test_a_signed_in_editor_sees_the_fresh_page_and_it_is_not_stored(client, minutes):
    client.get(minutes.url)  # cached for the public
    # A change made without Wagtail's signals (a raw UPDATE) leaves the
    # public's copy stale: the editor still sees the database's text.
    MinutesPage.objects.filter(pk=minutes.pk).update(title="Cambiado sin señales")
    editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")
    client.force_login(editor)
    response, body = get(client, minutes.url)
    assert "Cambiado sin señales" in body
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert "Cambiado sin señales" not in get(client, minutes.url)[1]


def test_pages_with_a_form_token_or_a_cookie_are_not_stored(client, minutes):
    PageViewRestriction.objects.create(page=minutes, restriction_type="password", password="secreta")
    for _ in range(2):
        response, body = get(client, minutes.url)
        assert "csrfmiddlewaretoken" in body
        assert response.get("X-Page-Cache") != "hit"
    assert client.get("/admin/login/").get("X-Page-Cache") is None


def test_not_found_is_not_stored(client, minutes):
    assert client.get("/no-existe/").status_code == 404
    assert client.get("/no-existe/").get("X-Page-Cache") is None


def test_pages_are_served_when_the_cache_is_unreachable(client, minutes, settings):
    settings.CACHES = {**settings.CACHES, "down": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2}}}
    settings.ARCHIVE_PAGE_CACHE_ALIAS = "down"
    response, body = get(client, minutes.url)
    assert response.status_code == 200
    assert "Minuta de la mesa de género" in body


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_change_made_by_another_process_shows_within_the_local_window(client, minutes, settings, monkeypatch):
    from archive.web import cache as page_cache

    settings.ARCHIVE_PAGE_CACHE_LOCAL_SECONDS = 1.0
    clock = FakeClock()
    monkeypatch.setattr(page_cache.time, "monotonic", clock)
    client.get(minutes.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(minutes.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    # Another server process publishes a new title: its rows change and it
    # bumps the shared generation, but none of this process's code runs.
    MinutesPage.objects.filter(pk=minutes.pk).update(title="Minuta corregida por otro proceso")
    page_cache.cache().incr(page_cache.GENERATION_KEY)
    clock.now += 1.0
    response, body = get(client, minutes.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Minuta corregida por otro proceso" in body


def test_with_no_local_window_every_answer_asks_the_shared_cache(client, minutes, settings):
    from archive.web import cache as page_cache

    settings.ARCHIVE_PAGE_CACHE_LOCAL_SECONDS = 0
    client.get(minutes.url)
    MinutesPage.objects.filter(pk=minutes.pk).update(title="Minuta corregida por otro proceso")
    page_cache.cache().incr(page_cache.GENERATION_KEY)
    assert "Minuta corregida por otro proceso" in get(client, minutes.url)[1]


def test_the_local_copies_stay_within_their_memory_limit(client, minutes, settings):
    from archive.web import cache as page_cache

    first, _ = get(client, minutes.url)
    settings.ARCHIVE_PAGE_CACHE_LOCAL_BYTES = len(first.content) + 1000
    page_cache.forget_local()
    for url in (minutes.url, "/minutas/", "/"):
        client.get(url)
        client.get(url)
    assert 0 < page_cache._local.size <= settings.ARCHIVE_PAGE_CACHE_LOCAL_BYTES
    assert client.get("/")["X-Page-Cache"] == "hit"
