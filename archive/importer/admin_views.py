"""«Importar documentos»: the import command as an admin page, for editors without a shell.

An editor reviews first («Revisar sin importar»: a dry run over the upload,
kept by preview.py) and imports what was reviewed with one click, or imports
at once. The screen explains every column, and offers a CSV template and a
filled example (columns.py).
"""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from archive.attachments.models import ArchiveDocument
from archive.attachments.steps import PENDING, AnalysisState
from archive.pages.models import DocumentIndexPage
from archive.spanish import whole
from archive.worker.jobs import enqueue
from archive.worker.status import workers_alive

from . import preview as previews
from .columns import REQUIRED_ALWAYS, REQUIRED_TO_CREATE, column_groups, example_rows
from .forms import ImportForm
from .jobs import report_of, run_import
from .manifest import MANIFEST_COLUMNS, ManifestError, read_manifest
from .models import ImportRun, RunState
from .runner import ERROR

REVIEW, IMPORT, CONFIRM = "revisar", "importar", "confirmar"
RECENT_RUNS = 10
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
        "runs": ImportRun.objects.filter(user=request.user)[:RECENT_RUNS],
    }
    return TemplateResponse(request, "importer/admin/import.html", context, status=status)


def _queue(request, upload, rows, *, review, publish):
    """Record the run, queue it for the worker and send the editor to its page."""
    run = ImportRun.objects.create(user=request.user, manifest_name=upload.meta["manifest"][:255], review=review,
                                   publish=publish, folder=str(upload.path), total=len(rows))
    enqueue(run_import, run.pk)
    # 303: the page is fetched again with GET, so reloading it never sends the upload twice.
    return HttpResponseRedirect(reverse("importer_run", args=[run.pk]), status=303)


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
    upload = previews.keep(request.user, manifest.name, data, files, publish)
    return _queue(request, upload, rows, review=action != IMPORT, publish=publish)


def too_many_files(request):
    """The form again, saying to send a ZIP (middleware.py: Django refused the request's files)."""
    if not can_import(request.user):
        return _refused(request)
    limit = whole(settings.DATA_UPLOAD_MAX_NUMBER_FILES)
    problem = (f"Elegiste más de {limit} archivos sueltos; el máximo es {limit}. Ponlos en un ZIP y sube el ZIP. "
               "No se importó nada.")
    return _form_page(request, ImportForm(can_publish=can_publish(request.user)), status=400, problem=problem)


def _confirm(request, publisher):
    upload = previews.take(request.user, request.POST.get("preview", ""))
    if upload is None:
        problem = (f"Esa revisión ya no está: ya se importó, o pasaron más de {previews.PREVIEW_HOURS} horas. "
                   "Sube el manifiesto otra vez.")
        return _form_page(request, ImportForm(can_publish=publisher), status=400, problem=problem)
    name, data = upload.manifest()
    _, rows = read_manifest(data, name)  # read once already, at the review
    ImportRun.objects.filter(folder=str(upload.path).removesuffix(previews.TAKEN)).update(folder="")
    return _queue(request, upload, rows, review=False, publish=publisher and upload.publish)


def _run_or_404(request, run_id):
    run = ImportRun.objects.filter(pk=run_id).first()
    # Someone else's import is not found, rather than forbidden: its existence is not theirs to know.
    if run is None or not can_import(request.user) or not run.visible_to(request.user):
        raise Http404("No existe esa importación.")
    return run


def _progress(run):
    """(done, total) of a run, as far as can be known now."""
    if run.review and run.state == RunState.RUNNING and run.folder:
        upload = previews.load(run.folder)
        progress = upload.read_progress() if upload else None
        if progress:
            return progress
    return run.done, run.total


def _files_read(run):
    """How the reading of the files a real import stored goes, or None when it stored none."""
    if run.review or run.state != RunState.DONE:
        return None
    stored = [pk for row in run.results for pk in row.get("files", [])]
    counts = dict(ArchiveDocument.objects.filter(pk__in=stored).values_list("analysis_state")
                  .annotate(n=Count("pk")).values_list("analysis_state", "n"))
    if not counts:
        return None
    total, pending = sum(counts.values()), sum(counts.get(state, 0) for state in PENDING)
    return {"total": total, "pending": pending, "failed": counts.get(AnalysisState.FAILED, 0), "read": total - pending}


def import_run(request, run_id):
    run = _run_or_404(request, run_id)
    done, total = _progress(run)
    files = _files_read(run)
    status = {
        "estado": run.state, "estado_texto": run.get_state_display(), "filas_hechas": done, "filas": total,
        "archivos": files, "terminada": run.finished,
    }
    if request.GET.get("formato") == "json":
        return JsonResponse(status)
    report = report_of(run) if run.finished else None
    context = {
        **TITLE, "run": run, "done": done, "total": total, "files": files, "status": status,
        "report": report, "totals": report.totals_said() if report else None, "error": ERROR,
        "worker_alive": run.finished or workers_alive(),
        "preview": run.folder and run.review and run.state == RunState.DONE and Path(run.folder).name,
    }
    return TemplateResponse(request, "importer/admin/run.html", context)


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
