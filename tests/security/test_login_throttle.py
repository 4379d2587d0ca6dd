"""Repeated failed sign-ins lock the username, and the client address, for a while."""

import time

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory, override_settings

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editora", "editora@example.org", "clave-correcta-123")


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, ip="203.0.113.7"):
    for _ in range(times):
        response = attempt(client, username, "equivocada", ip)
        assert response.status_code == 200  # the form again, with its error


@pytest.mark.django_db
def test_five_failures_lock_the_username_even_with_the_right_password(editor):
    client = Client()
    fail(client, "editora", 5)
    response = attempt(client, "editora", "clave-correcta-123")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Demasiados intentos fallidos" in text and "15 minutos" in text
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lock_follows_the_username_from_another_address(editor):
    fail(Client(), "Editora", 5, ip="203.0.113.7")
    assert attempt(Client(), "editora", "clave-correcta-123", ip="198.51.100.9").status_code == 429


@pytest.mark.django_db
def test_four_failures_then_success_resets_the_count(editor):
    client = Client()
    fail(client, "editora", 4)
    assert attempt(client, "editora", "clave-correcta-123").status_code == 302
    client.logout()
    fail(client, "editora", 4)
    assert attempt(client, "editora", "clave-correcta-123").status_code == 302


@pytest.mark.django_db
@override_settings(LOGIN_THROTTLE_FAILURES_PER_IP=6)
def test_many_usernames_from_one_address_lock_the_address(editor):
    for n in range(6):
        attempt(Client(), f"persona{n}", "equivocada")
    assert attempt(Client(), "editora", "clave-correcta-123").status_code == 429
    assert attempt(Client(), "editora", "clave-correcta-123", ip="198.51.100.9").status_code == 302


@pytest.mark.django_db
@override_settings(LOGIN_THROTTLE_FAILURES=2, LOGIN_THROTTLE_LOCKOUT=1)
def test_limits_are_settings_and_the_lock_ends(editor):
    client = Client()
    fail(client, "editora", 2)
    response = attempt(client, "editora", "clave-correcta-123")
    assert response.status_code == 429
    assert "espera 1 minuto e" in response.content.decode()
    time.sleep(1.2)
    assert attempt(client, "editora", "clave-correcta-123").status_code == 302


@pytest.mark.django_db
def test_any_login_view_that_calls_authenticate_is_throttled(editor):
    """The members' login (/cuenta/entrar/) and any other form use authenticate(), which holds the check."""
    factory = RequestFactory()
    for _ in range(5):
        assert authenticate(factory.post("/cuenta/entrar/"), username="editora", password="equivocada") is None
    request = factory.post("/cuenta/entrar/")
    assert authenticate(request, username="editora", password="clave-correcta-123") is None
    assert request.login_throttled


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["10.0.0.1/32"], LOGIN_THROTTLE_FAILURES_PER_IP=3)
def test_behind_a_trusted_proxy_its_header_names_the_client(editor):
    for n in range(3):
        Client().post(LOGIN, {"username": f"p{n}", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                      HTTP_X_FORWARDED_FOR="203.0.113.7")
    # Same proxy, another client: not locked.
    response = Client().post(
        LOGIN, {"username": "editora", "password": "clave-correcta-123"}, REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 302
