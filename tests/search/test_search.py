"""The public search as people use it: words without accents, plurals, the
names they know things by, phrases, facets, and bad input."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from archive.pages.models import CallPage, MinutesPage, ReportPage, VideoPage
from search.backends import get_backend
from search.models import SearchRecord
from tests.factories import make_actor, make_axis, make_document, make_file, make_phase, minimal_pdf

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/buscar/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, **params):
    return [r["title"] for r in api(client, **params)["results"]]


def facet(data, name):
    return {v["value"]: v["count"] for v in data["facets"][name]}


@pytest.fixture
def corpus():
    adip = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP")
    info = make_actor("Instituto de Transparencia de la Ciudad de México", slug="infocdmx", kind="guarantor",
                      acronym="INFO CDMX", aliases="InfoCDMX, Info CDMX")
    consulta = make_phase("Consulta pública", slug="consulta-publica", order=6)
    mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    genero = make_axis("Género e inclusión", slug="genero-e-inclusion")
    docs = {
        "call": make_document(
            CallPage, "Convocatoria para integrar el Grupo Asesor",
            summary="Invitación pública a organizaciones y personas expertas.",
            date=datetime.date(2021, 2, 4), phase=consulta, actors=[adip],
            opening_date=datetime.date(2021, 2, 4), closing_date=datetime.date(2021, 3, 26),
        ),
        "minutes": make_document(
            MinutesPage, "Minuta de la mesa de Género e inclusión",
            summary="Acuerdos de la mesa sobre participación ciudadana de las mujeres.",
            date=datetime.date(2022, 11, 8), phase=mesas, actors=[info], axes=[genero],
        ),
        "report": make_document(
            ReportPage, "Memoria del proceso",
            summary="Relato del proceso de la Alianza para el Gobierno Abierto en la ciudad.",
            date=datetime.date(2023, 6, 1), phase=mesas, actors=[info, adip],
        ),
    }
    return docs


def test_words_typed_without_accents_find_accented_words(client, corpus):
    assert titles(client, q="participacion") == ["Minuta de la mesa de Género e inclusión"]
    assert titles(client, q="genero inclusion") == ["Minuta de la mesa de Género e inclusión"]


def test_plural_finds_singular_and_back(client, corpus):
    assert titles(client, q="convocatorias") == ["Convocatoria para integrar el Grupo Asesor"]
    assert "Minuta de la mesa de Género e inclusión" in titles(client, q="minutas")
    assert "Memoria del proceso" in titles(client, q="procesos")


def test_names_people_search_by_are_synonyms(client, corpus):
    # The report says "Alianza para el Gobierno Abierto"; people type AGA or OGP.
    assert titles(client, q="AGA") == ["Memoria del proceso"]
    assert titles(client, q="ogp") == ["Memoria del proceso"]
    # The actor's acronym and aliases are searchable on its documents.
    assert set(titles(client, q="InfoCDMX")) == {"Minuta de la mesa de Género e inclusión", "Memoria del proceso"}
    assert "Convocatoria para integrar el Grupo Asesor" in titles(client, q="ADIP")


def test_quoted_phrase_matches_as_a_phrase(client, corpus):
    make_document(ReportPage, "Informe A", summary="El plan de acción se suspendió.")
    make_document(ReportPage, "Informe B", summary="La acción del plan fue otra.")
    assert titles(client, q='"plan de accion"') == ["Informe A"]
    assert set(titles(client, q="plan accion")) == {"Informe A", "Informe B"}


def test_title_weighs_more_than_body(client, corpus):
    make_document(ReportPage, "Informe sin relación", summary="Otro tema.", date=datetime.date(2023, 1, 1),
                  body=[("paragraph", "<p>Se menciona la palabra lineamientos una vez.</p>")])
    make_document(ReportPage, "Lineamientos de trabajo", summary="Reglas.", date=datetime.date(2020, 1, 1))
    assert titles(client, q="lineamiento")[0] == "Lineamientos de trabajo"


def test_facets_are_disjunctive_and_exact(client, corpus):
    everything = api(client)
    assert everything["count"] == 3
    assert facet(everything, "tipo") == {"convocatoria": 1, "minuta": 1, "informe": 1}
    assert facet(everything, "actor") == {"adip": 2, "infocdmx": 2}

    one_actor = api(client, actor="adip")
    assert one_actor["count"] == 2
    # The actor facet is counted without its own filter: choosing INFO CDMX too
    # would give 2 more or fewer, and the person sees that.
    assert facet(one_actor, "actor") == {"adip": 2, "infocdmx": 2}
    # The other facets are counted with the actor filter applied.
    assert facet(one_actor, "tipo") == {"convocatoria": 1, "informe": 1}
    assert [v["selected"] for v in one_actor["facets"]["actor"] if v["value"] == "adip"] == [True]

    both = client.get("/api/buscar/?actor=adip&actor=infocdmx").json()
    assert both["count"] == 3  # OR within a facet
    across = client.get("/api/buscar/?actor=adip&tipo=informe").json()
    assert [r["title"] for r in across["results"]] == ["Memoria del proceso"]  # AND across facets
    assert facet(api(client, eje="genero-e-inclusion"), "anio") == {"2022": 1}


def test_empty_query_browses_newest_first_and_order_can_change(client, corpus):
    assert titles(client) == ["Memoria del proceso", "Minuta de la mesa de Género e inclusión",
                              "Convocatoria para integrar el Grupo Asesor"]
    assert titles(client, orden="fecha")[0] == "Convocatoria para integrar el Grupo Asesor"


def test_undated_documents_come_last_in_date_order(client, corpus):
    make_document(ReportPage, "Foro sin fecha", date=None, date_precision="unknown")
    assert titles(client)[-1] == "Foro sin fecha"
    assert titles(client, orden="fecha")[-1] == "Foro sin fecha"


def test_drafts_unpublished_and_private_pages_never_appear(client, corpus):
    make_document(ReportPage, "Borrador secreto de participación", live=False)
    restricted = make_document(ReportPage, "Informe restringido de participación")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    corpus["minutes"].unpublish()
    data = api(client, q="participacion")
    assert data["count"] == 0
    assert all(v["count"] == 0 for values in data["facets"].values() for v in values)
    assert api(client)["count"] == 2
    assert "informe" in facet(api(client), "tipo") and facet(api(client), "tipo")["informe"] == 1


def test_a_page_saved_not_live_by_any_path_leaves_every_public_output(client, corpus):
    # What a stale background save did after a publish: the page row saved
    # with live=False and no unpublish signal.
    page = corpus["report"]
    code = page.reference_code
    page.live = False
    page.save()
    assert api(client, q="memoria")["count"] == 0
    assert facet(api(client), "tipo").get("informe", 0) == 0
    assert client.get("/buscar/", {"q": "memoria"}).content.decode().count("Memoria del proceso") == 0
    for address in (page.url, f"/id/{code}/"):
        assert client.get(address).status_code in (404, 410), address
    for address in ("/feeds/documentos.atom", "/sitemap.xml", "/catalogo.json", "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc",
                    "/api/v2/pages/?type=pages.ReportPage"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "memoria-del-proceso" not in response.content.decode(), address


def test_index_follows_publish_edit_and_delete(client, corpus):
    page = corpus["report"]
    page.title = "Memoria final del proceso"
    page.save_revision().publish()
    assert titles(client, q="final") == ["Memoria final del proceso"]
    page.delete()
    assert titles(client, q="final") == []
    assert api(client)["count"] == 2


def test_actor_added_at_first_publish_is_findable_by_it(client, corpus):
    ilsb = make_actor("Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society", acronym="ILSB")
    make_document(MinutesPage, "Sesión con organizaciones", actors=[ilsb])
    assert titles(client, actor="ilsb") == ["Sesión con organizaciones"]
    assert titles(client, q="ILSB") == ["Sesión con organizaciones"]


def test_snippet_marks_matched_words_and_escapes_the_rest(client):
    make_document(ReportPage, "Informe", summary="<b>Texto</b> sobre la participación ciudadana en la ciudad.")
    result = api(client, q="participacion")["results"][0]
    assert "<mark>participación</mark>" in result["snippet"]
    assert "<b>" not in result["snippet"] and "&lt;b&gt;" in result["snippet"]


def test_hit_inside_a_pdf_names_the_page_and_links_to_it(client):
    pdf = make_file("lineamientos.pdf", minimal_pdf("Portada", "Reglas de la mesa", "Cronograma de sesiones"))
    make_document(ReportPage, "Lineamientos de trabajo", summary="Reglas.", attachments=[pdf])
    result = api(client, q="cronograma")["results"][0]
    assert result["passage"]["label"].endswith("página 3")
    assert result["passage"]["url"].endswith("#page=3")
    assert "<mark>Cronograma</mark>" in result["snippet"]
    html = client.get("/buscar/", {"q": "cronograma"}).content.decode()
    assert "#page=3" in html and "página 3" in html


def test_hit_in_a_video_transcript_links_to_that_moment(client):
    vtt = make_file(
        "sesion.vtt",
        b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBienvenida a la mesa.\n\n"
        b"00:01:05.500 --> 00:01:09.000\nHablemos del presupuesto participativo.\n",
    )
    video = make_file("sesion.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    make_document(VideoPage, "Video de la mesa", summary="Grabación.", captions=vtt, video_file=video)
    result = api(client, q="presupuesto")["results"][0]
    assert result["passage"]["url"].endswith("#t=65")
    assert "1:05" in result["passage"]["label"]


def test_html_page_shows_kind_date_phase_actors_and_live_count(client, corpus):
    html = client.get("/buscar/", {"q": "mujeres", "etapa": "mesas-de-cocreacion"}).content.decode()
    assert "Minuta de la mesa de Género e inclusión" in html
    assert "8 de noviembre de 2022" in html and "Mesas de cocreación" in html
    assert "Instituto de Transparencia de la Ciudad de México" in html
    assert 'role="status"' in html and "1 documento" in html
    assert 'name="robots" content="noindex"' in html


def test_no_result_says_so_and_suggests_what_to_try(client, corpus):
    html = client.get("/buscar/", {"q": "zzzinexistente palabra", "tipo": "minuta"}).content.decode()
    assert "Ningún documento coincide" in html
    assert "menos palabras" in html
    assert "Quitar «Minuta»" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 20_000},
        {"q": " ".join(f"palabra{i}" for i in range(500))},
        {"q": '"'},
        {"q": 'participación "sin cerrar'},
        {"q": "\x00\x01\x1f control"},
        {"q": "NEAR(a b) OR * ^ : -"},
        {"tipo": "no-existe"},
        {"actor": "<script>"},
        {"pagina": "9999"},
        {"anio": "20x1"},
    ],
)
def test_bad_input_never_fails(client, corpus, params):
    for url in ("/buscar/", "/api/buscar/"):
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "²", "①", "٣", "99999999999999999999"])
def test_bad_page_number_is_a_clear_400(client, corpus, page):
    response = client.get("/api/buscar/", {"pagina": page})
    assert response.status_code == 400
    assert "número de página" in response.json()["error"]
    html = client.get("/buscar/", {"pagina": page})
    assert html.status_code == 400 and "número de página" in html.content.decode()


def test_unknown_facet_value_is_reported_not_fatal(client, corpus):
    data = api(client, tipo="no-existe")
    assert data["count"] == 3
    assert any("no-existe" in notice for notice in data["notices"])


def test_script_in_query_is_shown_as_text(client, corpus):
    html = client.get("/buscar/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_long_query_is_capped(client, corpus):
    data = api(client, q=" ".join(f"palabra{i}" for i in range(100)))
    assert any("primeras" in notice for notice in data["notices"])


def test_page_past_the_end_says_so(client, corpus):
    data = api(client, pagina="50")
    assert data["results"] == [] and data["count"] == 3
    assert any("no existe" in notice for notice in data["notices"])


def test_queries_per_search_do_not_grow_with_results(client, corpus):
    def count_queries(**params):
        with CaptureQueriesContext(connection) as ctx:
            api(client, **params)
        return len(ctx.captured_queries)

    # Each process reads the site and home page once per change: warm it first.
    api(client, q="mesa")
    few = count_queries(q="mesa")
    for i in range(25):
        make_document(MinutesPage, f"Mesa número {i}")
    api(client, q="mesa")
    many = count_queries(q="mesa")
    assert many == few
    assert count_queries(q="mesa", actor="adip", tipo="minuta") <= few + 1
    assert few <= 8


def test_json_has_the_documented_shape(client, corpus):
    data = api(client, q="memoria")
    assert set(data) >= {"count", "page", "pages", "results", "facets"}
    result = data["results"][0]
    assert set(result) >= {"title", "url", "permalink", "kind", "date", "phase", "actors", "summary", "snippet"}
    assert result["kind"] == "informe" and result["date"] == "2023-06-01"
    # The address to cite is the permanent one, which survives moves and renames.
    assert "/id/AGA-CDMX-2023-INF-" in result["permalink"]
    assert result["url"].startswith("http")
    assert set(data["facets"]) == {"tipo", "etapa", "actor", "eje", "anio", "formato"}
    for values in data["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count", "selected"}


def test_catalogue_entries_are_a_format_facet(client, corpus):
    pdf = make_file("a.pdf", minimal_pdf("Texto"))
    make_document(ReportPage, "Con archivo", attachments=[pdf])
    data = api(client)
    formats = facet(data, "formato")
    assert formats["sin-archivo"] == 3
    assert formats["pdf"] == 1
    assert titles(client, formato="pdf") == ["Con archivo"]


def test_rebuild_command_restores_a_lost_index(client, corpus):
    get_backend().clear()
    SearchRecord.objects.all().delete()
    assert api(client, q="memoria")["count"] == 0
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert titles(client, q="memoria") == ["Memoria del proceso"]
    assert api(client)["count"] == 3
