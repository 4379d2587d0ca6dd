"""«Importar documentos»: the import command as an admin page, for editors without a shell.

An editor reviews first («Revisar sin importar»: a dry run over the upload,
kept by preview.py) and imports what was reviewed with one click, or imports
at once. The screen explains every column, and offers a CSV template and a
filled example (columns.py).
"""

import csv
import io

from django.http import HttpResponse
from django.template.response import TemplateResponse

from archive.pages.models import DocumentIndexPage

from . import preview as previews
from .columns import REQUIRED_ALWAYS, REQUIRED_TO_CREATE, column_groups, example_rows
from .forms import ImportForm
from .manifest import MANIFEST_COLUMNS, ManifestError, read_manifest
from .runner import ERROR, Importer
from .sources import UploadSource

REVIEW, IMPORT, CONFIRM = "revisar", "importar", "confirmar"
TITLE = {"page_title": "Importar documentos", "header_title": "Importar documentos", "header_icon": "upload"}


def _listings_permissions(user):
    return [listing.permissions_for_user(user) for listing in DocumentIndexPage.objects.all()]


def can_import(user):
    """Who may add a document under at least one listing may import (each row is checked again)."""
    return user.is_active and any(p.can_add_subpage() for p in _listings_permissions(user))


def can_publish(user):
    return any(p.can_publish_subpage() for p in _listings_permissions(user))


def _refused(request):
    # A page that says why, not Wagtail's redirect to the dashboard.
    return TemplateResponse(request, "importer/admin/refused.html", dict(TITLE), status=403)


def _form_page(request, form, status=200, problem=""):
    context = {
        **TITLE, "form": form, "problem": problem, "groups": column_groups(),
        "required_always": REQUIRED_ALWAYS, "required_to_create": REQUIRED_TO_CREATE,
    }
    return TemplateResponse(request, "importer/admin/import.html", context, status=status)


def _run(request, rows, source, *, dry_run, publish):
    importer = Importer(source, dry_run=dry_run, publish=publish, user=request.user, check_permissions=True)
    return importer.run(rows)


def _results(request, report, preview=None):
    context = {**TITLE, "report": report, "totals": report.totals_said(), "error": ERROR, "preview": preview}
    return TemplateResponse(request, "importer/admin/results.html", context)


def import_documents(request):
    if not can_import(request.user):
        return _refused(request)
    publisher = can_publish(request.user)
    if request.method != "POST":
        return _form_page(request, ImportForm(can_publish=publisher))
    action = request.POST.get("action", REVIEW)
    if action == CONFIRM:
        return _confirm(request, publisher)

    form = ImportForm(request.POST, request.FILES, can_publish=publisher)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    manifest, files = form.cleaned_data["manifest"], form.cleaned_data["files"]
    data = manifest.read()
    try:
        _, rows = read_manifest(data, manifest.name)
    except ManifestError as exc:
        form.add_error("manifest", f"{exc} No se importó nada.")
        return _form_page(request, form, status=400)
    publish = publisher and form.cleaned_data.get("publish", False)
    if action == IMPORT:
        return _results(request, _run(request, rows, UploadSource(files), dry_run=False, publish=publish))

    kept = previews.keep(request.user, manifest.name, data, files, publish)
    report = _run(request, rows, kept.source(), dry_run=True, publish=publish)
    if not report.would_change:
        kept.discard()  # nothing to confirm
        kept = None
    return _results(request, report, kept)


def _confirm(request, publisher):
    kept = previews.take(request.user, request.POST.get("preview", ""))
    if kept is None:
        problem = (f"Esa revisión ya no está: ya se importó, o pasaron más de {previews.PREVIEW_HOURS} horas. "
                   "Sube el manifiesto otra vez.")
        return _form_page(request, ImportForm(can_publish=publisher), status=400, problem=problem)
    try:
        name, data = kept.manifest()
        _, rows = read_manifest(data, name)  # read once already, at the review
        report = _run(request, rows, kept.source(), dry_run=False, publish=publisher and kept.publish)
    finally:
        kept.discard()
    return _results(request, report)


def _csv_download(filename, rows):
    out = io.StringIO()
    # A byte order mark, so Excel reads the file as UTF-8 (accents, ñ) instead of the system's code page.
    out.write("\ufeff")
    csv.writer(out).writerows(rows)
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_csv(request):
    """The header row alone, with every column the importer reads."""
    if not can_import(request.user):
        return _refused(request)
    return _csv_download("plantilla-importacion.csv", [MANIFEST_COLUMNS])


def example_csv(request):
    """The template filled with real documents of the demo archive."""
    if not can_import(request.user):
        return _refused(request)
    rows = [[row[column] for column in MANIFEST_COLUMNS] for row in example_rows()]
    return _csv_download("ejemplo-importacion.csv", [MANIFEST_COLUMNS, *rows])
