"""«Historial de cambios»: what each published version changed, on the document's public page."""

import importlib

from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime

from archive.identifiers import changes
from archive.identifiers.models import DocumentVersion
from archive.pages.models import DocumentAttachment, MinutesPage, VideoPage
from tests.factories import make_axis, make_document, make_file, make_phase, make_site

from .admin import EditorialTeam, make_user, post_edit, workflow_action


def republish(page, **fields):
    """Publish a new version of ``page`` with ``fields`` changed, as the editor's form would."""
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


class ChangeKindsTests(TestCase):
    """The rules on stored contents, one kind of edit at a time."""

    base = {
        "title": "Minuta", "summary": "Resumen.", "body": "[]", "phase": 1, "axes": [1, 2], "licence": "unknown",
        "date": "2022-05-10", "attendees": "", "change_note": "", "latest_revision": 3, "live": True,
        "attachments": [{"pk": 1, "sort_order": 0, "page": 9, "document": 5, "label": ""}],
        "actor_links": [{"pk": 4, "sort_order": 0, "page": 9, "actor": 2, "role": "author"}],
    }

    def kinds(self, **edits):
        return changes.change_kinds(self.base, {**self.base, **edits})

    def test_first_publication(self):
        self.assertEqual(changes.change_kinds(None, self.base), ["first"])

    def test_text_changes_are_corrections(self):
        for field, value in [("title", "Minuta corregida"), ("summary", "Otro."), ("attendees", "Ana")]:
            with self.subTest(field=field):
                self.assertEqual(self.kinds(**{field: value}), ["correction"])

    def test_record_changes_are_metadata(self):
        for field, value in [("phase", 2), ("axes", [3]), ("licence", "cc-by-4.0"), ("date", "2022-05-11"),
                             ("actor_links", [{"pk": 4, "sort_order": 0, "page": 9, "actor": 3, "role": "author"}])]:
            with self.subTest(field=field):
                self.assertEqual(self.kinds(**{field: value}), ["metadata"])

    def test_files(self):
        row = {"pk": 2, "sort_order": 1, "page": 9, "document": 6, "label": ""}
        self.assertEqual(self.kinds(attachments=self.base["attachments"] + [row]), ["file_added"])
        self.assertEqual(self.kinds(attachments=[row]), ["file_replaced"])
        self.assertEqual(self.kinds(attachments=[]), ["file_removed"])
        self.assertEqual(self.kinds(video_file=7), ["file_added"])
        relabelled = [{**self.base["attachments"][0], "label": "versión accesible"}]
        self.assertEqual(self.kinds(attachments=relabelled), ["metadata"])

    def test_order_of_axes_and_bookkeeping_are_no_change(self):
        self.assertEqual(self.kinds(axes=[2, 1], latest_revision=8, live=False, slug="otra"), [])

    def test_several_kinds_in_display_order(self):
        self.assertEqual(self.kinds(phase=2, title="Otra", attachments=[]), ["correction", "file_removed", "metadata"])

    def test_a_note_left_from_the_previous_publication_is_not_repeated(self):
        noted = {**self.base, "change_note": "Se corrigió la fecha."}
        self.assertEqual(changes.public_note(self.base, noted), "Se corrigió la fecha.")
        self.assertEqual(changes.public_note(noted, {**noted, "title": "Otra"}), "")
        self.assertEqual(changes.public_note(None, noted), "Se corrigió la fecha.")


class HistoryOnThePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def history(self, page, client=None):
        response = (client or self.client).get(page.url)
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        sections = soup.select("section.change-history")
        self.assertEqual(len(sections), 1)
        return sections[0]

    def entries(self, section):
        return [
            {
                "heading": " ".join(li.h3.get_text(" ", strip=True).split()),
                "href": li.h3.a["href"],
                "datetime": li.time["datetime"],
                "text": " ".join(li.get_text(" ", strip=True).split()),
            }
            for li in section.select("ol > li")
        ]

    def test_every_publication_is_listed_newest_first_with_kinds_note_date_and_address(self):
        page = make_document(MinutesPage, "Minuta de la primera sesión")
        page = republish(page, title="Minuta de la primera sesión del Núcleo", change_note="Se completó el título.")
        page = republish(page, phase=make_phase())  # the note is still in the field: not repeated
        page = republish(page, change_note="Se agregó la minuta firmada.",
                         attachments=[DocumentAttachment(document=make_file("firmada.pdf"))])

        section = self.history(page)
        self.assertEqual(section.h2.get_text(strip=True), "Historial de cambios")
        entries = self.entries(section)
        code = page.reference_code
        self.assertEqual([e["href"] for e in entries], [f"/id/{code}/v/{n}/" for n in (4, 3, 2, 1)])
        self.assertIn("Versión 4 (vigente)", entries[0]["heading"])
        self.assertIn("Cambios: Nuevo archivo.", entries[0]["text"])
        self.assertIn("Nota del equipo editorial: Se agregó la minuta firmada.", entries[0]["text"])
        self.assertIn("Cambios: Metadatos.", entries[1]["text"])
        self.assertNotIn("Nota", entries[1]["text"])
        self.assertIn("Cambios: Corrección.", entries[2]["text"])
        self.assertIn("Se completó el título.", entries[2]["text"])
        self.assertIn("Cambios: Primera publicación.", entries[3]["text"])
        versions = {v.number: v for v in DocumentVersion.objects.filter(identifier__code=code)}
        for entry, number in zip(entries, (4, 3, 2, 1), strict=True):
            self.assertEqual(entry["datetime"], localtime(versions[number].published_at).strftime("%Y-%m-%dT%H:%M:%S%z"))
            # Each version's address shows that version.
            self.assertEqual(self.client.get(entry["href"]).status_code, 200)

    def test_a_replaced_and_a_removed_file(self):
        first, second = make_file("uno.pdf"), make_file("dos.pdf")
        page = make_document(MinutesPage, "Minuta con archivo", attachments=[first])
        page = republish(page, attachments=[DocumentAttachment(document=second)])
        page = republish(page, attachments=[])
        texts = [e["text"] for e in self.entries(self.history(page))]
        self.assertIn("Cambios: Archivo retirado.", texts[0])
        self.assertIn("Cambios: Archivo reemplazado.", texts[1])

    def test_the_history_is_the_same_for_every_reader(self):
        page = make_document(VideoPage, "Video de la sesión")
        republish(page, summary="Otro resumen.")
        anonymous = str(self.history(page))
        self.client.force_login(make_user("ada", superuser=True))
        self.assertEqual(str(self.history(page)), anonymous)

    def test_more_versions_do_not_mean_more_queries(self):
        page = make_document(MinutesPage, "Minuta revisada muchas veces")
        self.client.get(page.url)  # warm the caches that do not depend on the page

        def count():
            self.client.get("/")  # nothing cached from the previous request
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(page.url).status_code, 200)
            return len(queries)

        one = count()
        for n in range(4):
            page = republish(page, summary=f"Resumen {n}.")
        self.assertEqual(len(self.entries(self.history(page))), 5)
        self.assertEqual(count(), one)

    def test_unpublished_documents_show_no_history(self):
        page = make_document(MinutesPage, "Borrador", live=False)
        self.assertFalse(DocumentVersion.objects.filter(identifier__page_id=page.pk).exists())


class EditorsNoteTests(EditorialTeam, TestCase):
    def test_the_field_explains_where_the_note_goes(self):
        page = make_document(MinutesPage, "Minuta", live=False)
        self.client.force_login(self.editor)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        self.assertIn("Nota del cambio (pública)", html)
        self.assertIn("Aparece en el historial de cambios público", html)

    def test_the_editors_note_is_published_with_the_approved_version(self):
        page = make_document(MinutesPage, "Minuta de la tercera sesión")
        self.client.force_login(self.editor)
        response = post_edit(self.client, page, "submit", title="Minuta de la 3.ª sesión",
                             change_note="Se corrigió el número de la sesión.")
        self.assertEqual(response.status_code, 302)
        # Not public until a moderator approves it.
        self.assertNotIn("Se corrigió", self.client.get(page.url).content.decode())
        self.client.force_login(self.moderator)
        self.assertEqual(workflow_action(self.client, page, "approve").status_code, 302)
        self.client.logout()
        latest = DocumentVersion.objects.filter(identifier__page_id=page.pk).order_by("-number").first()
        self.assertEqual((latest.number, latest.change_kinds, latest.change_note),
                         (2, ["correction"], "Se corrigió el número de la sesión."))
        self.assertIn("Se corrigió el número de la sesión.", self.client.get(page.url).content.decode())


class BackfillTests(TestCase):
    def test_versions_published_before_the_history_get_their_kinds(self):
        make_site()
        page = make_document(MinutesPage, "Minuta antigua")
        page = republish(page, axes=[make_axis()])
        page = republish(page, summary="Resumen corregido.")
        DocumentVersion.objects.update(change_kinds=[], change_note="")
        migration = importlib.import_module("archive.identifiers.migrations.0003_version_changes")
        migration.backfill(apps, None)
        self.assertEqual(
            list(DocumentVersion.objects.order_by("number").values_list("change_kinds", "change_note")),
            [(["first"], ""), (["metadata"], ""), (["correction"], "")],
        )


class CopyTests(TestCase):
    def test_a_copied_document_does_not_inherit_the_note(self):
        make_site()
        page = make_document(MinutesPage, "Minuta original", change_note="Se corrigió la fecha.")
        copy = page.copy(update_attrs={"title": "Minuta copiada", "slug": "minuta-copiada"})
        self.assertEqual(copy.specific.change_note, "")
