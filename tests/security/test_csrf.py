"""Every form that changes something refuses a POST without the CSRF token."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

# Our views that skip the check on purpose, and why.
CSRF_EXEMPT_ALLOWED = {
    # OAI-PMH: harvesters POST the same read-only arguments as GET, without a session.
    "archive.interop.views.oai_pmh",
    # Wagtail's read-only API (Django REST framework marks its views exempt and
    # checks CSRF itself for session users); they answer GET only, see below.
    "archive.interop.api.PublicPagesAPIViewSet",
    "archive.interop.api.PublicDocumentsAPIViewSet",
    "archive.interop.api.PublicImagesAPIViewSet",
}
OWN_PACKAGES = ("archive.", "search.", "home.")


def walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_no_view_of_ours_skips_the_csrf_check_unless_listed():
    exempt = set()
    for callback in walk(get_resolver().url_patterns):
        view = getattr(callback, "view_class", callback)
        name = f"{callback.__module__}.{getattr(view, '__name__', '')}"
        if callback.__module__.startswith(OWN_PACKAGES) and getattr(callback, "csrf_exempt", False):
            exempt.add(name)
    assert exempt == CSRF_EXEMPT_ALLOWED


def post_endpoints(archive):
    """(address, data, needs an editor). One line per form of the site."""
    page = archive.public
    restriction = archive.states["clave"].page.get_view_restrictions().first()
    collection = Collection.get_first_root_node().add_child(name="Reservada")
    file_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return [
        ("/admin/login/", {"username": "editora", "password": "clave-correcta-123"}, False),
        (f"/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/", {"password": "x"}, False),
        (f"/documentos/authenticate_with_password/{file_restriction.pk}/", {"password": "x"}, False),
        (f"/admin/retirar/{page.pk}/", {"reason": "Prueba"}, True),
        ("/admin/lenguaje-sencillo/puntuar/", {"summary": "Texto", "body": ""}, True),
        (f"/admin/pages/{page.pk}/edit/", {"title": "Cambiado"}, True),
        (f"/admin/pages/{page.pk}/unpublish/", {}, True),
        (f"/admin/pages/{page.pk}/delete/", {}, True),
        ("/admin/logout/", {}, True),
    ]


@pytest.mark.django_db
def test_every_form_refuses_a_post_without_token(archive, db, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", "e@example.org", "clave-correcta-123")
    for address, data, needs_editor in post_endpoints(archive):
        client = Client(enforce_csrf_checks=True)
        if needs_editor:
            client.force_login(editor)
        response = client.post(address, data)
        assert response.status_code == 403, address
    # Nothing happened: the page is still live under its title.
    archive.public.refresh_from_db()
    assert archive.public.live and archive.public.title == "Minuta pública de control"


@pytest.mark.django_db
def test_oai_pmh_post_is_exempt_because_it_changes_nothing(archive, db):
    response = Client(enforce_csrf_checks=True).post("/oai/", {"verb": "Identify"})
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pages", "documents", "images"])
def test_api_accepts_no_writes(archive, db, endpoint):
    response = Client(enforce_csrf_checks=True).post(f"/api/v2/{endpoint}/", {"title": "x"})
    assert response.status_code == 405
