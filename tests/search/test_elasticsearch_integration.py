"""Against a real Elasticsearch 8 or 9, when ELASTICSEARCH_URL names one.

Skipped otherwise: no server can be installed on the development machines.
"""

import datetime
import os

import pytest

from archive.pages.models import MinutesPage, ReportPage
from tests.factories import make_actor, make_document

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"),
]


@pytest.fixture
def es_backend(settings):
    from search.backends import _backend_for

    settings.ARCHIVE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX = "archivo-abierto-test"
    _backend_for.cache_clear()
    backend = _backend_for("elasticsearch", "any")
    backend.clear()
    yield backend
    backend.client.indices.delete(index=backend.index, ignore_unavailable=True)
    _backend_for.cache_clear()


def test_spanish_synonyms_and_disjunctive_facets_on_a_real_server(client, es_backend):
    adip = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP")
    info = make_actor("INFO CDMX", slug="infocdmx", kind="guarantor")
    make_document(ReportPage, "Memoria", summary="La Alianza para el Gobierno Abierto en la ciudad.",
                  actors=[info], date=datetime.date(2023, 1, 1))
    make_document(MinutesPage, "Minuta", summary="Participación ciudadana en las convocatorias.",
                  actors=[adip], date=datetime.date(2022, 11, 8))
    es_backend.refresh()

    def api(**params):
        return client.get("/api/buscar/", params).json()

    assert [r["title"] for r in api(q="AGA")["results"]] == ["Memoria"]
    assert [r["title"] for r in api(q="participacion convocatoria")["results"]] == ["Minuta"]
    data = api(actor="adip")
    assert data["count"] == 1
    assert {v["value"]: v["count"] for v in data["facets"]["actor"]} == {"adip": 1, "infocdmx": 1}
