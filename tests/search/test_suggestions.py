"""Suggestions while typing: what matches, what each choice opens, what is never offered, and bad input."""

import datetime
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from archive.pages.models import LetterPage, MinutesPage, ReportPage
from search import indexing
from search.models import SearchRecord, SuggestionWord
from search.suggestions import MAX_ITEMS, MAX_LENGTH, title_words
from tests.factories import make_actor, make_document, make_phase

pytestmark = pytest.mark.django_db

URL = "/buscar/sugerencias/"


def suggest(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return response.json()["suggestions"]


def labels(client, q, kind=None):
    return [s["label"] for s in suggest(client, q) if kind is None or s["kind"] == kind]


@pytest.fixture
def corpus():
    nucleo = make_actor("Núcleo Promotor", slug="nucleo-promotor", kind="civil_society")
    info = make_actor("Instituto de Transparencia de la Ciudad de México", slug="infocdmx", kind="guarantor",
                      acronym="INFO CDMX", aliases="InfoCDMX, Info CDMX")
    integracion = make_phase("Integración multiactor: Núcleo Promotor", slug="nucleo", order=3,
                             start_date=datetime.date(2020, 1, 1), start_precision="year")
    mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    return {
        "minuta": make_document(MinutesPage, "Minuta de la sesión del Núcleo Promotor", phase=integracion,
                                actors=[nucleo], date=datetime.date(2021, 3, 3)),
        "informe": make_document(ReportPage, "Informe de la mesa de cocreación", phase=mesas, actors=[info],
                                 date=datetime.date(2022, 11, 8)),
    }


def test_accents_and_case_do_not_matter(client, corpus):
    for typed in ("nucleo", "NÚCLEO", "Nucleo", "núc"):
        found = labels(client, typed)
        assert "Núcleo Promotor" in found, typed
        assert "Minuta de la sesión del Núcleo Promotor" in found, typed


def test_any_word_may_be_started_never_the_middle_of_one(client, corpus):
    assert labels(client, "prom", "documento") == ["Minuta de la sesión del Núcleo Promotor"]
    assert labels(client, "sesion nuc", "documento") == ["Minuta de la sesión del Núcleo Promotor"]
    # Every word typed must match: «sesion» and «cocreacion» are never in one title.
    assert labels(client, "sesion cocre", "documento") == []
    assert labels(client, "cleo") == []
    # Little words do not narrow anything while there are others.
    assert labels(client, "informe de la", "documento") == ["Informe de la mesa de cocreación"]


def test_each_kind_is_labelled_and_opens_what_a_researcher_expects(client, corpus):
    found = {s["label"]: s for s in suggest(client, "nucleo")}
    actor = found["Núcleo Promotor"]
    assert (actor["kind"], actor["kind_label"], actor["url"]) == ("actor", "Actor", "/buscar/?actor=nucleo-promotor")
    assert actor["detail"] == "Sociedad civil"
    phase = found["Integración multiactor: Núcleo Promotor"]
    assert (phase["kind"], phase["kind_label"], phase["url"]) == ("etapa", "Etapa", "/buscar/?etapa=nucleo")
    document = found["Minuta de la sesión del Núcleo Promotor"]
    assert (document["kind"], document["kind_label"]) == ("documento", "Documento")
    assert document["url"] == corpus["minuta"].url
    assert document["detail"].startswith("Minuta · ")
    # Actors, then phases, then documents.
    assert [s["kind"] for s in suggest(client, "nucleo")] == ["actor", "etapa", "documento"]
    # The filtered search an actor or a phase opens is not empty.
    assert "Minuta de la sesión" in client.get(actor["url"]).content.decode()
    assert "Minuta de la sesión" in client.get(phase["url"]).content.decode()


def test_actors_are_found_by_acronym_and_alias(client, corpus):
    for typed in ("info cdmx", "infocdmx", "transparencia"):
        assert labels(client, typed, "actor") == ["Instituto de Transparencia de la Ciudad de México (INFO CDMX)"], typed


def test_reference_codes_open_their_document(client, corpus):
    code = corpus["minuta"].reference_code
    assert re.fullmatch(r"AGA-CDMX-2021-MIN-\d{3}", code)
    for typed in (code, code.lower(), code[:-1], "aga cdmx 2021 min", "2021-MIN"):
        found = suggest(client, typed)
        assert found[0]["kind"] == "codigo", typed
        assert (found[0]["label"], found[0]["url"]) == (code, corpus["minuta"].url), typed
        assert found[0]["detail"] == "Minuta de la sesión del Núcleo Promotor"
        assert found[0]["kind_label"] == "Código"
    # Every code starts with AGA-CDMX: those letters alone choose none.
    assert all(s["kind"] != "codigo" for s in suggest(client, "AGA-CDMX"))


def test_drafts_unpublished_and_private_pages_are_never_suggested(client, corpus):
    only_in_drafts = make_actor("Colectivo Reservado", slug="colectivo-reservado", kind="civil_society")
    draft_phase = make_phase("Etapa Reservada", slug="etapa-reservada", order=20)
    make_document(ReportPage, "Borrador reservado sobre presupuesto", live=False,
                  actors=[only_in_drafts], phase=draft_phase)
    restricted = make_document(ReportPage, "Informe reservado de la mesa")
    restricted_code = restricted.reference_code
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    withdrawn = make_document(LetterPage, "Carta reservada al Núcleo")
    withdrawn_code = withdrawn.reference_code
    withdrawn.unpublish()
    # A published document with a newer title that is only a draft: the public title stays.
    published = corpus["informe"]
    published.title = "Informe reservado con título nuevo"
    published.save_revision()

    assert suggest(client, "reservad") == []
    assert suggest(client, "borrador") == []
    assert labels(client, "informe", "documento") == ["Informe de la mesa de cocreación"]
    for code in (restricted_code, withdrawn_code):
        assert suggest(client, code) == [], code
    assert "Carta reservada al Núcleo" not in labels(client, "nucleo")
    # What the search index holds is exactly what suggestions may offer.
    assert set(SuggestionWord.objects.values_list("record_id", flat=True)) == set(
        SearchRecord.objects.values_list("pk", flat=True))


def test_title_words_follow_the_published_title(client, corpus):
    page = corpus["informe"]
    page.title = "Relatoría de la mesa de cocreación"
    page.save_revision().publish()
    assert labels(client, "relatoria", "documento") == ["Relatoría de la mesa de cocreación"]
    assert labels(client, "informe", "documento") == []
    page.unpublish()
    assert labels(client, "relatoria") == []
    # A rebuild writes them again.
    indexing.rebuild()
    assert labels(client, "minuta", "documento") == ["Minuta de la sesión del Núcleo Promotor"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "al menos 2"),
        ({"q": ""}, "al menos 2"),
        ({"q": "   "}, "al menos 2"),
        ({"q": "a"}, "al menos 2"),
        ({"q": "x" * (MAX_LENGTH + 1)}, "demasiado largo"),
    ],
)
def test_bad_input_is_a_400_in_spanish(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_odd_input_never_fails(client, corpus):
    for typed in ("--", "¿¡", "%%", "_%", "' OR 1=1 --", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                  "a b c d e f g h i j k", "x" * MAX_LENGTH, "núcleo\tpromotor", "日本語", "\U0001F600\U0001F600"):
        response = client.get(URL, {"q": typed})
        assert response.status_code == 200, typed
    assert client.get(URL, {"q": "a\x01b"}).status_code == 400
    assert client.post(URL, {"q": "nucleo"}).status_code == 405


def test_at_most_eight_and_documents_keep_a_place(client, corpus):
    for number in range(12):
        make_actor(f"Mesa ciudadana {number}", slug=f"mesa-ciudadana-{number}", kind="civil_society")
        make_document(MinutesPage, f"Minuta de la mesa {number}",
                      actors=[make_actor(f"Mesa ciudadana {number}", slug=f"mesa-ciudadana-{number}")])
    found = suggest(client, "mesa")
    assert len(found) == MAX_ITEMS
    kinds = [s["kind"] for s in found]
    assert kinds.count("actor") == 3 and kinds.count("etapa") == 1 and kinds.count("documento") == 4
    # No document says «ciudadana»: the room goes back to the actors.
    assert [s["kind"] for s in suggest(client, "mesa ciudadana")] == ["actor"] * MAX_ITEMS


def test_queries_do_not_grow_with_the_archive(client, corpus):
    def count(q):
        with CaptureQueriesContext(connection) as queries:
            suggest(client, q)
        return len(queries.captured_queries)

    suggest(client, "minuta")  # the actors and phases are read once per change
    few = count("minuta")
    for number in range(30):
        make_document(MinutesPage, f"Minuta número {number}")
    suggest(client, "minuta")
    assert count("minuta") == few <= 4


def test_the_page_cache_keeps_them_until_the_next_change(client, corpus, settings):
    settings.ARCHIVE_PAGE_CACHE = True
    first = client.get(URL, {"q": "minuta"})
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=60, must-revalidate"
    assert client.get(URL, {"q": "minuta"})["X-Page-Cache"] == "hit"
    make_document(MinutesPage, "Minuta de la segunda sesión")
    assert "Minuta de la segunda sesión" in [s["label"] for s in client.get(URL, {"q": "minuta"}).json()["suggestions"]]
    # A 400 is never kept.
    for _ in range(2):
        assert client.get(URL, {"q": "a"}).get("X-Page-Cache") != "hit"


def test_the_migration_fills_the_words_of_records_already_indexed(corpus):
    from importlib import import_module

    expected = set(SuggestionWord.objects.values_list("record_id", "word"))
    SuggestionWord.objects.all().delete()
    import_module("search.migrations.0006_suggestion_words").fill(apps, None)
    assert set(SuggestionWord.objects.values_list("record_id", "word")) == expected
    assert ("minuta" in title_words("Minuta de la sesión")) and "de" not in title_words("Minuta de la sesión")


def test_without_javascript_the_form_is_a_plain_search(client, corpus):
    for path in ("/", "/buscar/"):
        html = client.get(path).content.decode()
        for input_tag in re.findall(r"<input[^>]*data-sugerencias[^>]*>", html):
            assert 'name="q"' in input_tag and 'type="search"' in input_tag
            # The roles come with the script that makes them true, never from the page.
            assert "combobox" not in input_tag and "aria-expanded" not in input_tag
            assert f'data-sugerencias="{reverse("search:suggestions")}"' in input_tag
        assert re.search(r'<form class="search-form[^"]*" action="/buscar/" method="get" role="search"', html)
        assert re.search(r'<script src="/static/js/sugerencias\.js" defer></script>', html)
    assert "Minuta de la sesión del Núcleo Promotor" in client.get("/buscar/", {"q": "nucleo"}).content.decode()
