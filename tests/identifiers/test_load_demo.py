"""The demo load publishes through revisions, so its documents get codes; loading
again publishes nothing and so mints nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from archive.identifiers.models import DocumentVersion, Identifier, IdentifierSequence
from archive.pages.models import DocumentPage


@pytest.fixture(scope="module")
def loaded_twice(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        first = dict(Identifier.objects.values_list("page_id", "code"))
        first_versions = DocumentVersion.objects.count()
        call_command("load_demo", stdout=io.StringIO())
        yield first, first_versions
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_twice, db):
    return loaded_twice


def test_every_published_demo_document_has_one_code_and_one_version(demo):
    first, first_versions = demo
    live = set(DocumentPage.objects.live().values_list("pk", flat=True))
    assert live and set(first) == live
    assert first_versions == len(live)


def test_the_second_load_mints_nothing_and_changes_nothing(demo):
    first, first_versions = demo
    assert dict(Identifier.objects.values_list("page_id", "code")) == first
    assert DocumentVersion.objects.count() == first_versions
    assert sum(IdentifierSequence.objects.values_list("last_value", flat=True)) == len(first)


def test_demo_codes_follow_the_scheme(demo):
    codes = set(Identifier.objects.values_list("code", flat=True))
    assert "AGA-CDMX-2023-INF-001" in codes  # the Memoria del proceso
    assert all(code.startswith("AGA-CDMX-") for code in codes)


def test_assign_identifiers_finds_nothing_left_to_do(demo):
    out = io.StringIO()
    call_command("assign_identifiers", stdout=out)
    assert "Códigos nuevos: 0." in out.getvalue()
