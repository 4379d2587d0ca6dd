"""Hostile and malformed input to the API and the other public exports (issues 15 and 20).

Every input answers 400 (or 404 for a record that does not exist) with a
Spanish message, JSON for /api/ and HTML elsewhere: never a 500, on SQLite
and on PostgreSQL. The test client re-raises a view's exception, so a 500
fails the test with its traceback.
"""

import pytest
from defusedxml import ElementTree as ET
from django.test import Client

from archive.pages.models import CallPage
from tests.factories import make_document, make_file, make_site

SEARCH = "no hace búsquedas"
CONTROL = "caracteres de control"
NOT_FOUND_API = "No hay nada público"
BAD_HTML = "No entendimos esta dirección"
NOT_FOUND_HTML = "No encontramos esta página"
HUGE = "99999999999999999999"
OAI = "{http://www.openarchives.org/OAI/2.0/}"

# (address, status, a fragment of the Spanish message)
API_CASES = [
    # Wagtail's search: refused, pointing to the archive's own.
    ("/api/v2/pages/?search=%22", 400, SEARCH),
    ("/api/v2/pages/?search=a&search_operator=x", 400, SEARCH),
    ("/api/v2/pages/?search=%20", 400, SEARCH),
    ("/api/v2/pages/?search=%09", 400, SEARCH),
    ("/api/v2/pages/?search=", 400, SEARCH),
    ("/api/v2/pages/?search_operator=and", 400, SEARCH),
    ("/api/v2/documents/?search=%22", 400, SEARCH),
    ("/api/v2/documents/?search=%09", 400, SEARCH),
    ("/api/v2/images/?search=foto", 400, SEARCH),
    ("/api/v2/pages/1/?search=a", 400, SEARCH),
    # limit and offset: digits 0-9 only, of a sensible size.
    (f"/api/v2/pages/?offset={HUGE}", 400, "«offset»"),
    (f"/api/v2/documents/?offset={HUGE}", 400, "«offset»"),
    (f"/api/v2/pages/?limit={HUGE}", 400, "«limit» debe ser un número de 0 a 100"),
    ("/api/v2/pages/?limit=101", 400, "«limit»"),
    ("/api/v2/pages/?limit=%D9%A3", 400, "«limit»"),  # Arabic-Indic three
    ("/api/v2/pages/?offset=%D9%A3", 400, "«offset»"),
    ("/api/v2/pages/?limit=%EF%BC%95", 400, "«limit»"),  # fullwidth five
    ("/api/v2/pages/?limit=%C2%B2", 400, "«limit»"),  # superscript two
    ("/api/v2/pages/?limit=-1", 400, "«limit»"),
    ("/api/v2/pages/?offset=-1", 400, "«offset»"),
    ("/api/v2/pages/?limit=abc", 400, "«limit»"),
    ("/api/v2/pages/?offset=1e3", 400, "«offset»"),
    ("/api/v2/pages/?limit=3_0", 400, "«limit»"),
    ("/api/v2/pages/?limit=%205", 400, "«limit»"),
    ("/api/v2/pages/?limit=", 400, "«limit»"),
    ("/api/v2/pages/?limit=%FF", 400, "«limit»"),  # not UTF-8
    # Page and record ids.
    (f"/api/v2/pages/?id={HUGE}", 400, "«id»"),
    ("/api/v2/documents/?id=abc", 400, "«id»"),
    (f"/api/v2/pages/?child_of={HUGE}", 400, "«child_of»"),
    ("/api/v2/pages/?child_of=abc", 400, "«child_of»"),
    ("/api/v2/pages/?descendant_of=%D9%A3", 400, "«descendant_of»"),
    ("/api/v2/pages/?ancestor_of=root", 400, "«ancestor_of»"),
    ("/api/v2/pages/?translation_of=-1", 400, "«translation_of»"),
    ("/api/v2/pages/?child_of=999999", 400, "no existe o no es pública"),
    ("/api/v2/pages/find/?id=abc", 400, "«id»"),
    (f"/api/v2/pages/find/?id={HUGE}", 400, "«id»"),
    ("/api/v2/documents/find/?id=-1", 400, "«id»"),
    # NUL bytes and control characters, in the query string or the path.
    ("/api/v2/pages/find/?html_path=%00", 400, CONTROL),
    ("/api/v2/pages/find/?id=%00", 400, CONTROL),
    ("/api/v2/pages/?title=%00", 400, CONTROL),
    ("/api/v2/documents/?title=%00", 400, CONTROL),
    ("/api/v2/pages/?%00=1", 400, CONTROL),
    ("/api/v2/pages/?locale=%00", 400, CONTROL),
    ("/api/v2/pages/?site=%00", 400, CONTROL),
    ("/api/v2/pages/?type=%00", 400, CONTROL),
    ("/api/v2/pages/?fields=%01", 400, CONTROL),
    ("/api/v2/pages/?order=%1B", 400, CONTROL),
    ("/api/v2/pages/?search=%00", 400, CONTROL),
    ("/api/v2/pages/%00/", 400, CONTROL),
    ("/api/v2/pages/find/?html_path=/%0B/", 400, CONTROL),
    # Unknown fields, orders, types and other parameters.
    ("/api/v2/pages/?fields=nope", 400, "«fields» nombra campos que no existen: nope"),
    ("/api/v2/pages/?fields=title(", 400, "«fields» no se entiende"),
    ("/api/v2/pages/?fields=title(slug)", 400, "El campo «title» no tiene subcampos"),
    ("/api/v2/documents/?fields=nope", 400, "«fields»"),
    ("/api/v2/pages/?order=nope", 400, "No se puede ordenar por «nope»"),
    ("/api/v2/pages/?order=title,random", 400, "«order=random»"),
    ("/api/v2/pages/?order=random&offset=1", 400, "«order=random» no admite «offset»"),
    ("/api/v2/documents/?order=-nope", 400, "No se puede ordenar por «-nope»"),
    ("/api/v2/pages/?type=nope", 400, "«type» no es un tipo de página"),
    ("/api/v2/pages/?type=wagtaildocs.Document", 400, "«type»"),
    ("/api/v2/pages/?nope=1", 400, "Parámetro desconocido: nope"),
    ("/api/v2/pages/?format=xyz", 400, "«format»"),
    ("/api/v2/pages/1/?format=xyz", 400, "«format»"),
    ("/api/v2/pages/?rich_text_format=xyz", 400, "«rich_text_format»"),
    ("/api/v2/pages/?site=nope", 400, "Ningún sitio"),
    ("/api/v2/pages/?site=a:b", 400, "el puerto"),
    ("/api/v2/pages/?locale=xx", 400, "Ningún sitio ni idioma"),
    ("/api/v2/pages/?child_of=root&descendant_of=root", 400, "«descendant_of» no se combina con «child_of»"),
    ("/api/v2/pages/?show_in_menus=quizá", 400, "no es un valor válido para «show_in_menus»"),
    # Records that do not exist: 404.
    (f"/api/v2/pages/{HUGE}/", 404, NOT_FOUND_API),
    (f"/api/v2/documents/{HUGE}/", 404, NOT_FOUND_API),
    ("/api/v2/pages/find/?html_path=/no-existe/", 404, NOT_FOUND_API),
    ("/api/v2/pages/find/?id=999999", 404, NOT_FOUND_API),
]

