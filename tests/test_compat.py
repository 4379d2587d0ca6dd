"""What archive/compat.py relies on in Django and Wagtail, checked against the installed versions.

A failure here after an upgrade names the shim to rewrite; without these
tests the same change would show as more queries or stale pages elsewhere.
"""

import copy
import inspect

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.functional import cached_property
from taggit.models import Tag
from wagtail.models import Page, Site

from archive.compat import forget_specific, keep_specific, prime_prefetch, set_request_site
from archive.pages.models import DocumentActor, MinutesPage
from home.models import HomePage
from tests.factories import make_actor, make_axis, make_document, make_site

pytestmark = pytest.mark.django_db


def test_primed_relations_answer_from_the_prefetch_cache():
    make_site()
    stored = make_document(MinutesPage, "Minuta", actors=[make_actor("Agencia", slug="agencia")],
                           axes=[make_axis("Transparencia")])
    stored.tags.add("acuerdos")
    other_actor, other_axis = make_actor("Colectivo", slug="colectivo"), make_axis("Género", slug="genero")
    page = MinutesPage.objects.get(pk=stored.pk)
    link = DocumentActor(pk=999, page=page, actor=other_actor, role="author")
    tag = Tag(name="primada", slug="primada")
    prime_prefetch(page, "actor_links", [link])
    prime_prefetch(page, "axes", [other_axis])
    prime_prefetch(page, "elements", [])
    prime_prefetch(page, "tags", [tag])
    with CaptureQueriesContext(connection) as queries:
        assert list(page.actor_links.all()) == [link] and page.actor_links.all()[0] is link
        assert list(page.axes.all()) == [other_axis]
        assert list(page.elements.all()) == []
        assert list(page.tags.all()) == [tag]
        # Django's own prefetch sees them as fetched already.
        prefetch_related_objects([page], "actor_links", "axes", "elements", "tags")
        assert list(page.axes.all()) == [other_axis]
    assert len(queries) == 0


def test_the_site_set_on_a_request_is_the_one_wagtail_finds():
    make_site()
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/", HTTP_HOST="desconocido.example")
    set_request_site(request, site)
    with CaptureQueriesContext(connection) as queries:
        assert Site.find_for_request(request) is site
    assert len(queries) == 0


def test_specific_is_a_cached_property_kept_in_the_instance():
    for name in ("specific", "specific_deferred"):
        assert isinstance(inspect.getattr_static(Page, name), cached_property), name
    make_site()
    home = HomePage.objects.get()
    root = Page.objects.get(pk=home.pk)
    keep_specific(root, home)
    with CaptureQueriesContext(connection) as queries:
        assert root.specific is home
    assert len(queries) == 0
    # A copy keeps what the original had read, until told to forget it.
    home.specific  # noqa: B018
    mine = copy.copy(home)
    assert mine.specific is home
    forget_specific(mine)
    assert mine.specific is mine
