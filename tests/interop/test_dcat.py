"""/data.json: the open-data catalogue in DCAT-US (Project Open Data v1.1, non-federal), valid against its JSON Schema."""

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from archive.pages.models import DocumentPage

from .helpers import build_archive

SCHEMAS = Path(__file__).parent / "schemas" / "data-json"


def validator():
    catalog = json.loads((SCHEMAS / "catalog.json").read_text())
    dataset = json.loads((SCHEMAS / "dataset-non-federal.json").read_text())
    # The catalogue names the dataset schema by a relative address; both by their published ids too.
    registry = Registry().with_resources(
        [(schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT4))
         for schema in (catalog, dataset)]
    )
    return jsonschema.Draft4Validator(catalog, registry=registry, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def archive(db):
    return build_archive()


def test_data_json_is_a_valid_dcat_us_catalogue(archive, client):
    response = client.get("/data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]
    assert errors == []
    assert document["@type"] == "dcat:Catalog"
    (dataset,) = document["dataset"]
    # Its distributions are the archive's real downloads and services, on its public address.
    downloads = {d.get("downloadURL") or d.get("accessURL"): d for d in dataset["distribution"]}
    for url in downloads:
        assert url.startswith("http://localhost/")
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url
    assert downloads["http://localhost/catalogo.csv"]["mediaType"] == "text/csv"
    # Dates follow the public documents: the newest publication, and the span of their dates.
    newest = max(p.last_published_at for p in DocumentPage.objects.visible())
    assert dataset["modified"] == newest.date().isoformat()
    assert dataset["temporal"] == "2020-09-01/2023-01-01"
    assert "Mesas de cocreación" in dataset["keyword"]


def test_a_browser_that_prefers_english_gets_the_same_file(archive, client):
    response = client.get("/data.json", HTTP_ACCEPT="text/html,*/*", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.json()["@type"] == "dcat:Catalog"


def test_the_schema_check_catches_a_catalogue_that_is_not_one(archive, client):
    document = client.get("/data.json").json()
    del document["dataset"][0]["publisher"]
    document["dataset"][0]["distribution"][0].pop("mediaType")
    messages = [e.message for e in validator().iter_errors(document)]
    assert any("publisher" in m for m in messages)
    assert any("mediaType" in m for m in messages)