PAGE_CASES = [
    ("/feeds/etapa/%00.atom", 400, BAD_HTML),
    ("/oai/%00", 400, BAD_HTML),
    ("/%00/", 400, BAD_HTML),
    ("/documentos/%01/", 400, BAD_HTML),
    ("/cita/99999999999999999999999.bib", 404, NOT_FOUND_HTML),
    ("/cita/9223372036854775808.ris", 404, NOT_FOUND_HTML),  # one past the largest 64-bit integer
    ("/comentar/99999999999999999999999/", 404, NOT_FOUND_HTML),
]


@pytest.fixture
def site(db):
    # Enough for the hostile cases, which must be refused whatever the archive holds.
    return make_site()


@pytest.fixture
def archive(site):
    file = make_file("convocatoria.pdf", title="Convocatoria (PDF)")
    return make_document(CallPage, "Convocatoria a la consulta pública", attachments=[file])


@pytest.mark.parametrize(("address", "status", "message"), API_CASES)
def test_api_refuses_in_spanish_json(site, address, status, message):
    response = Client().get(address)
    assert response.status_code == status, (address, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), address
    body = response.json()
    assert message in body["message"], (address, body)
    # Wagtail's English words behind the untranslated fallback: every case here is translated.
    assert not body["message"].startswith("Parámetro no válido ("), (address, body)


