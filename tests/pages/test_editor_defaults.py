"""What the editor does not have to mend: the date's precision follows the date, addresses are ASCII."""

import datetime
import importlib

from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from archive.pages.models import LetterPage, MinutesPage
from archive.taxonomy.models import Actor
from tests.editorial.admin import form_fields
from tests.factories import index_for, make_actor, make_document

from .test_validation import AdminTestCase


class DateAndAddressFromTheEditor(AdminTestCase):
    def add(self, kind, **fields):
        parent = index_for(kind)
        url = reverse("wagtailadmin_pages:add", args=["pages", kind._meta.model_name, parent.pk])
        form = self.client.get(url)
        data = querydict_from_html(form.content.decode(), form_id="page-edit-form").copy()
        data["body-count"] = "0"
        data.update({"summary": "Un resumen breve."})
        data.update(fields)
        data["action-publish"] = "action-publish"
        return self.client.post(url, data)

    def test_a_new_document_without_a_date_saves_as_undated(self):
        # The editor leaves both date fields as the form offers them.
        response = self.add(LetterPage, title="Carta sin fecha", slug="carta-sin-fecha", date="")
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        page = LetterPage.objects.get(slug="carta-sin-fecha")
        self.assertEqual((page.date, page.date_precision, page.date_label), (None, "unknown", "Sin fecha"))

    def test_a_date_typed_while_precision_says_undated_means_that_day(self):
        response = self.add(LetterPage, title="Carta", slug="carta", date="2021-03-26", date_precision="unknown")
        self.assertEqual(response.status_code, 302)
        page = LetterPage.objects.get(slug="carta")
        self.assertEqual((page.date, page.date_precision), (datetime.date(2021, 3, 26), "day"))
        self.assertEqual(page.date_label, "26 de marzo de 2021")

    def test_a_month_chosen_on_purpose_stays(self):
        self.add(LetterPage, title="Carta", slug="carta", date="2021-03-01", date_precision="month")
        self.assertEqual(LetterPage.objects.get(slug="carta").date_label, "marzo de 2021")

    def test_clearing_the_date_of_a_dated_document_makes_it_undated(self):
        page = make_document(LetterPage, "Carta fechada", date=datetime.date(2021, 3, 26))
        page.date = None
        page.full_clean()
        page.save()
        page.refresh_from_db()
        self.assertEqual((page.date_precision, page.year), ("unknown", None))

    def test_an_address_typed_with_accents_is_stored_in_ascii(self):
        response = self.add(
            MinutesPage, title="Sesión de prueba del Núcleo Promotor", date="2021-03-03",
            slug="sesión-de-prueba-del-núcleo-promotor-año",
        )
        self.assertEqual(response.status_code, 302)
        page = MinutesPage.objects.get(title="Sesión de prueba del Núcleo Promotor")
        self.assertEqual(page.slug, "sesion-de-prueba-del-nucleo-promotor-ano")
        self.assertEqual(page.url, "/minutas/sesion-de-prueba-del-nucleo-promotor-ano/")
        self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_an_address_made_from_the_title_is_ascii(self):
        # The editor leaves the address empty: Wagtail makes it from the title.
        page = MinutesPage(title="Sesión de diseño: ¿qué sigue? Año 2021", summary="Un resumen.",
                           date=datetime.date(2021, 3, 3))
        index_for(MinutesPage).add_child(instance=page)
        self.assertEqual(page.slug, "sesion-de-diseno-que-sigue-ano-2021")

    def test_the_editor_form_folds_accents_as_the_title_is_typed(self):
        parent = index_for(MinutesPage)
        html = self.client.get(reverse("wagtailadmin_pages:add", args=["pages", "minutespage", parent.pk])).content
        slug_input = BeautifulSoup(html, "html.parser").select_one("input[name=slug]")
        # Wagtail's slug controller keeps accents only when told to (the attribute present).
        self.assertEqual(slug_input.get("data-controller"), "w-slug")
        self.assertFalse(slug_input.has_attr("data-w-slug-allow-unicode-value"))


