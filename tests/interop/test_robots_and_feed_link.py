import pytest

from archive.pages.models import ReportPage
from tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_every_page_announces_the_feed_of_new_documents(client):
    page = make_document(ReportPage, "Memoria")
    html = client.get(page.url).content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert client.get("/feeds/documentos.atom").status_code == 200
