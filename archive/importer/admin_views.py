"""«Importar documentos»: the import command as an admin page, for editors without a shell."""

from django.template.response import TemplateResponse

from archive.pages.models import DocumentIndexPage

from .forms import ImportForm
from .manifest import ManifestError, read_manifest
from .runner import CREATED, ERROR, UNCHANGED, UPDATED, Importer
from .sources import UploadSource


def _listings_permissions(user):
    return [listing.permissions_for_user(user) for listing in DocumentIndexPage.objects.all()]


def can_import(user):
    """Who may add a document under at least one listing may import (each row is checked again)."""
    return user.is_active and any(p.can_add_subpage() for p in _listings_permissions(user))


def can_publish(user):
    return any(p.can_publish_subpage() for p in _listings_permissions(user))


def import_documents(request):
    context = {"page_title": "Importar documentos", "header_title": "Importar documentos", "header_icon": "upload"}
    if not can_import(request.user):
        # A page that says why, not Wagtail's redirect to the dashboard.
        return TemplateResponse(request, "importer/admin/refused.html", context, status=403)
    publisher = can_publish(request.user)
    bound = (request.POST, request.FILES) if request.method == "POST" else ()
    form = ImportForm(*bound, can_publish=publisher)
    context["form"] = form
    if request.method != "POST":
        return TemplateResponse(request, "importer/admin/import.html", context)
    if form.is_valid():
        manifest = form.cleaned_data["manifest"]
        try:
            _, rows = read_manifest(manifest.read(), manifest.name)
        except ManifestError as exc:
            form.add_error("manifest", f"{exc} No se importó nada.")
        else:
            importer = Importer(
                UploadSource(form.cleaned_data["files"]),
                dry_run=form.cleaned_data["dry_run"],
                publish=publisher and form.cleaned_data.get("publish", False),
                user=request.user,
                check_permissions=True,
            )
            report = importer.run(rows)
            totals = report.totals()
            context.update(
                report=report,
                totals=[(label, totals[key]) for key, label in (
                    (CREATED, "creados"), (UPDATED, "actualizados"), (UNCHANGED, "sin cambios"), (ERROR, "con error"),
                )],
                error=ERROR,
            )
            return TemplateResponse(request, "importer/admin/results.html", context)
    return TemplateResponse(request, "importer/admin/import.html", context, status=400)
