"""Nothing of a hidden document reaches the public, through any channel.

Rows: the states of tests/security/archive.py (never published, unpublished,
a newer draft of a public page, restricted by password, by login, by a
restriction on an ancestor). Columns: every public address that shows
documents. A new channel is one line in CHANNELS.
"""

import json

import pytest
from django.test import Client

from .archive import STATES

FEEDS = ["documentos", "etapa/fase-reservada", "etapa/mesas-de-cocreacion", "tipo/minuta", "tipo/informe",
         "actor/colectivo-reservado", "eje/eje-reservado"]
OAI = "/oai/?verb={}&metadataPrefix=oai_dc"


def oai_ids(s):
    ids = [f"oai:archivo-abierto:{s.page.pk}"]
    if s.code:
        ids.append(f"oai:archivo-abierto:{s.code}")
    return [f"/oai/?verb=GetRecord&metadataPrefix=oai_dc&identifier={i}" for i in ids]


# name: function (archive, state) -> addresses to fetch. A redirect is followed
# when the channel says so (its target is part of what the channel shows).
CHANNELS = {
    "pagina": (lambda a, s: [s.page.url], False),
    "direccion_antigua": (lambda a, s: [s.old_url] if s.old_url else [], True),
    "id": (lambda a, s: [f"/id/{s.code}/"] if s.code else [], True),
    "id_version": (lambda a, s: [f"/id/{s.code}/v/{n}/" for n in (1, 2, 3)] if s.code else [], False),
    "buscar": (lambda a, s: [f"/buscar/?q={s.marker}", f"/buscar/?q={s.marker}archivo", "/buscar/"], False),
    "api_buscar": (lambda a, s: [f"/api/buscar/?q={s.marker}", f"/api/buscar/?q={s.marker}archivo"], False),
    "feeds": (lambda a, s: [f"/feeds/{f}.atom" for f in FEEDS], False),
    "oai_list": (lambda a, s: [OAI.format("ListRecords"), OAI.format("ListIdentifiers"),
                               OAI.format("ListRecords") + "&set=etapa:fase-reservada", "/oai/?verb=ListSets"], False),
    "oai_get": (lambda a, s: oai_ids(s), False),
    "sitemap": (lambda a, s: ["/sitemap.xml"], False),
    "catalogo": (lambda a, s: ["/catalogo.csv", "/catalogo.json"], False),
    "api_paginas": (lambda a, s: ["/api/v2/pages/?limit=100", f"/api/v2/pages/{s.page.pk}/",
                                  f"/api/v2/pages/?search={s.marker}", "/api/v2/pages/?type=pages.MinutesPage&fields=*"],
                    False),
    "api_archivos": (lambda a, s: ["/api/v2/documents/?limit=100", f"/api/v2/documents/{s.file.pk}/"], False),
    "citas": (lambda a, s: [f"/cita/{s.page.pk}.{f}" for f in ("bib", "ris", "json")], False),
    "version_accesible": (lambda a, s: [f"/documentos/{s.file.pk}/version-accesible/"], False),
    "archivo": (lambda a, s: [s.file.url], False),
    "media": (lambda a, s: ["/media/" + s.file.file.name], False),
    "taxonomia": (lambda a, s: ["/etapas/", "/etapas/fase-reservada/", "/actores/", "/actores/colectivo-reservado/",
                                "/ejes/eje-reservado/"], False),
    "listados": (lambda a, s: ["/", "/minutas/", "/informes/"], False),
    "linea_de_tiempo": (lambda a, s: ["/linea-de-tiempo/", "/mesas-de-cocreacion/"], False),
    "cifras": (lambda a, s: ["/cifras/"] + [f"/cifras/{f}.csv" for f in ("etapa", "tipo", "eje", "actor", "anio")],
               False),
    "glosario": (lambda a, s: ["/glosario/"], False),
}


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


