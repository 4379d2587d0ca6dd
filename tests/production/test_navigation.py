"""The footer's listings follow the content: a renamed listing shows at once, even on cached pages."""

import pytest
from bs4 import BeautifulSoup

from archive.pages.models import DocumentIndexPage
from tests.factories import make_site

pytestmark = pytest.mark.django_db

# The page cache's shared store, unreachable (nothing listens on port 1).
UNREACHABLE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
               "OPTIONS": {"socket_connect_timeout": 0.2}}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.ARCHIVE_PAGE_CACHE = True


def footer_listings(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    footer = BeautifulSoup(response.content, "html.parser").select_one(".site-footer__links")
    return response, [link.get_text(strip=True) for link in footer.select("a")]


def test_a_renamed_listing_shows_in_the_footer_on_the_next_request(client):
    make_site()
    listing = DocumentIndexPage.objects.get(kind="minuta")
    old_title = listing.title
    _, before = footer_listings(client)
    assert old_title in before
    assert client.get("/")["X-Page-Cache"] == "hit"

    listing.title = "Minutas de las mesas"
    listing.save_revision().publish()

    response, after = footer_listings(client)
    assert response["X-Page-Cache"] == "miss"
    assert "Minutas de las mesas" in after and old_title not in after
    # And on the page as the cache now keeps it.
    assert footer_listings(client)[1] == after


def test_the_footer_is_read_from_the_database_when_the_cache_is_down(client, settings):
    make_site()
    settings.CACHES = {**settings.CACHES, "down": UNREACHABLE}
    settings.ARCHIVE_PAGE_CACHE_ALIAS = "down"
    _, listings = footer_listings(client)
    expected = [page.title for page in DocumentIndexPage.objects.live().order_by("path")]
    assert listings == expected and expected
