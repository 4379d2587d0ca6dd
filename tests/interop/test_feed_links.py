"""Each phase, actor, axis and kind listing offers its own feed: in the <head> and as a visible link."""

import pytest
from bs4 import BeautifulSoup

from archive.pages.models import MinutesPage
from tests.factories import index_for, make_actor, make_axis, make_document, make_phase

pytestmark = pytest.mark.django_db


def feed_links(client, address):
    response = client.get(address)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    alternates = soup.head.find_all("link", rel="alternate", type="application/atom+xml")
    visible = soup.select("main a[type='application/atom+xml']")
    return alternates, visible


def subjects():
    phase = make_phase("Cocreación", slug="cocreacion")
    actor = make_actor("Colectivo Ciudad Abierta", slug="colectivo-ciudad-abierta", kind="civil_society")
    axis = make_axis("Transparencia", slug="transparencia")
    make_document(MinutesPage, "Minuta de la mesa", phase=phase, actors=[actor], axes=[axis])
    return [
        (
            phase.get_absolute_url(),
            "/feeds/etapa/cocreacion.atom",
            "Archivo Abierto: documentos nuevos de la etapa «Cocreación»",
        ),
        (
            actor.get_absolute_url(),
            "/feeds/actor/colectivo-ciudad-abierta.atom",
            "Archivo Abierto: documentos nuevos de Colectivo Ciudad Abierta",
        ),
        (
            axis.get_absolute_url(),
            "/feeds/eje/transparencia.atom",
            "Archivo Abierto: documentos nuevos del eje «Transparencia»",
        ),
        (index_for(MinutesPage).url, "/feeds/tipo/minuta.atom", "Archivo Abierto: Minutas, lo más reciente"),
    ]


def test_phase_actor_axis_and_kind_pages_link_their_own_feed(client):
    for page_address, feed_address, title in subjects():
        alternates, visible = feed_links(client, page_address)
        # Their own feed first, so a reader that takes one takes this one; the site's feed after it.
        assert [(link["href"], link["title"]) for link in alternates[:1]] == [(feed_address, title)], page_address
        assert alternates[-1]["href"] == "/feeds/documentos.atom"
        assert [(link["href"], link.get_text()) for link in visible] == [(feed_address, "Suscribirse (Atom)")]
        feed = client.get(feed_address)
        assert feed.status_code == 200
        assert f"<title>{title}</title>" in feed.content.decode()
        assert "Minuta de la mesa" in feed.content.decode()
