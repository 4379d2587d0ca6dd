"""Permanent and old addresses: /id/<code>/ follows the page, old addresses answer 301,
withdrawn documents answer 410 at both, and nothing leaks of drafts or private pages."""

import datetime

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils.encoding import iri_to_uri
from wagtail.models import PageViewRestriction

from archive.identifiers.models import Identifier
from archive.identifiers.registry import DELETED_REASON, withdraw
from archive.pages.models import MinutesPage
from tests.factories import make_actor, make_document, make_site


def text_of(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


class Renaming:
    def rename(self, page, slug, title=None):
        """Change a published page's slug the way an editor does: a new revision, published.

        Wagtail creates the redirect once the transaction commits, which a
        TestCase only simulates when asked to run on-commit callbacks.
        """
        page = type(page).objects.get(pk=page.pk)
        page.slug = slug
        if title:
            page.title = title
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        return type(page).objects.get(pk=page.pk)


class PermanentAddressTests(Renaming, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_the_code_redirects_to_the_current_page(self):
        page = make_document(MinutesPage, "Primera sesión")
        response = self.client.get(page.permanent_path)
        # 302: the code is what is permanent; where it points may change again.
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], page.url)

    def test_the_code_follows_renames(self):
        page = make_document(MinutesPage, "Primera sesión")
        path = page.permanent_path
        page = self.rename(page, "sesion-inaugural", "Sesión inaugural")
        self.assertRedirects(self.client.get(path), "/minutas/sesion-inaugural/", fetch_redirect_response=True)
        page = self.rename(page, "sesion-inaugural-2022")
        self.assertRedirects(self.client.get(path), "/minutas/sesion-inaugural-2022/")

    def test_the_code_is_read_in_any_case(self):
        page = make_document(MinutesPage, "Primera sesión")
        self.assertEqual(self.client.get(page.permanent_path.lower()).status_code, 302)

    def test_an_unknown_or_malformed_code_gets_the_spanish_404_page(self):
        make_document(MinutesPage, "Primera sesión")
        # A NUL (%00) is refused before any lookup: 400, «No entendimos esta dirección» (archive/web).
        self.assertEqual(self.client.get("/id/%00/").status_code, 400)
        for path in ["/id/AGA-CDMX-2022-MIN-999/", "/id/no-es-un-codigo/", "/id/AGA-CDMX-2022-MIN-001/v/99/"]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                text = text_of(response)
                self.assertIn("No encontramos esta página", text)
                soup = BeautifulSoup(response.content.decode(), "html.parser")
                self.assertIsNotNone(soup.select_one("main form[role=search]"), "a search box")

    def test_drafts_unpublished_and_private_documents_reveal_nothing(self):
        unpublished = make_document(MinutesPage, "Sesión despublicada secreta")
        unpublished_path = unpublished.permanent_path
        unpublished.unpublish()
        private = make_document(MinutesPage, "Sesión privada secreta")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="clave")
        for path in (unpublished_path, private.permanent_path, private.permanent_path + "v/1/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("secreta", response.content.decode())
                self.assertNotIn("Location", response)

    def test_republishing_after_an_unpublication_brings_the_code_back(self):
        page = make_document(MinutesPage, "Sesión")
        path = page.permanent_path
        page.unpublish()
        self.assertEqual(self.client.get(path).status_code, 404)
        MinutesPage.objects.get(pk=page.pk).save_revision().publish()
        self.assertEqual(self.client.get(path).status_code, 302)
        self.assertEqual(MinutesPage.objects.get(pk=page.pk).reference_code, page.reference_code)


class OldAddressTests(Renaming, TestCase):
    """Wagtail's automatic redirects (WAGTAILREDIRECTS_AUTO_CREATE) keep old addresses alive."""

    @classmethod
    def setUpTestData(cls):
        make_site()

    def test_a_renamed_document_answers_301_at_its_old_address(self):
        page = make_document(MinutesPage, "Primera sesión")
        old = page.url
        self.rename(page, "sesion-inaugural")
        response = self.client.get(old)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/minutas/sesion-inaugural/")

    def test_a_chain_of_two_renames_sends_both_old_addresses_straight_to_the_current_one(self):
        page = make_document(MinutesPage, "Primera sesión")
        first = page.url
        second = self.rename(page, "sesion-inaugural").url
        current = self.rename(page, "sesion-inaugural-2022").url
        for old in (first, second):
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], current)
        self.assertEqual(self.client.get(current).status_code, 200)

    def test_renaming_a_listing_redirects_the_documents_under_it(self):
        page = make_document(MinutesPage, "Primera sesión")
        old = page.url
        self.rename(page.get_parent().specific, "actas")
        moved = MinutesPage.objects.get(pk=page.pk)
        self.assertTrue(moved.url.startswith("/actas/"))
        response = self.client.get(old)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], iri_to_uri(moved.url))
        self.assertEqual(Identifier.objects.get(page=page).last_url, moved.url)


