"""What a result marks is what matched: the word typed in any of its forms, a
name as a whole, and the name an acronym stands for; never the loose words of
a name (issue 17: «OGP» marked every «Gobierno» and «Abierto»)."""

import datetime

import pytest

from archive.pages.models import ReportPage
from tests.factories import make_actor, make_document

pytestmark = pytest.mark.django_db


def snippet(client, q):
    results = client.get("/api/buscar/", {"q": q}).json()["results"]
    assert results, q
    return results[0]["snippet"]


def test_an_acronym_marks_the_name_it_stands_for_as_a_whole_and_not_its_loose_words(client):
    make_document(
        ReportPage, "Informe de la alianza",
        summary="La Ciudad se unió a la Alianza para el Gobierno Abierto en 2020. El Gobierno de la Ciudad "
        "firmó; el proceso fue abierto a todas las personas.",
        date=datetime.date(2021, 1, 1),
    )
    marked = snippet(client, "OGP")
    assert "<mark>Alianza para el Gobierno Abierto</mark>" in marked
    assert marked.count("<mark>") == 1  # not «Gobierno de la Ciudad», not «abierto»


def test_an_actors_acronym_marks_its_name_where_the_text_spells_it_out(client):
    gobierno = make_actor("Gobierno de la Ciudad de México", slug="gobierno-cdmx", acronym="GCDMX")
    make_document(
        ReportPage, "Compromisos del plan", actors=[gobierno],
        summary="El Gobierno de la Ciudad de México presentó sus compromisos a las organizaciones.",
        date=datetime.date(2022, 11, 24),
    )
    assert "<mark>Gobierno de la Ciudad de México</mark>" in snippet(client, "GCDMX")


def test_a_word_is_marked_in_its_other_forms_and_a_quoted_phrase_as_one(client):
    make_document(
        ReportPage, "Calendario",
        summary="Las sesiones de las mesas de cocreación se grabaron; cada sesión tuvo minuta.",
        date=datetime.date(2022, 10, 24),
    )
    marked = snippet(client, "sesion")
    assert "<mark>sesiones</mark>" in marked and "<mark>sesión</mark>" in marked
    assert "<mark>mesas de cocreación</mark>" in snippet(client, '"mesas de cocreacion"')
