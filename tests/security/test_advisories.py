"""Regression tests for Wagtail's past security advisories that touch what this archive uses.

The table in ADVISORIES.md says which advisory each test stands for, and why
the others do not apply.
"""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from archive.pages.models import LetterPage
from tests.factories import make_document, make_file

from .test_xss import PAYLOAD, assert_inert_html


@pytest.fixture
def admin_user_without_pages(django_user_model):
    """Can sign in to the admin (as a member of a group with admin access) but has no permission on any page."""
    group = Group.objects.create(name="Solo panel")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("mirona", password="x")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def test_ghsa_92hv_etag_does_not_confirm_a_hidden_files_hash(archive, db):
    """GHSA-92hv-j533-69wc: If-None-Match with a file's SHA1 answered 304 before any permission check."""
    hidden = archive.states["borrador"].file
    response = Client().get(hidden.url, HTTP_IF_NONE_MATCH=f'"{hidden.file_hash}"')
    assert response.status_code == 404
    public = archive.public_file
    assert Client().get(public.url, HTTP_IF_NONE_MATCH=f'"{public.file_hash}"').status_code == 304


def test_ghsa_c2xx_and_p5gm_api_hides_files_in_private_collections_and_their_children(archive, db):
    """GHSA-c2xx-cjmh-9q8f, GHSA-p5gm-92h4-6pv6: the documents API listed files of (children of) private collections."""
    private = Collection.get_first_root_node().add_child(name="Reservada")
    child = private.add_child(name="Subcolección")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    file = make_file("en-coleccion.pdf", title="Archivo en subcolección reservada")
    file.collection = child
    file.save()
    make_document(LetterPage, "Carta pública con archivo en colección reservada", attachments=[file])
    client = Client()
    listed = client.get("/api/v2/documents/?limit=100").json()["items"]
    assert file.pk not in {item["id"] for item in listed}
    assert client.get(f"/api/v2/documents/{file.pk}/").status_code == 404
    download = client.get(file.url)
    assert download.status_code == 200 and not download.streaming  # the password form, not the file
    assert "password" in download.content.decode()
    assert client.get(f"/documentos/{file.pk}/version-accesible/").status_code == 404


def test_cve_2021_29434_editor_drops_javascript_links_from_rich_text(archive, db):
    """CVE-2021-29434: a javascript: URL typed as a link in the rich text editor reached the page.

    The fix sits where the editor's content is converted for storage (the
    body's paragraphs use these features); rich text written around the
    editor is not cleaned at render, see ADVISORIES.md.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from archive.pages.models.base import BodyBlock

    features = BodyBlock.base_blocks["paragraph"].features
    entity = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
    contentstate = {
        "entityMap": {"0": entity},
        "blocks": [{"key": "a", "type": "unstyled", "text": "ver", "depth": 0, "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 3, "key": 0}]}],
    }
    stored = ContentstateConverter(features).to_database_format(json.dumps(contentstate))
    assert "javascript:" not in stored
    assert "ver" in stored


@pytest.mark.parametrize("query", ["a" * 20000, '"' * 5000, "(" * 5000 + "x", "OR " * 3000, '"a ' * 4000, "\x00" * 100])
def test_cve_2024_39317_pathological_queries_are_answered_not_crashed(archive, db, query):
    """CVE-2024-39317 was a ReDoS in Wagtail's query parser; ours (search/query.py) must take any text too."""
    for address in ("/buscar/", "/api/buscar/"):
        response = Client().get(address, {"q": query})
        assert response.status_code in (200, 400), (address, query[:10])


def test_cve_2026_44197_44198_history_and_revisions_need_page_permission(archive, db, admin_user_without_pages):
    """CVE-2026-44197/44198: anyone with admin access could read a page's history and compare its revisions."""
    page = archive.states["sesion"].page
    revision = page.latest_revision
    for address in (
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk]),
    ):
        response = admin_user_without_pages.get(address)
        assert response.status_code in (302, 403), address
        assert "zafirosesion" not in response.content.decode()


def test_cve_2026_25517_preview_needs_page_permission(archive, db, admin_user_without_pages):
    """CVE-2026-25517: admin preview endpoints rendered pages for users without edit permission."""
    page = archive.states["borrador"].page
    response = admin_user_without_pages.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))
    assert response.status_code in (302, 403)
    assert "zafirobor" not in response.content.decode()


def test_cve_2023_28836_our_admin_withdraw_view_escapes_titles(archive, db, django_user_model):
    """CVE-2023-28836 was stored XSS in ModelAdmin views; our own admin view (Retirar del archivo) shows titles too."""
    page = make_document(LetterPage, f"Carta {PAYLOAD}")
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("editora", "e@example.org", "x"))
    response = client.get(f"/admin/retirar/{page.pk}/")
    assert response.status_code == 200
    assert_inert_html(response.content.decode(), "retirar")
    explorer = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert_inert_html(explorer.content.decode(), "explorador")


@pytest.mark.parametrize("target", ["https://malicioso.example/", "//malicioso.example/", "javascript:alert(1)"])
def test_redirects_after_password_or_login_stay_on_the_site(archive, db, django_user_model, target):
    """Open redirects: the page password form and the admin login only go back to our own addresses."""
    restriction = archive.states["clave"].page.get_view_restrictions().first()
    response = Client().post(
        f"/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/",
        {"password": "x", "return_url": target},
    )
    assert response.status_code == 302 and "malicioso" not in response["Location"]
    assert not response["Location"].startswith("javascript")
    django_user_model.objects.create_superuser("editora", "e@example.org", "clave-correcta-123")
    response = Client().post(
        "/admin/login/?next=" + target, {"username": "editora", "password": "clave-correcta-123", "next": target}
    )
    assert response.status_code == 302 and "malicioso" not in response["Location"]
    assert not response["Location"].startswith("javascript")
