"""A document whose files are still being read is published only after a clear warning."""

from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from archive.attachments.models import ArchiveDocument
from archive.pages.models import MinutesPage
from tests.editorial.admin import form_fields
from tests.factories import make_document, make_file, minimal_pdf
from tests.pages.test_validation import AdminTestCase
from tests.worker.conftest import DATABASE_TASKS, run_worker

PUBLISH_ANYWAY = "Publicar aunque haya archivos en lectura"


def words(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@override_settings(TASKS=DATABASE_TASKS)
class PublishingWhileFilesAreReadTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.pdf = make_file("acta.pdf", minimal_pdf("Acta de la sesion"), title="Acta")
        self.page = make_document(MinutesPage, "Minuta de la sesión", live=False, attachments=[self.pdf])
        self.url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def publish(self, button="action-publish"):
        data = form_fields(self.client.get(self.url).content.decode())
        data["action-publish"] = [button]
        return self.client.post(self.url, data, follow=True)

    def test_the_editor_is_told_and_the_publish_button_says_what_it_does(self):
        response = self.client.get(self.url)
        text = words(response)
        self.assertIn("Aún se están leyendo archivos de este documento: «Acta» (en cola).", text)
        button = BeautifulSoup(response.content, "html.parser").select_one('button[name="action-publish"]')
        self.assertEqual(" ".join(button.get_text().split()), PUBLISH_ANYWAY)
        self.assertEqual(button["value"], "con-archivos-en-lectura")

    def test_the_plain_publish_saves_a_draft_and_says_why(self):
        response = self.publish()
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        self.assertTrue(self.page.has_unpublished_changes)
        self.assertIn("No se publicó: aún se están leyendo archivos de este documento.", words(response))

    def test_publishing_anyway_publishes_and_says_the_text_will_come(self):
        response = self.publish("con-archivos-en-lectura")
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)
        self.assertIn("Se publicó con archivos aún en lectura: «Acta» (en cola).", words(response))

    def test_once_the_files_are_read_publishing_is_as_usual(self):
        run_worker()
        self.assertEqual(ArchiveDocument.objects.get(pk=self.pdf.pk).analysis_state, "done")
        self.assertNotIn(PUBLISH_ANYWAY, self.client.get(self.url).content.decode())
        response = self.publish()
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)
        self.assertNotIn("lectura", words(response))
