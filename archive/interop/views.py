"""Citation files, the catalogue downloads and the OAI-PMH endpoint."""

import csv
import json

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from archive.identity import current as identity
from archive.pages.models import DocumentPage
from archive.web.canonical import absolute
from archive.web.control_characters import answers_control_characters

from . import oai
from .catalogue import CSV_COLUMNS, catalogue_entries, csv_row
from .citations import Citation

CITATION_FORMATS = {
    # fmt: (method, content type, file extension)
    "bib": ("bibtex", "application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("ris", "application/x-research-info-systems; charset=utf-8", "ris"),
    "json": ("csl_json", "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def citation(request, page_id, fmt):
    if fmt not in CITATION_FORMATS:
        raise Http404("No ofrecemos la cita en ese formato.")
    page = DocumentPage.objects.visible().filter(pk=page_id).first()
    if page is None:
        raise Http404("No hay ningún documento público con ese número.")
    method, content_type, extension = CITATION_FORMATS[fmt]
    body = getattr(Citation(page.specific), method)()
    stem = identity.for_request(request).file_stem
    return attachment(HttpResponse(body, content_type=content_type), f"{stem}-{page.pk}.{extension}")


class Echo:
    """csv.writer writes to a file; this one hands each line back for streaming."""

    def write(self, value):
        return value


@require_GET
def catalogue_csv(request):
    writer = csv.writer(Echo())

    def rows():
        # A byte-order mark: spreadsheet programs otherwise read UTF-8 as Latin-1.
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for entry in catalogue_entries(request):
            yield writer.writerow(csv_row(entry))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    return attachment(response, f"{identity.for_request(request).file_stem}-catalogo.csv")


@require_GET
def catalogue_json(request):
    entries = list(catalogue_entries(request))
    archive = identity.for_request(request)
    body = {
        "name": f"Catálogo de {archive.name}",
        "generated": timezone.now().isoformat(timespec="seconds"),
        "count": len(entries),
        "documents": entries,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    return attachment(response, f"{archive.file_stem}-catalogo.json")


# Harvesters read OAI-PMH errors, not HTML pages: control characters get badArgument (oai.single_arguments).
@answers_control_characters
@csrf_exempt  # harvesters POST without a session; nothing here changes state
@require_http_methods(["GET", "HEAD", "POST"])
def oai_pmh(request):
    # The protocol allows GET and form-encoded POST with the same arguments.
    query = request.POST if request.method == "POST" else request.GET
    return HttpResponse(oai.respond(request, query), content_type="text/xml; charset=utf-8")


def robots_txt(request):
    """Tell crawlers where the sitemap is, and keep them out of the admin and result lists."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /buscar/",
        "Disallow: /api/buscar/",
        f"Sitemap: {absolute(reverse('interop:sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
