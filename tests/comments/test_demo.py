"""The demo's four testimonies are approved member comments, recorded once."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction

from archive.comments.models import CommentSubmission, MemberAccount, members_group
from archive.pages.models import MemberCommentPage, ReportPage


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def test_each_testimony_has_its_approved_submission(demo):
    memoria = ReportPage.objects.get(slug="memoria-del-proceso-2020-2023")
    testimonies = MemberCommentPage.objects.live()
    assert testimonies.count() == 4
    for page in testimonies:
        submission = page.submission
        assert submission.status == CommentSubmission.Status.APPROVED
        assert submission.document_id == memoria.pk and submission.actor == page.member
        assert submission.text == page.comment


def test_the_demo_accounts_cannot_sign_in(demo):
    accounts = MemberAccount.objects.select_related("user")
    assert accounts.count() == 4
    for account in accounts:
        assert not account.user.has_usable_password()
        assert members_group() in account.user.groups.all()
        assert not account.user.is_staff and not account.user.is_superuser


def test_a_second_load_records_nothing_new(demo):
    before = (CommentSubmission.objects.count(), MemberAccount.objects.count())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (CommentSubmission.objects.count(), MemberAccount.objects.count()) == before
    assert "Comentarios de integrantes registrados: 0 creados, 0 actualizados, 4 sin cambios" in out.getvalue()


def test_the_memoria_shows_its_four_testimonies(demo, client):
    memoria = ReportPage.objects.get(slug="memoria-del-proceso-2020-2023")
    soup = BeautifulSoup(client.get(memoria.url).content, "html.parser")
    items = soup.select("#comentarios-integrantes + ol > li")
    assert len(items) == 4
    names = " ".join(item.get_text(" ") for item in items)
    for name in ("Mónica Leonor Rivas Bazán", "Eduard Martín-Borregón", "Grupo Asesor", "Núcleo Promotor"):
        assert name in names
