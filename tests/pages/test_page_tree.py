"""Where each page type may live: one home page at the root, one listing per
kind under it, and each kind of document only under the listing of its kind."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from archive.pages.models import DOCUMENT_KINDS, DocumentIndexPage, DocumentPage
from home.models import HomePage
from tests.factories import index_for, make_site


class PageTypeRulesTests(WagtailPageTestCase):
    """Rules that hold for the page classes, whatever the tree holds."""

    def test_home_page_lives_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(DocumentIndexPage, HomePage)
        for kind in DOCUMENT_KINDS:
            self.assertCanNotCreateAt(kind, HomePage)

    def test_home_page_holds_only_kind_listings(self):
        self.assertAllowedSubpageTypes(HomePage, {DocumentIndexPage})

    def test_kind_listings_live_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(DocumentIndexPage, {HomePage})
        self.assertCanNotCreateAt(Page, DocumentIndexPage)
        self.assertCanNotCreateAt(DocumentIndexPage, DocumentIndexPage)

    def test_documents_live_only_under_a_listing_and_hold_nothing(self):
        for kind in DOCUMENT_KINDS:
            with self.subTest(kind=kind.__name__):
                self.assertAllowedParentPageTypes(kind, {DocumentIndexPage})
                self.assertCanCreateAt(DocumentIndexPage, kind)
                self.assertCanNotCreateAt(HomePage, kind)
                self.assertCanNotCreateAt(Page, kind)
                self.assertAllowedSubpageTypes(kind, set())

    def test_the_document_base_is_not_creatable(self):
        self.assertFalse(DocumentPage.is_creatable)
        self.assertNotIn(DocumentPage, DocumentIndexPage.creatable_subpage_models())
        self.assertNotIn(DocumentPage, Page.creatable_subpage_models())


class PageTreeTests(WagtailPageTestCase):
    """The same rules, checked against a real tree and through the admin."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site()
        cls.root = Page.get_first_root_node()
        cls.superuser = get_user_model().objects.create_superuser("editora", "editora@example.org", "contraseña")

    def test_each_kind_only_under_the_listing_of_its_own_kind(self):
        for kind in DOCUMENT_KINDS:
            for other in DOCUMENT_KINDS:
                with self.subTest(kind=kind.__name__, listing=other.kind_slug):
                    self.assertEqual(kind.can_create_at(index_for(other)), kind is other)
            self.assertFalse(kind.can_create_at(self.home))

    def test_only_one_home_page(self):
        self.assertEqual(HomePage.objects.count(), 1)
        self.assertFalse(HomePage.can_create_at(self.root))

    def test_the_document_base_cannot_be_created_anywhere(self):
        for kind in DOCUMENT_KINDS:
            self.assertFalse(DocumentPage.can_create_at(index_for(kind)))

    def test_the_admin_offers_only_the_listings_kind(self):
        self.client.force_login(self.superuser)
        listing = index_for(DOCUMENT_KINDS[0])
        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[listing.pk]))
        self.assertEqual(response.status_code, 302, "with one choice Wagtail goes straight to its form")
        kind = DOCUMENT_KINDS[0]
        self.assertEqual(
            response["Location"],
            reverse("wagtailadmin_pages:add", args=["pages", kind._meta.model_name, listing.pk]),
        )

    def test_the_admin_refuses_a_kind_under_another_kinds_listing(self):
        self.client.force_login(self.superuser)
        minutes_listing = DocumentIndexPage.objects.get(kind="minuta")
        before = Page.objects.count()
        for model_name in ("callpage", "documentpage"):
            with self.subTest(model=model_name):
                url = reverse("wagtailadmin_pages:add", args=["pages", model_name, minutes_listing.pk])
                self.assertNotEqual(self.client.get(url).status_code, 200)
                response = self.client.post(url, {"title": "Fuera de lugar", "slug": "fuera"})
                self.assertNotEqual(response.status_code, 200)
        self.assertEqual(Page.objects.count(), before)

    def test_the_admin_refuses_a_second_home_page(self):
        self.client.force_login(self.superuser)
        url = reverse("wagtailadmin_pages:add", args=["home", "homepage", self.root.pk])
        self.assertNotEqual(self.client.get(url).status_code, 200)
        self.assertEqual(HomePage.objects.count(), 1)
