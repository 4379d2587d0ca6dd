"""Editors write, moderators publish: the «Revisión editorial» workflow driven through the admin's own forms."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from archive.pages.models import MinutesPage
from tests.factories import make_document

from .admin import EditorialTeam, post_edit, workflow_action


class ReviewBeforePublishingTests(EditorialTeam, TestCase):
    def setUp(self):
        self.page = make_document(MinutesPage, "Minuta de la sesión de instalación", live=False)

    def as_editor(self):
        self.client.force_login(self.editor)

    def as_moderator(self):
        self.client.force_login(self.moderator)

    def submit_as_editor(self, **changes):
        self.as_editor()
        response = post_edit(self.client, self.page, "submit", **changes)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        return response

    def test_every_page_is_under_the_editorial_review(self):
        for page in Page.objects.all():
            workflow = page.get_workflow()
            self.assertIsNotNone(workflow, page)
            self.assertEqual(workflow.name, "Revisión editorial")
        task = workflow.tasks.get().specific
        self.assertEqual(task.name, "Revisión por moderación")
        self.assertEqual([g.name for g in task.groups.all()], ["Moderadores"])

    def test_an_editors_publish_only_saves_a_draft(self):
        self.as_editor()
        response = post_edit(self.client, self.page, "publish", summary="Resumen escrito por la editora.")
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        self.assertEqual(self.page.get_latest_revision_as_object().summary, "Resumen escrito por la editora.")
        self.assertEqual(self.client.get(self.page.url).status_code, 404)

    def test_the_editor_is_offered_review_and_not_publishing(self):
        self.as_editor()
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])).content.decode()
        self.assertIn('name="action-submit"', html)
        self.assertIn("Revisión editorial", html)
        self.assertNotIn('name="action-publish"', html)

    def test_submitting_waits_for_a_moderator_whose_approval_publishes(self):
        self.submit_as_editor(change_note="Primera versión para revisión.")
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        state = WorkflowState.objects.for_instance(self.page).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.requested_by, self.editor)

        # The editor cannot approve their own submission.
        self.as_editor()
        response = workflow_action(self.client, self.page, "approve")
        self.assertIn(response.status_code, (302, 403))
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)

        self.as_moderator()
        response = workflow_action(self.client, self.page, "approve", comment="Todo en orden.")
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_APPROVED)
        # Published for the public, with its code and first version.
        self.assertEqual(self.client.get(self.page.url).status_code, 200)
        self.assertTrue(self.page.specific.reference_code)

    def test_a_rejection_with_a_comment_sends_it_back_to_the_editor(self):
        self.submit_as_editor()
        self.as_moderator()
        response = workflow_action(self.client, self.page, "reject", comment="Falta la lista de asistentes.")
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        state = WorkflowState.objects.for_instance(self.page).get()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        task_state = TaskState.objects.filter(workflow_state=state).get()
        self.assertEqual(task_state.status, TaskState.STATUS_REJECTED)
        self.assertEqual(task_state.comment, "Falta la lista de asistentes.")
        rejection = PageLogEntry.objects.get(page=self.page, action="wagtail.workflow.reject")
        self.assertEqual(rejection.user, self.moderator)

        # The editor sees the comment, corrects and submits again.
        self.as_editor()
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])).content.decode()
        self.assertIn("Falta la lista de asistentes.", html)
        response = post_edit(self.client, self.page, "restart-workflow", attendees="Ana\nBeto")
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
        self.assertEqual(self.page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_a_moderator_publishes_directly(self):
        self.as_moderator()
        response = post_edit(self.client, self.page, "publish")
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)
