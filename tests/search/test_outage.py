"""Elasticsearch down: the site keeps serving pages and searches from the
plain listing, says so, logs it, and the rebuild catches up what it missed.

The outage is an address where nothing listens (the discard port on
loopback: refused at once); the rebuild's requests are read from the
client's transport, never from a fake server.
"""

import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig

from archive.pages.models import MinutesPage, ReportPage
from search.backends import forget_engines, get_backend
from search.engine import FALLBACK_NOTICE
from search.models import EngineBacklog
from tests.factories import make_document

pytestmark = pytest.mark.django_db

NOTHING_LISTENS = "http://127.0.0.1:9"


@pytest.fixture
def elasticsearch_down(settings):
    settings.ARCHIVE_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = NOTHING_LISTENS
    forget_engines()
    yield get_backend()
    forget_engines()


class RecordingTransport:
    """Stands in for the client's transport: answers 200 and keeps every request."""

    def __init__(self):
        self.requests = []

    def __call__(self, method, target, *, body=None, **kwargs):
        self.requests.append((method, target, body))
        meta = ApiResponseMeta(
            status=200, http_version="1.1", headers=HttpHeaders({"x-elastic-product": "Elasticsearch"}),
            duration=0.0, node=NodeConfig("http", "127.0.0.1", 9200),
        )
        if target.startswith("/_bulk"):
            lines = [json.loads(line) for line in body]
            items = [{"index": {"_id": line["index"]["_id"], "status": 201}} for line in lines if "index" in line]
            return meta, {"took": 1, "errors": False, "items": items}
        return meta, {"acknowledged": True}

    def bulk_sources(self):
        """{page id: document} of every document sent in bulk."""
        sent = {}
        for _method, target, body in self.requests:
            if target.startswith("/_bulk"):
                lines = [json.loads(line) for line in body]
                for action, source in zip(lines[::2], lines[1::2], strict=True):
                    sent[int(action["index"]["_id"])] = source
        return sent


def engine_errors(caplog):
    return [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("search")]


def test_publishing_with_elasticsearch_down_succeeds_and_records_what_it_missed(elasticsearch_down, caplog):
    with caplog.at_level(logging.ERROR):
        page = make_document(MinutesPage, "Minuta de la mesa de transparencia", summary="Acuerdos sobre datos abiertos.")
    assert page.live
    assert list(EngineBacklog.objects.values_list("page_id", flat=True)) == [page.pk]
    errors = engine_errors(caplog)
    assert errors and all(r.exc_info for r in errors)


def test_search_answers_from_the_listing_with_a_notice_and_logs_once(client, elasticsearch_down, caplog):
    make_document(ReportPage, "Memoria del proceso", summary="Relato de la Alianza para el Gobierno Abierto.")
    make_document(MinutesPage, "Minuta de la mesa", summary="Acuerdos de la mesa de género.")
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/buscar/", {"q": "memoria"})
    assert response.status_code == 200
    data = response.json()
    assert data["fallback"] is True
    assert data["notices"][0] == FALLBACK_NOTICE
    assert [r["title"] for r in data["results"]] == ["Memoria del proceso"]
    assert {v["value"]: v["count"] for v in data["facets"]["tipo"]} == {"informe": 1}
    errors = engine_errors(caplog)
    assert len(errors) == 1 and errors[0].exc_info is not None

    html = client.get("/buscar/", {"q": "aga"})
    assert html.status_code == 200
    text = html.content.decode()
    assert FALLBACK_NOTICE in text and "Memoria del proceso" in text
    # Pages are served as usual.
    assert client.get("/").status_code == 200


def test_search_on_the_embedded_engine_has_no_fallback(client):
    make_document(ReportPage, "Memoria del proceso")
    data = client.get("/api/buscar/", {"q": "memoria"}).json()
    assert data["fallback"] is False and FALLBACK_NOTICE not in data["notices"]


def test_rebuild_sends_every_document_once_elasticsearch_is_back(client, elasticsearch_down, monkeypatch):
    pages = [
        make_document(ReportPage, "Memoria del proceso"),
        make_document(MinutesPage, "Minuta de la mesa"),
        make_document(MinutesPage, "Minuta sin publicar", live=False),
    ]
    assert EngineBacklog.objects.count() == 2

    # While it is still down the rebuild says what is missing and fails, for cron to retry.
    with pytest.raises(CommandError, match="le faltan 2 actualizaciones"):
        call_command("rebuild_search_index", stdout=io.StringIO())

    transport = RecordingTransport()
    monkeypatch.setattr(elasticsearch_down.client.transport, "perform_request", transport)
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2 documentos" in out.getvalue()
    sent = transport.bulk_sources()
    assert set(sent) == {pages[0].pk, pages[1].pk}
    assert sent[pages[0].pk]["title"] == "Memoria del proceso"
    assert sent[pages[1].pk]["tipo"] == ["minuta"]
    assert EngineBacklog.objects.count() == 0
    # The index was recreated with its Spanish analysis before the documents went in.
    methods = [(m, t.split("?")[0]) for m, t, _b in transport.requests]
    assert methods.index(("PUT", "/archivo-abierto")) < methods.index(("PUT", "/_bulk"))
