"""Wagtail's root page is titled «Root», which the admin shows in every breadcrumb of the page tree."""

from django.db import migrations


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title="Raíz", draft_title="Raíz")


def restore(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Raíz").update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_ascii_addresses")]

    operations = [migrations.RunPython(rename, restore)]
