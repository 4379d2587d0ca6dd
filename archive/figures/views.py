"""The archive in figures: charts and tables at /cifras/, each figure also as CSV."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.identity import current as identity
from archive.interop.catalogue import FORMULA_STARTS

from .counts import FIGURES, all_figures, published_ids, total_documents


@require_GET
def figures_page(request):
    context = {"figures": all_figures(), "total": total_documents()}
    return render(request, "figures/figures.html", context)


def safe_cell(value):
    """Text a spreadsheet shows as text: a leading apostrophe before formula characters."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@require_GET
def figure_csv(request, slug):
    build = FIGURES.get(slug)
    if build is None:
        raise Http404(_("No hay una cifra con ese nombre."))
    figure = build(published_ids())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([figure.column, _("documentos")])
    for row in figure.rows:
        writer.writerow([safe_cell(row.label), row.count])
    # A byte-order mark: spreadsheet programs otherwise read UTF-8 as Latin-1.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    stem = identity.for_request(request).file_stem
    response["Content-Disposition"] = f'attachment; filename="{stem}-cifras-{slug}.csv"'
    return response