class WithdrawalTests(Renaming, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")

    def make_withdrawn(self, reason="Contenía datos personales de una persona que pidió retirarlos."):
        author = make_actor("Fundación Avina", slug="fundacion-avina", kind="civil_society")
        page = make_document(
            MinutesPage, "Minuta de la sesión del 27 de octubre", actors=[(author, "author")],
            date=datetime.date(2022, 10, 27),
        )
        withdraw(page, reason, user=self.editor)
        return page

    def assert_gone(self, response, page_code, permanent_path):
        self.assertEqual(response.status_code, 410)
        text = text_of(response)
        self.assertIn("Este documento se retiró del archivo", text)
        self.assertIn("Contenía datos personales de una persona que pidió retirarlos.", text)
        for expected in ("Minuta de la sesión del 27 de octubre", "27 de octubre de 2022", "Fundación Avina", page_code,
                         "http://localhost" + permanent_path):
            self.assertIn(expected, text)
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        self.assertEqual(soup.html["lang"], "es")
        self.assertEqual(len(soup.find_all("h1")), 1)
        self.assertIsNotNone(soup.select_one("time[datetime]"), "when it was withdrawn")

    def test_both_addresses_answer_410_with_reason_and_citation(self):
        page = self.make_withdrawn()
        identifier = Identifier.objects.get(page=page)
        self.assertIsNotNone(identifier.withdrawn_at)
        self.assertFalse(MinutesPage.objects.get(pk=page.pk).live)
        for path in (page.url, page.url.rstrip("/"), page.permanent_path, page.permanent_path + "v/1/"):
            with self.subTest(path=path):
                response = self.client.get(path, follow=True)
                self.assert_gone(response, page.reference_code, page.permanent_path)

    def test_an_older_address_redirects_then_answers_410(self):
        page = make_document(MinutesPage, "Primera sesión")
        old = page.url
        page = self.rename(page, "sesion-inaugural")
        withdraw(page, "Se publicó por error: es un borrador interno.")
        response = self.client.get(old, follow=True)
        self.assertEqual(response.redirect_chain, [("/minutas/sesion-inaugural/", 301)])
        self.assertEqual(response.status_code, 410)
        self.assertIn("Se publicó por error", text_of(response))

    def test_republishing_clears_the_withdrawal(self):
        page = self.make_withdrawn()
        MinutesPage.objects.get(pk=page.pk).save_revision().publish()
        identifier = Identifier.objects.get(page=page)
        self.assertIsNone(identifier.withdrawn_at)
        self.assertEqual(identifier.withdrawal_reason, "")
        self.assertEqual(self.client.get(page.url).status_code, 200)
        self.assertEqual(self.client.get(page.permanent_path).status_code, 302)

    def test_deleting_a_published_document_withdraws_it(self):
        page = make_document(MinutesPage, "Minuta borrada")
        path, old = page.permanent_path, page.url
        MinutesPage.objects.get(pk=page.pk).delete()
        for address in (path, old):
            with self.subTest(address=address):
                response = self.client.get(address)
                self.assertEqual(response.status_code, 410)
                self.assertIn("Minuta borrada", text_of(response))
                self.assertIn(DELETED_REASON, text_of(response))

    def test_an_unpublished_document_deleted_later_reveals_nothing(self):
        page = make_document(MinutesPage, "Minuta secreta")
        path = page.permanent_path
        page.unpublish()
        MinutesPage.objects.get(pk=page.pk).delete()
        response = self.client.get(path)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("secreta", response.content.decode())


class WithdrawalAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")
        cls.reader = get_user_model().objects.create_user("lectora", "lectora@example.org", "clave-segura")

    def setUp(self):
        self.page = make_document(MinutesPage, "Minuta por retirar")
        self.url = f"/admin/retirar/{self.page.pk}/"

    def test_the_editor_finds_the_action_and_the_form(self):
        self.client.force_login(self.editor)
        edit = self.client.get(f"/admin/pages/{self.page.pk}/edit/").content.decode()
        self.assertIn(self.url, edit)
        self.assertIn("Retirar del archivo", edit)
        form = self.client.get(self.url)
        self.assertEqual(form.status_code, 200)
        self.assertIn(self.page.reference_code, form.content.decode())
        self.assertIn("Motivo del retiro", form.content.decode())

    def test_a_reason_is_required_in_plain_spanish(self):
        self.client.force_login(self.editor)
        for reason in ("", "corto"):
            with self.subTest(reason=reason):
                response = self.client.post(self.url, {"reason": reason})
                self.assertEqual(response.status_code, 400)
                self.assertTrue(MinutesPage.objects.get(pk=self.page.pk).live)
        self.assertIn("Escribe el motivo", self.client.post(self.url, {"reason": ""}).content.decode())

    def test_withdrawing_unpublishes_and_records_the_reason(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.url, {"reason": "Contenía datos personales de una persona."})
        self.assertEqual(response.status_code, 302)
        identifier = Identifier.objects.get(page=self.page)
        self.assertEqual(identifier.withdrawal_reason, "Contenía datos personales de una persona.")
        self.assertEqual(identifier.withdrawn_by, self.editor)
        self.assertFalse(MinutesPage.objects.get(pk=self.page.pk).live)
        self.assertEqual(self.client.get(self.page.url).status_code, 410)
        history = self.client.get(f"/admin/pages/{self.page.pk}/history/").content.decode()
        self.assertIn("Retirado del archivo", history)

    def test_who_cannot_publish_cannot_withdraw(self):
        self.client.force_login(self.reader)
        response = self.client.post(self.url, {"reason": "Quiero retirarlo sin permiso."})
        self.assertIn(response.status_code, (302, 403))
        self.assertTrue(MinutesPage.objects.get(pk=self.page.pk).live)
        self.assertIsNone(Identifier.objects.get(page=self.page).withdrawn_at)

    def test_a_page_that_is_not_a_document_is_refused(self):
        self.client.force_login(self.editor)
        listing = self.page.get_parent()
        # Wagtail's admin answers a refusal by sending the user back with a message.
        self.assertIn(self.client.get(f"/admin/retirar/{listing.pk}/").status_code, (302, 403))
        self.assertEqual(self.client.get("/admin/retirar/999999/").status_code, 404)


class PrivateWithdrawalTests(TestCase):
    def test_withdrawing_a_private_document_still_reveals_nothing(self):
        make_site()
        page = make_document(MinutesPage, "Minuta privada secreta")
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="clave")
        withdraw(page, "Se retiró por un motivo que no es público.")
        for path in (page.permanent_path, page.url):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("secreta", response.content.decode())
