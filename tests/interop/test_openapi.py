"""The OpenAPI description of the public JSON API (/api/openapi.json), and the API's hostile-input tests driven by it.

The document is validated as OpenAPI 3.1 (openapi-spec-validator); then
schemathesis generates requests from it, valid and invalid, for every
operation, and checks each answer against it: never a 500, only the status
codes, content types and JSON shapes it declares. The examples are bounded
and derandomized, so the run takes seconds and fails the same way twice.
The general property-based suite for every address is tests/security/.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .helpers import build_archive

EXAMPLES = 15


@pytest.fixture
def archive(db):
    return build_archive()


@pytest.fixture
def api_schema(archive):
    # Requests go through Django's WSGI handler, which closes the database connection after each
    # answer; on PostgreSQL that would end the test's transaction. Django's test client keeps it
    # the same way: by not closing it for the duration.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_description_is_valid_openapi_3_1_at_a_stable_address(archive, client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    # Every public JSON endpoint is described, on the archive's public address.
    assert set(document["paths"]) >= {
        "/api/buscar/", "/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/documents/", "/api/v2/documents/{id}/",
        "/catalogo.json",
    }
    assert document["servers"] == [{"url": "http://localhost"}]


def test_a_described_parameter_the_view_does_not_read_would_be_caught(archive, client):
    # The contract is checked against the views, not only against itself: the search's
    # «pagina» is declared an integer of at least 1, and the view refuses 0 with 400 and its message.
    response = client.get("/api/buscar/", {"pagina": "0"})
    assert response.status_code == 400
    assert "página" in response.json()["error"]


def test_api_answers_as_described(api_schema):
    # One Hypothesis run per operation, each bounded (schemathesis' pytest plugin does not run on pytest 9).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_described(case):
            # Every check but «schema-valid data is accepted»: a well-formed filter that names no public page
            # (child_of=100), a field or model that does not exist (fields=, type=) is refused with 400 and a
            # Spanish message by design, and the description cannot list the archive's pages.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        answers_as_described()
