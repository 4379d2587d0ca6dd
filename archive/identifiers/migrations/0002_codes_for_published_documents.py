"""Give a code (and a version 1) to every document already published before codes existed.

Written against the historical models on purpose, so it keeps working as the
page models change; ``manage.py assign_identifiers`` does the same with the
current code and also refreshes the citation fields.
"""

from django.db import migrations

# content type model -> letters of the kind, as in archive/identifiers/models.py at this migration.
KIND_CODES = {
    "callpage": "CONV",
    "letterpage": "CARTA",
    "minutespage": "MIN",
    "videopage": "VID",
    "guidelinepage": "LIN",
    "membercommentpage": "COM",
    "presentationpage": "PRES",
    "reportpage": "INF",
}


def assign(apps, schema_editor):
    DocumentPage = apps.get_model("pages", "DocumentPage")
    Identifier = apps.get_model("identifiers", "Identifier")
    IdentifierSequence = apps.get_model("identifiers", "IdentifierSequence")
    DocumentVersion = apps.get_model("identifiers", "DocumentVersion")
    Site = apps.get_model("wagtailcore", "Site")

    roots = {site.root_page.url_path for site in Site.objects.select_related("root_page")}
    taken = set(Identifier.objects.values_list("page_id", flat=True))
    pages = (
        DocumentPage.objects.filter(live=True).exclude(pk__in=taken)
        .select_related("content_type", "live_revision").order_by("first_published_at", "pk")
    )
    for page in pages:
        year_part = str(page.date.year) if page.date and page.date_precision != "unknown" else "SF"
        kind_part = KIND_CODES.get(page.content_type.model, "DOC")
        sequence, _ = IdentifierSequence.objects.get_or_create(year_part=year_part, kind_part=kind_part)
        sequence.last_value += 1
        sequence.save()
        path = next((page.url_path[len(root) - 1:] for root in roots if page.url_path.startswith(root)), "")
        identifier = Identifier.objects.create(
            code=f"AGA-CDMX-{year_part}-{kind_part}-{sequence.last_value:03d}",
            year_part=year_part, kind_part=kind_part, sequence=sequence.last_value, page_id=page.pk,
            title=page.title[:255], summary=page.summary, last_url=path,
        )
        if page.live_revision is not None:
            DocumentVersion.objects.create(
                identifier=identifier, number=1, revision=page.live_revision,
                published_at=page.last_published_at or page.live_revision.created_at,
                title=page.title[:255], content=page.live_revision.content,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("identifiers", "0001_initial"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
