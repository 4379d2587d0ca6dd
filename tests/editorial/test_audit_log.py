"""Every editorial action leaves a line, with who did it, in «Registro de actividad»."""

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry

from archive.identifiers.models import Identifier
from archive.pages.models import DocumentIndexPage, MinutesPage

from .admin import EditorialTeam, post_add, post_edit, workflow_action

REPORT = "/admin/reports/site-history/"


class AuditLogTests(EditorialTeam, TestCase):
    def report_rows(self, user):
        """(document, action message, user) of each line of the report, as ``user`` reads it."""
        self.client.force_login(user)
        response = self.client.get(REPORT)
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        rows = []
        for tr in soup.select("table.listing tbody tr"):
            cells = [" ".join(td.get_text(" ", strip=True).split()) for td in tr.select("td")]
            rows.append((cells[0], cells[2], cells[3]))
        return rows

    def test_each_step_of_a_document_is_in_the_report_with_its_author(self):
        parent = DocumentIndexPage.objects.get(kind="minuta")
        self.client.force_login(self.editor)
        response = post_add(
            self.client, parent, MinutesPage, title="Minuta del taller de ejes", slug="minuta-taller-ejes",
            summary="Qué se acordó en el taller.", date="2022-05-10",
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        page = MinutesPage.objects.get(slug="minuta-taller-ejes")
        self.assertEqual(post_edit(self.client, page, summary="Qué se acordó en el taller de ejes.").status_code, 302)
        self.assertEqual(post_edit(self.client, page, "submit").status_code, 302)

        self.client.force_login(self.moderator)
        self.assertEqual(workflow_action(self.client, page, "approve", comment="Lista.").status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.live)
        response = self.client.post(
            reverse("identifiers_withdraw", args=[page.pk]), {"reason": "Contenía datos personales."}
        )
        self.assertEqual(response.status_code, 302)

        expected = [
            ("wagtail.create", self.editor),
            ("wagtail.edit", self.editor),
            ("wagtail.workflow.start", self.editor),
            ("wagtail.workflow.approve", self.moderator),
            ("wagtail.publish", self.moderator),
            ("wagtail.unpublish", self.moderator),
            ("identifiers.withdraw", self.moderator),
        ]
        entries = {entry.action: entry for entry in PageLogEntry.objects.filter(page=page)}
        rows = self.report_rows(self.admin)
        for action, user in expected:
            with self.subTest(action=action):
                entry = entries.get(action)
                self.assertIsNotNone(entry, f"no {action} in {sorted(entries)}")
                self.assertEqual(entry.user, user)
                message = " ".join(str(entry.message).split())
                self.assertIn(("Minuta del taller de ejes", message, user.get_full_name()), rows)

    def test_the_withdrawal_reads_in_spanish_with_its_reason(self):
        from tests.factories import make_document

        page = make_document(MinutesPage, "Minuta que se retira")
        self.client.force_login(self.moderator)
        self.client.post(reverse("identifiers_withdraw", args=[page.pk]), {"reason": "Duplicada."})
        self.assertTrue(Identifier.objects.get(page_id=page.pk).is_withdrawn)
        rows = self.report_rows(self.admin)
        self.assertIn(("Minuta que se retira", "Retirado del archivo. Motivo: Duplicada.", "Mario"), rows)
        # The report's filter offers it by its Spanish name.
        html = self.client.get(REPORT).content.decode()
        self.assertIn("Retirar del archivo", html)

    def test_editors_cannot_withdraw(self):
        from tests.factories import make_document

        page = make_document(MinutesPage, "Minuta publicada")
        self.client.force_login(self.editor)
        response = self.client.post(reverse("identifiers_withdraw", args=[page.pk]), {"reason": "Quiero quitarla."})
        # Wagtail's admin answers a refusal by sending the person back with a message.
        self.assertIn(response.status_code, (302, 403))
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertFalse(PageLogEntry.objects.filter(page=page, action="identifiers.withdraw").exists())
