"""What the document page reads without a query per request is still what the database holds.

The site, home page, view restrictions and vocabularies are kept per content
generation, and the record and relations are read in a few combined queries
(archive/web/sites.py, archive/pages/record.py): a visitor must never see
the difference, whichever way the content changed.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from archive.pages.models import CallPage, DocumentActor, MinutesPage, RelatedDocument, ReportPage
from archive.pages.record import _is_preview
from archive.taxonomy.models import Actor
from archive.web.sites import KnownSiteMiddleware
from home.models import HomePage
from tests.factories import make_actor, make_axis, make_document, make_element, make_related, make_site

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def words(node):
    return " ".join(node.get_text(" ").split()) if node else ""


def record_field(soup, label):
    for item in soup.select(".record__list > div"):
        if words(item.dt) == label:
            return [words(li) for li in item.select("li")] or [words(item.dd)]
    return []


def test_the_site_picked_is_the_one_wagtail_would_pick():
    make_site()
    home = HomePage.objects.get()
    other_root = Page.objects.get(depth=1)
    Site.objects.create(hostname="archivo.example", port=80, root_page=home)
    Site.objects.create(hostname="archivo.example", port=8080, root_page=other_root)
    Site.objects.create(hostname="solo.example", port=443, root_page=other_root)
    Site.objects.create(hostname="doble.example", port=80, root_page=home)
    Site.objects.create(hostname="doble.example", port=81, root_page=home)
    middleware = KnownSiteMiddleware(Site.find_for_request)
    pairs = [(hostname, port) for hostname in ("localhost", "archivo.example", "solo.example", "doble.example",
                                               "desconocido.example") for port in (80, 81, 443, 8080, 8000)]
    for hostname, port in pairs:
        try:
            expected = get_site_for_hostname(hostname, port).pk
        except Site.DoesNotExist:
            expected = None
        picked = middleware(RequestFactory().get("/", HTTP_HOST=hostname, SERVER_PORT=str(port)))
        assert (picked.pk if picked else None) == expected, (hostname, port)
    # Asked again in the same generation: the same answers, without a query.
    with CaptureQueriesContext(connection) as queries:
        for hostname, port in pairs:
            picked = middleware(RequestFactory().get("/", HTTP_HOST=hostname, SERVER_PORT=str(port)))
            if picked is not None:
                assert picked.root_page.specific.pk == picked.root_page_id
    assert len(queries) == 0


def test_each_request_gets_its_own_site_and_home_page():
    make_site()
    middleware = KnownSiteMiddleware(Site.find_for_request)
    first = middleware(RequestFactory().get("/"))
    second = middleware(RequestFactory().get("/"))
    first.root_page.specific.title = "Cambiado por otra petición"
    assert second is not first
    assert second.root_page.specific.title != "Cambiado por otra petición"
    assert isinstance(second.root_page.specific, HomePage)
    # As Wagtail's own lookup leaves it: the root is a plain page, equal to the one in the database.
    assert second.root_page == Page.objects.get(pk=second.root_page_id)


def test_a_published_change_to_the_home_page_shows_at_once(client):
    make_site()
    assert soup_of(client, "/").title
    home = HomePage.objects.get()
    home.title = "Memoria del plan de acción"
    home.save_revision().publish()
    assert "Memoria del plan de acción" in words(soup_of(client, "/").title)


def test_a_site_moved_to_another_home_serves_it_at_once(client):
    make_site()
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.hostname = "archivo.example"
    site.save()
    # Wagtail falls back to the default site for any hostname.
    assert client.get("/", HTTP_HOST="archivo.example").status_code == 200
    site.root_page = Page.objects.get(depth=1)
    site.save()
    assert client.get("/convocatorias/").status_code == 404


def test_a_restriction_on_a_section_applies_to_its_documents_at_once(client):
    make_site()
    call = make_document(CallPage, "Convocatoria al Grupo Asesor")
    assert client.get(call.url).status_code == 200
    PageViewRestriction.objects.create(page=call.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(call.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_record_lists_actors_axes_elements_and_tags_as_stored(client):
    make_site()
    adip = make_actor("Agencia Digital de Innovación Pública", slug="adip")
    mujeres = make_actor("Mujeres en Red", slug="mujeres-en-red", kind="civil_society")
    minutes = make_document(MinutesPage, "Minuta de la mesa", actors=[(mujeres, "participant"), (adip, "author")],
                            axes=[make_axis("Transparencia", order=2), make_axis("Género e inclusión", order=1)])
    minutes.elements.add(make_element("Memoria y archivo"))
    minutes.tags.add("seguimiento", "Acuerdos")
    minutes.save()
    soup = soup_of(client, minutes.url)
    assert record_field(soup, "Actores") == ["Mujeres en Red (participante)", "Agencia Digital de Innovación Pública (autor o autora)"]
    assert record_field(soup, "Ejes temáticos") == ["Género e inclusión", "Transparencia"]
    assert record_field(soup, "Elementos de apertura") == ["Memoria y archivo"]
    assert record_field(soup, "Etiquetas") == ["Acuerdos, seguimiento"]


def test_an_actor_added_without_signals_still_shows(client):
    """A bulk insert sends no signal, so no new generation: the page reads the new actor itself."""
    make_site()
    minutes = make_document(MinutesPage, "Minuta de la mesa", actors=[make_actor("Agencia Digital", slug="adip")])
    client.get(minutes.url)  # the vocabularies are now kept for this generation
    [late] = Actor.objects.bulk_create([Actor(name="Colectivo Tardío", slug="colectivo-tardio", kind="civil_society")])
    late_tag = Tag.objects.create(name="agregada-tarde", slug="agregada-tarde")
    DocumentActor.objects.bulk_create([DocumentActor(page=minutes, actor=late, role="participant", sort_order=5)])
    minutes.tags.through.objects.bulk_create([minutes.tags.through(content_object=minutes, tag=late_tag)])
    from archive.web.cache import generation

    before = generation()
    soup = soup_of(client, minutes.url)
    assert generation() == before
    assert "Colectivo Tardío (participante)" in record_field(soup, "Actores")
    assert "agregada-tarde" in words(soup.select_one(".record__list"))


def test_the_chain_stops_five_steps_away_and_survives_a_loop(client):
    make_site()
    steps = [make_document(ReportPage, f"Paso {n}", date=datetime.date(2021, 1, 1 + n)) for n in range(8)]
    for earlier, later in zip(steps, steps[1:], strict=False):
        make_related(earlier, later, "leads_to")

    def chain_titles(page):
        items = [words(li) for li in soup_of(client, page.url).select("ol.lineage > li")]
        return [item.replace("Este documento: ", "").split(" Memoria o informe")[0] for item in items]

    assert chain_titles(steps[0]) == [f"Paso {n}" for n in range(6)]
    assert chain_titles(steps[7]) == [f"Paso {n}" for n in range(2, 8)]
    make_related(steps[1], steps[0], "leads_to")  # 0 -> 1 -> 0: a loop
    assert chain_titles(steps[0])[:2] == ["Paso 1", "Paso 0"]


def test_a_preview_shows_the_links_being_edited_not_the_stored_ones():
    make_site()
    minutes = make_document(MinutesPage, "Minuta de la mesa", actors=[make_actor("Agencia Digital", slug="adip")],
                            axes=[make_axis("Transparencia")])
    stored_target = make_document(ReportPage, "Informe enlazado")
    new_target = make_document(CallPage, "Convocatoria enlazada en el borrador")
    make_related(minutes, stored_target)
    edited = MinutesPage.objects.get(pk=minutes.pk)
    edited.actor_links = [DocumentActor(actor=make_actor("Colectivo Nuevo", slug="colectivo-nuevo"), role="author")]
    edited.axes = [make_axis("Género e inclusión", slug="genero")]
    edited.related_links = [RelatedDocument(target=new_target, relation="related")]
    response = edited.make_preview_request(preview_mode=edited.default_preview_mode)
    soup = BeautifulSoup(response.content, "html.parser")
    assert record_field(soup, "Actores") == ["Colectivo Nuevo (autor o autora)"]
    assert record_field(soup, "Ejes temáticos") == ["Género e inclusión"]
    related = words(soup.select_one(".related-list"))
    assert "Convocatoria enlazada en el borrador" in related and "Informe enlazado" not in related
    # The stored page is no preview: its record comes in the combined queries.
    assert not _is_preview(MinutesPage.objects.get(pk=minutes.pk))
