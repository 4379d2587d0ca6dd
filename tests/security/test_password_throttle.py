"""Page passwords are throttled like sign-ins, and a proxy's clients are told apart (issue 20 item 5).

Behind nginx every request comes from 127.0.0.1: counted by REMOTE_ADDR,
twenty failures from anyone locked everyone out (a member with the right
password got 429). The client is the address nginx saw, from
X-Forwarded-For, believed only when the request comes from a trusted proxy.
"""

from pathlib import Path

import pytest
from django.test import Client, override_settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from archive.pages.models import MinutesPage
from tests.factories import make_document, make_site

LOGIN = "/admin/login/"
PROXY = "127.0.0.1"


@pytest.fixture
def restricted(db):
    make_site()
    page = make_document(MinutesPage, "Minuta con contraseña", slug="minuta-con-clave")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="clave-de-la-mesa")
    return page, restriction


def try_password(page, restriction, password, **meta):
    meta.setdefault("REMOTE_ADDR", "203.0.113.7")
    client = Client()
    response = client.post(f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
                           {"password": password, "return_url": page.url}, **meta)
    return client, response


def test_wrong_page_passwords_lock_that_address_out(restricted):
    page, restriction = restricted
    for _ in range(5):
        _, response = try_password(page, restriction, "adivinanza")
        assert response.status_code == 200  # the form again
    client, response = try_password(page, restriction, "clave-de-la-mesa")
    assert response.status_code == 429
    text = response.content.decode()
    assert '<html lang="es"' in text and "Demasiados intentos fallidos con la contraseña" in text
    assert response["Retry-After"] == "900"
    # Another reader of the same page, from another address, still gets in.
    client, response = try_password(page, restriction, "clave-de-la-mesa", REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302
    assert "Minuta con contraseña" in client.get(page.url).content.decode()


@override_settings(LOGIN_THROTTLE_FAILURES_PER_IP=8)
def test_page_password_and_sign_in_failures_add_up_per_address(restricted, django_user_model):
    django_user_model.objects.create_superuser("editora", "e@example.org", "clave-correcta-123")
    page, restriction = restricted
    for n in range(4):
        Client().post(LOGIN, {"username": f"nadie{n}", "password": "x"}, REMOTE_ADDR="203.0.113.7")
        try_password(page, restriction, f"adivinanza{n}")
    response = Client().post(LOGIN, {"username": "editora", "password": "clave-correcta-123"},
                             REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429


def test_document_passwords_are_throttled_too(db):
    make_site()
    collection = Collection.get_first_root_node().add_child(name="Reservada")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="clave-del-anexo")
    address = f"/documentos/authenticate_with_password/{restriction.pk}/"
    for _ in range(5):
        assert Client().post(address, {"password": "x", "return_url": "/"}, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = Client().post(address, {"password": "clave-del-anexo", "return_url": "/"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    response = Client().post(address, {"password": "clave-del-anexo", "return_url": "/"}, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302


@override_settings(TRUSTED_PROXIES=["127.0.0.1/32"])
def test_everyone_behind_the_proxy_is_not_locked_out_together(restricted, django_user_model):
    django_user_model.objects.create_user("integrante", "i@example.org", "clave-de-integrante")
    page, restriction = restricted
    # One client behind nginx fails twenty sign-ins (any usernames) and five page passwords...
    for n in range(20):
        Client().post(LOGIN, {"username": f"nadie{n}", "password": "x"}, REMOTE_ADDR=PROXY,
                      HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(5):
        try_password(page, restriction, "adivinanza", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    # ...and is locked out:
    response = Client().post(LOGIN, {"username": "integrante", "password": "clave-de-integrante"},
                             REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 429
    # A member coming through the same nginx signs in, and a reader opens the page.
    response = Client().post(LOGIN, {"username": "integrante", "password": "clave-de-integrante"},
                             REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code != 429
    _, response = try_password(page, restriction, "clave-de-la-mesa", REMOTE_ADDR=PROXY,
                               HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302


@override_settings(TRUSTED_PROXIES=["127.0.0.1/32"], LOGIN_THROTTLE_FAILURES_PER_IP=3)
def test_a_client_cannot_pick_its_address_with_the_header(restricted):
    page, restriction = restricted
    # Not from the proxy: X-Forwarded-For is not believed, each guess counts against REMOTE_ADDR.
    for n in range(3):
        try_password(page, restriction, "adivinanza", REMOTE_ADDR="203.0.113.7",
                     HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    _, response = try_password(page, restriction, "clave-de-la-mesa", REMOTE_ADDR="203.0.113.7",
                               HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    # Through the proxy, what the client wrote before the address nginx appended is not believed either.
    for n in range(3):
        try_password(page, restriction, "adivinanza", REMOTE_ADDR=PROXY,
                     HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.20")
    _, response = try_password(page, restriction, "clave-de-la-mesa", REMOTE_ADDR=PROXY,
                               HTTP_X_FORWARDED_FOR="192.0.2.77, 198.51.100.20")
    assert response.status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(restricted, settings):
    settings.TRUSTED_PROXIES = []
    page, restriction = restricted
    for n in range(5):
        try_password(page, restriction, "adivinanza", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    _, response = try_password(page, restriction, "clave-de-la-mesa", REMOTE_ADDR=PROXY,
                               HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 429


def test_the_nginx_recipe_appends_the_address_it_saw():
    # The right-most address is nginx's own observation; TRUSTED_PROXIES defaults to 127.0.0.1 in production.
    template = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf.template").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in template
