import io

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from PIL import Image

from archive.pages.models import ReportPage
from tests.factories import make_document


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert (16, 16) in icon.info["sizes"] and (32, 32) in icon.info["sizes"]


@pytest.mark.django_db
def test_every_page_links_its_icons(client):
    page = make_document(ReportPage, "Memoria")
    html = client.get(page.url).content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    svg = staticfiles_storage.url("icons/favicon.svg")
    touch = staticfiles_storage.url("icons/apple-touch-icon.png")
    assert f'<link rel="icon" href="{svg}" type="image/svg+xml">' in html
    assert f'<link rel="apple-touch-icon" href="{touch}">' in html
    assert finders.find("icons/favicon.svg") and finders.find("icons/apple-touch-icon.png")