class OldAccentedAddresses(AdminTestCase):
    """Pages made before addresses were ASCII keep working at their old address (301)."""

    def fold(self):
        migration = importlib.import_module("archive.pages.migrations.0004_ascii_addresses")
        migration.fold_addresses(apps, None)

    def test_old_accented_addresses_redirect_permanently_to_the_ascii_ones(self):
        page = make_document(MinutesPage, "Sesión del Núcleo", date=datetime.date(2021, 3, 3))
        # As Wagtail stored it when unicode slugs were allowed, in the page and its revision.
        Page.objects.filter(pk=page.pk).update(slug="sesión-del-núcleo", url_path=page.url_path.replace(
            page.slug, "sesión-del-núcleo"))
        revision = page.get_latest_revision()
        revision.content = {**revision.content, "slug": "sesión-del-núcleo"}
        revision.save()
        sibling = make_document(MinutesPage, "Sesion del Nucleo", date=datetime.date(2021, 3, 4))
        self.fold()

        page.refresh_from_db()
        # The ASCII form was taken by its sibling: the page gets the next free one.
        self.assertEqual(sibling.slug, "sesion-del-nucleo")
        self.assertEqual(page.slug, "sesion-del-nucleo-2")
        self.assertEqual(page.url_path.rstrip("/").rsplit("/", 1)[-1], "sesion-del-nucleo-2")
        self.assertEqual(self.client.get(page.url).status_code, 200)
        self.client.logout()
        for old in ("/minutas/sesi%C3%B3n-del-n%C3%BAcleo/", "/minutas/sesión-del-núcleo/"):
            response = self.client.get(old)
            self.assertEqual(response.status_code, 301, old)
            self.assertTrue(response["Location"].endswith("/minutas/sesion-del-nucleo-2/"), response["Location"])
        # Publishing the latest draft does not bring the accented address back.
        page.get_latest_revision().publish()
        page.refresh_from_db()
        self.assertEqual(page.slug, "sesion-del-nucleo-2")

    def test_nothing_changes_when_every_address_is_ascii(self):
        page = make_document(MinutesPage, "Sesión del Núcleo", date=datetime.date(2021, 3, 3))
        before = list(Page.objects.order_by("pk").values_list("slug", "url_path"))
        self.fold()
        self.assertEqual(list(Page.objects.order_by("pk").values_list("slug", "url_path")), before)
        self.assertEqual(page.slug, "sesion-del-nucleo")


class RepeatedActorRows(AdminTestCase):
    def test_the_same_actor_twice_in_the_same_role_is_refused_in_plain_words(self):
        actor = make_actor("Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society")
        page = make_document(MinutesPage, "Minuta con actores", date=datetime.date(2022, 10, 27))
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = form_fields(self.client.get(url).content.decode())
        data["actor_links-TOTAL_FORMS"] = ["2"]
        for number in (0, 1):
            data.update({f"actor_links-{number}-actor": [str(actor.pk)], f"actor_links-{number}-role": ["author"],
                         f"actor_links-{number}-ORDER": [str(number + 1)], f"actor_links-{number}-id": [""]})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
        self.assertIn("Un actor aparece dos veces con el mismo papel", text)
        self.assertNotIn("page, actor", text)
        self.assertEqual(Actor.objects.get(pk=actor.pk).document_links.count(), 0)


class SchedulingAndComments(AdminTestCase):
    def test_every_kind_can_be_scheduled_and_commented_on_by_editors(self):
        from archive.pages.models import DOCUMENT_KINDS

        for kind in DOCUMENT_KINDS:
            with self.subTest(kind=kind.__name__):
                parent = index_for(kind)
                url = reverse("wagtailadmin_pages:add", args=["pages", kind._meta.model_name, parent.pk])
                html = self.client.get(url).content.decode()
                # Wagtail's scheduling dialog and its editors' comments (the notifications switch).
                for field in ("go_live_at", "expire_at", "comment_notifications"):
                    self.assertIn(f'name="{field}"', html)

    def test_a_document_scheduled_from_the_editor_goes_live_at_that_time(self):
        from django.utils import timezone

        page = make_document(LetterPage, "Carta programada", live=False, date=datetime.date(2021, 3, 1))
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = form_fields(self.client.get(url).content.decode())
        when = timezone.localtime() + datetime.timedelta(days=2)
        data["go_live_at"] = [when.strftime("%Y-%m-%d %H:%M")]
        data["action-publish"] = ["action-publish"]
        self.assertEqual(self.client.post(url, data).status_code, 302)
        page.refresh_from_db()
        self.assertFalse(page.live)
        # Compared in the site's time zone: the stored value is UTC, which is
        # already the next day during the Mexico City evening.
        scheduled = timezone.localtime(page.get_latest_revision().approved_go_live_at)
        self.assertEqual(scheduled.strftime("%Y-%m-%d %H:%M"), when.strftime("%Y-%m-%d %H:%M"))