@pytest.mark.parametrize(("address", "status", "message"), PAGE_CASES)
def test_pages_refuse_in_spanish_html(site, address, status, message):
    response = Client().get(address)
    assert response.status_code == status, (address, response.content[:300])
    assert response["Content-Type"].startswith("text/html"), address
    text = response.content.decode()
    assert '<html lang="es">' in text and message in text, address


def test_search_refusal_points_to_the_archives_search(site):
    body = Client().get("/api/v2/pages/", {"search": "participación ciudadana"}).json()
    assert "/api/buscar/" in body["message"]
    assert body["search_url"] == "http://localhost/api/buscar/?q=participaci%C3%B3n+ciudadana"


def test_tabs_and_line_breaks_in_the_query_string_are_not_refused(site):
    # A person may paste them into a search box; XML and PostgreSQL hold them.
    response = Client().get("/api/v2/pages/", {"title": "a\tb\r\nc"})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_normal_listing_still_works(archive):
    client = Client()
    body = client.get("/api/v2/pages/?limit=100").json()
    assert archive.title in [item["title"] for item in body["items"]]
    assert body["meta"]["total_count"] == len(body["items"])
    pair = client.get("/api/v2/pages/?offset=1&limit=2&order=-id&fields=title,search_description").json()
    assert [item["id"] for item in pair["items"]] == sorted((i["id"] for i in body["items"]), reverse=True)[1:3]
    assert "search_description" in pair["items"][0]["meta"]
    # The largest offset accepted: nothing past the end, and no database error.
    assert client.get("/api/v2/pages/?offset=999999999999999999").json()["items"] == []
    assert client.get("/api/v2/pages/?child_of=root&limit=0").status_code == 200
    assert client.get(f"/api/v2/pages/?type=pages.CallPage&id={archive.pk}").json()["meta"]["total_count"] == 1
    assert client.get(f"/api/v2/pages/{archive.pk}/").json()["title"] == archive.title
    assert client.get(f"/api/v2/pages/find/?html_path={archive.url}").status_code == 302
    files = client.get("/api/v2/documents/").json()["items"]
    assert [item["title"] for item in files] == ["Convocatoria (PDF)"]
    assert client.get(f"/cita/{archive.pk}.bib").status_code == 200


def oai_error(response):
    assert response.status_code == 200
    return ET.fromstring(response.content).find(f"{OAI}error").get("code")


@pytest.mark.parametrize("method", ["get", "post"])
def test_oai_answers_bad_identifiers_with_protocol_errors(archive, method):
    # OAI-PMH answers in its own terms, with HTTP 200 (README): harvesters read these codes, not an HTML page.
    ask = getattr(Client(), method)
    for identifier, code in [("oai:archivo-abierto:\x00", "badArgument"), ("\x00", "badArgument"),
                             ("oai:archivo-abierto:\ufffe", "badArgument"),
                             (f"oai:archivo-abierto:{HUGE}", "idDoesNotExist"),
                             ("oai:archivo-abierto:\u0663", "idDoesNotExist")]:
        response = ask("/oai/", {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"})
        assert oai_error(response) == code, identifier
    response = ask("/oai/", {"verb": "ListMetadataFormats", "identifier": f"oai:archivo-abierto:{HUGE}"})
    assert oai_error(response) == "idDoesNotExist"
    response = ask("/oai/", {"verb": "Identify", "\x00": "x"})
    assert oai_error(response) == "badArgument"


@pytest.mark.django_db
def test_the_archive_search_drops_control_characters_itself(client):
    # Text pasted from a PDF may carry them: the search cleans the words (search/query.py), never a 400.
    response = client.get("/api/buscar/", {"q": "\x00\x0c gobierno"})
    assert response.status_code == 200 and response.json()["fallback"] is False
    assert client.get("/buscar/", {"q": "a\x1fb"}).status_code == 200
