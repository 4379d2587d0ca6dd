"""Each published version has its own permanent address and shows the document as it was."""

import datetime
from unittest import mock

from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Revision

from archive.identifiers.models import DocumentVersion
from archive.identifiers.registry import withdraw
from archive.pages.models import MinutesPage
from tests.factories import make_document, make_site


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(soup):
    return " ".join(soup.get_text(" ").split())


def publish_edit(page, published_at, **changes):
    page = MinutesPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with mock.patch("django.utils.timezone.now", return_value=published_at):
        page.save_revision().publish()
    return MinutesPage.objects.get(pk=page.pk)


class VersionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def setUp(self):
        self.first_day = timezone.make_aware(datetime.datetime(2024, 5, 3, 12, 0))
        with mock.patch("django.utils.timezone.now", return_value=self.first_day):
            self.page = make_document(MinutesPage, "Minuta original", summary="Lo que se dijo primero.")
        self.page = publish_edit(
            self.page, timezone.make_aware(datetime.datetime(2024, 6, 10, 12, 0)),
            title="Minuta corregida", summary="Lo que se dijo, corregido.",
        )

    def test_each_publication_is_numbered_in_order_and_kept(self):
        versions = list(DocumentVersion.objects.filter(identifier__page=self.page))
        self.assertEqual([(v.number, v.title) for v in versions], [(1, "Minuta original"), (2, "Minuta corregida")])
        self.assertEqual(versions[1].revision_id, self.page.live_revision_id)

    def test_the_first_version_shows_the_old_title_with_a_notice_and_a_link_to_the_newer(self):
        response = self.client.get(self.page.permanent_path + "v/1/")
        self.assertEqual(response.status_code, 200)
        soup = soup_of(response)
        self.assertEqual(soup.h1.get_text(strip=True), "Minuta original")
        self.assertIn("Lo que se dijo primero.", text_of(soup.select_one(".summary")))
        notice = text_of(soup.select_one(".version-notice"))
        self.assertIn("Estás viendo la versión 1 del 3 de mayo de 2024. Hay una versión más reciente.", notice)
        self.assertEqual(soup.select_one(".version-notice a")["href"], "http://localhost" + self.page.url)
        # One document in search engines: the old version points at the current page.
        self.assertEqual(soup.find("link", rel="canonical")["href"], "http://localhost" + self.page.url)
        self.assertEqual(soup.find("meta", attrs={"name": "robots"})["content"], "noindex")

    def test_the_latest_version_says_it_is_current(self):
        soup = soup_of(self.client.get(self.page.permanent_path + "v/2/"))
        self.assertEqual(soup.h1.get_text(strip=True), "Minuta corregida")
        self.assertIn("Es la versión vigente", text_of(soup.select_one(".version-notice")))

    def test_the_current_page_lists_its_versions(self):
        soup = soup_of(self.client.get(self.page.url))
        self.assertIsNone(soup.select_one(".version-notice"))
        links = [(a["href"], a.get_text(strip=True)) for a in soup.select(".versions a")]
        self.assertEqual(links, [
            (self.page.permanent_path + "v/1/", "Versión 1"), (self.page.permanent_path + "v/2/", "Versión 2"),
        ])
        self.assertIn("3 de mayo de 2024", text_of(soup.select_one(".versions")))

    def test_numbers_outlive_purged_revisions(self):
        # Wagtail's purge_revisions may delete superseded revisions; the version keeps its content.
        Revision.objects.filter(pk=DocumentVersion.objects.get(number=1).revision_id).delete()
        response = self.client.get(self.page.permanent_path + "v/1/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(soup_of(response).h1.get_text(strip=True), "Minuta original")

    def test_publishing_the_same_revision_again_is_not_a_new_version(self):
        MinutesPage.objects.get(pk=self.page.pk).live_revision.publish()
        self.assertEqual(DocumentVersion.objects.filter(identifier__page=self.page).count(), 2)

    def test_missing_versions_and_bad_numbers_are_404(self):
        for suffix in ("v/3/", "v/99/", "v/0/", "v/uno/"):
            with self.subTest(suffix=suffix):
                self.assertEqual(self.client.get(self.page.permanent_path + suffix).status_code, 404)

    def test_versions_of_a_withdrawn_document_answer_410(self):
        withdraw(self.page, "Se publicó con datos personales.")
        for number in (1, 2):
            with self.subTest(number=number):
                response = self.client.get(self.page.permanent_path + f"v/{number}/")
                self.assertEqual(response.status_code, 410)
                self.assertNotIn("Lo que se dijo", response.content.decode())