@pytest.mark.parametrize("state_name", list(STATES))
@pytest.mark.parametrize("channel", list(CHANNELS))
def test_hidden_document_never_shown(archive, db, channel, state_name):
    state = archive.states[state_name]
    addresses, follow = CHANNELS[channel]
    client = Client()
    for address in addresses(archive, state):
        response = client.get(address, follow=follow)
        assert response.status_code < 500, address
        body = text_of(response)
        for secret in state.secrets:
            assert secret not in body, f"{address} shows «{secret}»"
        if channel == "cifras" and address.endswith(".csv"):
            assert str(state.year) not in body, f"{address} counts the year {state.year}"


@pytest.mark.parametrize("state_name", list(STATES))
def test_hidden_files_answer_404_everywhere(archive, db, state_name):
    state = archive.states[state_name]
    client = Client()
    for address in [state.file.url, f"/documentos/{state.file.pk}/version-accesible/", "/media/" + state.file.file.name,
                    f"/api/v2/documents/{state.file.pk}/"]:
        assert client.get(address).status_code == 404, address


def test_public_and_shared_files_stay_downloadable(archive, db):
    """A file held by a public document and by a private one is public: the public one shows it."""
    client = Client()
    for file in (archive.public_file, archive.shared_file):
        response = client.get(file.url)
        assert response.status_code == 200, file.url
        assert client.get(f"/documentos/{file.pk}/version-accesible/").status_code == 200
        listed = {d["id"] for d in client.get("/api/v2/documents/?limit=100").json()["items"]}
        assert file.pk in listed


def test_media_folder_never_serves_a_document_file(archive, db):
    """Even the public file: /media/documents/ skips the check of who asks, so it answers nothing."""
    assert Client().get("/media/" + archive.public_file.file.name).status_code == 404


@pytest.mark.parametrize("state_name", list(STATES))
def test_facet_counts_leave_hidden_documents_out(archive, db, state_name):
    state = archive.states[state_name]
    for query in ("", f"?q={state.marker}", "?etapa=fase-reservada", f"?anio={state.year}"):
        data = json.loads(Client().get("/api/buscar/" + query).content)
        counts = {(facet, v["value"]): v["count"] for facet, values in data["facets"].items() for v in values}
        for key in [("etapa", "fase-reservada"), ("actor", "colectivo-reservado"), ("eje", "eje-reservado"),
                    ("anio", str(state.year)), ("anio", state.year)]:
            assert counts.get(key, 0) == 0, (query, key)
        assert all(state.marker not in json.dumps(hit, ensure_ascii=False) for hit in data["results"])


def test_files_of_hidden_documents_for_who_may_see_them(archive, db, django_user_model):
    """The check is about who asks: a signed-in member reads a login-only document's file, an editor any file."""
    sesion, borrador = archive.states["sesion"], archive.states["borrador"]
    member = Client()
    member.force_login(django_user_model.objects.create_user("integrante", password="x"))
    assert member.get(sesion.file.url).status_code == 200
    assert member.get(borrador.file.url).status_code == 404
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("editora", password="x"))
    assert editor.get(borrador.file.url).status_code == 200


def test_password_restricted_file_after_the_password(archive, db):
    clave = archive.states["clave"]
    client = Client()
    assert client.get(clave.file.url).status_code == 404
    restriction = clave.page.get_view_restrictions().first()
    response = client.post(f"/_util/authenticate_with_password/{restriction.pk}/{clave.page.pk}/",
                           {"password": "x", "return_url": clave.page.url})
    assert response.status_code == 302
    assert client.get(clave.file.url).status_code == 200


def test_old_address_of_unpublished_document_does_not_reveal_its_new_one(archive, db):
    """Wagtail would still answer 301 to the address the page was renamed to, naming it."""
    state = archive.states["despublicado"]
    response = Client().get(state.old_url)
    assert response.status_code == 404
    assert "renombrada" not in response.get("Location", "")


def test_old_address_of_public_document_still_redirects(archive, db, django_user_model):
    clave = archive.states["clave"]
    clave.page.get_view_restrictions().delete()
    response = Client().get(clave.old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(clave.page.url)
