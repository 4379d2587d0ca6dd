"""Fold the accents out of every page address, keeping the old ones as 301 redirects.

Pages made before WAGTAIL_ALLOW_UNICODE_SLUGS = False may have addresses
such as /minutas/sesión-de-prueba/. Each gets its ASCII slug (made unique
among its siblings), its own and its descendants' url_path follow, the
revisions learn the new slug (publishing an old draft would otherwise bring
the accented address back), and every old address a site served redirects
permanently to the page, as Wagtail does when an editor renames a page.
"""

from django.db import migrations
from django.utils.text import slugify


def _unique_slug(Page, page, base):
    parent_path = page.path[: -4]
    siblings = set(
        Page.objects.filter(path__startswith=parent_path, depth=page.depth).exclude(pk=page.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in siblings:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _site_paths(sites, url_path):
    """(site, path on that site) for each site that serves url_path."""
    for site, root_url_path in sites:
        if url_path.startswith(root_url_path):
            path = "/" + url_path[len(root_url_path):]
            yield site, path.rstrip("/") or "/"


def fold_addresses(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Site = apps.get_model("wagtailcore", "Site")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    accented = [
        pk for pk, slug in Page.objects.order_by("depth").values_list("pk", "slug").iterator() if not slug.isascii()
    ]
    if not accented:
        return
    sites = [(site, site.root_page.url_path) for site in Site.objects.select_related("root_page")]
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    for pk in accented:
        page = Page.objects.get(pk=pk)  # read again: an ancestor's fold changed its url_path
        slug = _unique_slug(Page, page, slugify(page.slug, allow_unicode=False) or f"pagina-{page.pk}")
        old_prefix = page.url_path
        new_prefix = old_prefix[: -len(page.slug) - 1] + slug + "/"
        Page.objects.filter(pk=pk).update(slug=slug)
        for descendant in Page.objects.filter(path__startswith=page.path).only("pk", "url_path"):
            old_url_path = descendant.url_path
            new_url_path = new_prefix + old_url_path[len(old_prefix):]
            Page.objects.filter(pk=descendant.pk).update(url_path=new_url_path)
            for site, old_path in _site_paths(sites, old_url_path):
                Redirect.objects.update_or_create(
                    old_path=old_path, site=site,
                    defaults={"redirect_page_id": descendant.pk, "is_permanent": True, "redirect_link": "",
                              "automatically_created": True},
                )
        if page_type is not None:
            for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(pk)):
                content = dict(revision.content)
                content["slug"] = slug
                if "url_path" in content:
                    content["url_path"] = new_prefix
                revision.content = content
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0003_date_precision_follows_date"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(fold_addresses, migrations.RunPython.noop)]
