"""A small archive for the comment tests: a public document, a member, a moderator, an editor."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from archive.comments.models import MemberAccount
from archive.pages.models import DocumentIndexPage, MinutesPage
from search import facets, indexing, vocabulary
from tests.factories import make_actor, make_document, make_membership

PASSWORD = "una-clave-de-prueba-larga"  # noqa: S105 - test accounts only


@pytest.fixture(autouse=True)
def run_index_updates(monkeypatch):
    """Index updates wait for a commit that a test's transaction never makes: run them at once."""
    facets.forget_snapshot()
    vocabulary._cache.clear()
    monkeypatch.setattr(indexing, "defer", lambda callback: callback())


@pytest.fixture
def document(db):
    return make_document(
        MinutesPage, "Minuta de la mesa de Género e inclusión",
        summary="Gobierno y sociedad acordaron tres problemas que el plan debía atender.",
        date=datetime.date(2022, 11, 8), meeting_body="Mesa de cocreación de Género e inclusión",
    )


@pytest.fixture
def actor(db):
    actor = make_actor("Mónica Leonor Rivas Bazán", slug="monica-rivas", kind="expert", is_person=True)
    make_membership(actor, body="grupo_asesor", joined=datetime.date(2021, 4, 1), role="Persona experta")
    return actor


def make_user(django_user_model, username, groups=(), **fields):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD, **fields)
    for group in groups:
        user.groups.add(group)
    return user


@pytest.fixture
def member(db, django_user_model, actor):
    user = make_user(django_user_model, "monica")
    MemberAccount.objects.create(user=user, actor=actor)  # also puts the account in «Integrantes»
    return user


def staff_group(name, permission_types, document):
    """A group that reaches the admin and may do ``permission_types`` under the comments listing."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    index = DocumentIndexPage.objects.get(kind="comentario")
    for permission_type in permission_types:
        GroupPagePermission.objects.create(group=group, page=index, permission_type=permission_type)
    return group


@pytest.fixture
def moderator(db, django_user_model, document):
    return make_user(django_user_model, "moderadora", [staff_group("Moderación", ["add", "change", "publish"], document)])


@pytest.fixture
def editor(db, django_user_model, document):
    return make_user(django_user_model, "editora", [staff_group("Edición", ["add", "change"], document)])


def client_for(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member):
    return client_for(member)


@pytest.fixture
def moderator_client(moderator):
    return client_for(moderator)


# The browser check of the comment pages shares the accessibility tests' Chromium.
from tests.accessibility.conftest import browser, browser_page, clean_search_index  # noqa: E402, F401
