"""Search as people type: questions in plain words, other forms of a word, compounds, typos, exclusions."""

import datetime

import pytest

from archive.pages.models import CallPage, MinutesPage, ReportPage
from search.query import minimum_should_match
from tests.factories import make_document

from .test_search import api, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return {
        "memoria": make_document(
            ReportPage, "Memoria del proceso",
            summary="Cuenta quiénes integraban el Núcleo Promotor y la salida de la Ciudad de la Alianza.",
            date=datetime.date(2023, 6, 1),
        ),
        "mesa": make_document(
            MinutesPage, "Minuta de la mesa de transparencia",
            summary="La co-Presidente de la mesa abrió la sesión sobre transparencia fiscal.",
            date=datetime.date(2022, 11, 15),
        ),
        "convocatoria": make_document(
            CallPage, "Convocatoria al Grupo Asesor",
            summary="Invitación a personas expertas en participación ciudadana.",
            date=datetime.date(2021, 2, 4),
            opening_date=datetime.date(2021, 2, 4), closing_date=datetime.date(2021, 3, 26),
        ),
    }


def test_most_words_must_be_there_all_of_them_when_there_are_three_or_fewer():
    assert [minimum_should_match(n) for n in range(1, 9)] == [1, 2, 3, 3, 3, 4, 5, 6]


def test_a_question_finds_the_document_that_answers_it_without_every_word(client, archive):
    # «integraron» is not in the text, «integraban» (same stem) and the rest are.
    assert titles(client, q="quienes integraron el nucleo promotor")[0] == "Memoria del proceso"
    # Four words, one absent: 3 of 4 suffice.
    assert titles(client, q="salida ciudad alianza elefante") == ["Memoria del proceso"]


def test_a_hit_without_some_words_says_which(client, archive):
    hit = api(client, q="salida ciudad alianza elefante")["results"][0]
    assert hit["missing"] == ["elefante"]
    page = client.get("/buscar/", {"q": "salida ciudad alianza elefante"}).content.decode()
    assert "No aparece: <s>elefante</s>" in page
    assert "missing" not in api(client, q="salida ciudad alianza")["results"][0]


def test_documents_holding_every_word_come_before_those_holding_most(client, archive):
    make_document(ReportPage, "Informe de la alianza", summary="La alianza y la ciudad, sin más.")
    found = titles(client, q="salida ciudad alianza")
    assert found[0] == "Memoria del proceso"


def test_a_hyphenated_compound_and_the_joined_word_find_each_other(client, archive):
    assert titles(client, q="copresidente") == ["Minuta de la mesa de transparencia"]
    make_document(MinutesPage, "Minuta con copresidencia", summary="La copresidenta habló primero.")
    assert "Minuta con copresidencia" in titles(client, q="co-presidenta")


def test_a_typo_is_forgiven_and_the_right_word_suggested(client, archive):
    data = api(client, q="transparensia")
    assert [r["title"] for r in data["results"]] == ["Minuta de la mesa de transparencia"]
    assert data["suggestion"] == "transparencia"
    page = client.get("/buscar/", {"q": "transparensia"}).content.decode()
    assert "Quizá quiso decir:" in page and "q=transparencia" in page
    # A word the archive holds is never «corrected».
    assert api(client, q="transparencia")["suggestion"] == ""


def test_short_words_are_not_fuzzed_and_long_ones_allow_two_edits(client, archive):
    assert titles(client, q="participasion ciudadama") == ["Convocatoria al Grupo Asesor"]
    assert titles(client, q="mesx") == ["Minuta de la mesa de transparencia"]  # 4 letters: one edit
    assert titles(client, q="mesxx") == []  # 5 letters: still one edit, and «mesa» is two away
    assert api(client, q="me")["suggestion"] == ""  # 2 letters: never corrected


def test_excluded_words_and_phrases_leave_documents_out(client, archive):
    assert set(titles(client, q="transparencia -fiscal")) == set()
    assert titles(client, q="mesa -fiscal") == []
    assert titles(client, q='sesion -"grupo asesor"') == ["Minuta de la mesa de transparencia"]
    # Only exclusions: everything but those.
    assert set(titles(client, q="-transparencia")) == {"Memoria del proceso", "Convocatoria al Grupo Asesor"}


def test_quoted_phrases_still_must_match_as_phrases(client, archive):
    assert titles(client, q='"grupo asesor"') == ["Convocatoria al Grupo Asesor"]
    assert titles(client, q='"asesor grupo"') == []


def test_no_result_offers_a_way_on(client, archive):
    page = client.get("/buscar/", {"q": "zzzz qqqq", "tipo": "minuta"}).content.decode()
    assert "Prueba así" in page and "Quitar «Minuta»" in page and "Ver todos los documentos" in page
