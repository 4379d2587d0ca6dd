"""What each editorial group may do in the admin, and the migration that creates the groups."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, WorkflowPage

from archive.pages.models import DocumentIndexPage, MinutesPage
from archive.taxonomy.models import Phase
from tests.factories import make_document

from .admin import EditorialTeam, make_user

GROUPS = ["Administradores", "Editores", "Moderadores"]


def groups_migration():
    return importlib.import_module("archive.editorial.migrations.0001_groups")


def workflow_migration():
    return importlib.import_module("archive.editorial.migrations.0002_review_workflow")


class WhatEachGroupMayDoTests(EditorialTeam, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.nobody = make_user("nadie")

    def get(self, user, url):
        self.client.force_login(user)
        return self.client.get(url)

    def test_every_group_enters_the_admin_and_nobody_else(self):
        for user in (self.editor, self.moderator, self.admin):
            self.assertEqual(self.get(user, reverse("wagtailadmin_home")).status_code, 200, user)
        self.assertEqual(self.get(self.nobody, reverse("wagtailadmin_home")).status_code, 302)

    def test_page_permissions(self):
        page = make_document(MinutesPage, "Minuta")
        listing = DocumentIndexPage.objects.get(kind="minuta")
        editor, moderator, admin = (page.permissions_for_user(u) for u in (self.editor, self.moderator, self.admin))
        self.assertTrue(editor.can_edit())
        self.assertTrue(listing.permissions_for_user(self.editor).can_add_subpage())
        self.assertTrue(editor.can_submit_for_moderation())
        self.assertFalse(editor.can_publish())
        self.assertFalse(editor.can_unpublish())
        self.assertFalse(editor.can_lock())
        self.assertTrue(moderator.can_publish())
        self.assertTrue(moderator.can_lock())
        self.assertTrue(moderator.can_unlock())
        # A listing with documents in it: only administrators delete it with them.
        self.assertFalse(listing.permissions_for_user(self.moderator).can_delete())
        self.assertTrue(admin.can_publish())
        self.assertTrue(listing.permissions_for_user(self.admin).can_delete())

    def test_files_and_images_can_be_uploaded_by_editors(self):
        for url_name in ("wagtaildocs:add_multiple", "wagtailimages:add_multiple", "wagtaildocs:index"):
            self.assertEqual(self.get(self.editor, reverse(url_name)).status_code, 200, url_name)

    def test_taxonomy_is_edited_by_moderators_and_only_seen_by_editors(self):
        add = reverse("wagtailsnippets_taxonomy_phase:add")
        index = reverse("wagtailsnippets_taxonomy_phase:list")
        self.assertEqual(self.get(self.editor, index).status_code, 200)
        self.assertNotEqual(self.get(self.editor, add).status_code, 200)
        self.client.post(add, {"name": "Etapa inventada", "slug": "etapa-inventada", "order": 9})
        self.assertFalse(Phase.objects.filter(slug="etapa-inventada").exists())
        self.assertEqual(self.get(self.moderator, add).status_code, 200)
        self.assertEqual(self.get(self.admin, add).status_code, 200)

    def test_only_administrators_manage_people(self):
        users = reverse("wagtailusers_users:index")
        self.assertEqual(self.get(self.admin, users).status_code, 200)
        self.assertNotEqual(self.get(self.moderator, users).status_code, 200)
        self.assertNotEqual(self.get(self.editor, users).status_code, 200)


class GroupsMigrationTests(TestCase):
    def snapshot(self):
        return (
            sorted(Group.objects.filter(name__in=GROUPS).values_list("name", flat=True)),
            GroupPagePermission.objects.filter(group__name__in=GROUPS).count(),
            GroupCollectionPermission.objects.filter(group__name__in=GROUPS).count(),
            Group.permissions.through.objects.filter(group__name__in=GROUPS).count(),
        )

    def test_the_groups_exist_on_a_fresh_database(self):
        names, page_permissions, collection_permissions, model_permissions = self.snapshot()
        self.assertEqual(names, GROUPS)
        self.assertEqual(page_permissions, 2 + 5 + 6)
        self.assertGreater(collection_permissions, 0)
        root = Page.objects.get(depth=1)
        self.assertTrue(GroupPagePermission.objects.filter(page=root, group__name="Editores").exists())

    def test_running_again_changes_nothing(self):
        before = self.snapshot()
        groups_migration().create_groups(apps, None)
        workflow_migration().create_workflow(apps, None)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(WorkflowPage.objects.get(page__depth=1).workflow.name, "Revisión editorial")
        # Run with the real apps, it leaves them as Django's post_migrate needs them.
        self.assertIsNotNone(apps.get_app_config("wagtailimages").models_module)

    def test_reversal_removes_the_groups_and_gives_the_root_back_to_wagtails_workflow(self):
        workflow_migration().remove_workflow(apps, None)
        groups_migration().remove_groups(apps, None)
        self.assertEqual(self.snapshot(), ([], 0, 0, 0))
        self.assertEqual(WorkflowPage.objects.get(page__depth=1).workflow.name, "Moderators approval")
        groups_migration().create_groups(apps, None)
        workflow_migration().create_workflow(apps, None)
        self.assertEqual(WorkflowPage.objects.get(page__depth=1).workflow.name, "Revisión editorial")
