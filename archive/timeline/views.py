"""The whole process on one line (/linea-de-tiempo/) and the co-creation tables (/mesas-de-cocreacion/)."""

import calendar
from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _

from archive.dates import DatePrecision
from archive.pages.models import DocumentPage, MinutesPage, VideoPage
from archive.taxonomy.models import Axis, Phase

from .chart import build_chart, in_range, interval, phase_span, year_range
from .models import Milestone, Pause

COCREATION_PHASE = "mesas-de-cocreacion"


def _published(queryset):
    return queryset.visible().select_related("phase").order_by("date", "title")


def _split_documents():
    """(dated, undated) published public documents."""
    documents = list(_published(DocumentPage.objects.all()))
    dated = [d for d in documents if interval(d.date, d.date_precision)]
    undated = [d for d in documents if not interval(d.date, d.date_precision)]
    return dated, undated


def _process_years(phases, pauses, milestones, dated):
    days = [day for phase in phases if (span := phase_span(phase)) for day in span]
    days += [day for pause in pauses for day in (pause.start, pause.end)]
    days += [m.date for m in milestones] + [d.date for d in dated]
    if not days:
        today = date.today()
        return today.year, today.year
    return min(days).year, max(days).year


def chart_for(first, last, *, phases=None, dated=None):
    """The chart between two days (both included), with the published documents inside them."""
    phases = list(Phase.objects.all()) if phases is None else phases
    if dated is None:
        dated, _ = _split_documents()
    return build_chart(
        first, last, phases, list(Pause.objects.all()), list(Milestone.objects.all()),
        [d for d in dated if in_range(d, first, last)],
    )


def _parse_year(value, low, high, name):
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValueError(
            _("«%(value)s» no es un año. Escribe el año con cuatro cifras en «%(name)s», por ejemplo %(low)s.")
            % {"value": value, "name": name, "low": low}
        ) from None
    if not low <= year <= high:
        raise ValueError(_("El proceso va de %(low)s a %(high)s: elige en «%(name)s» un año entre esos dos.")
                         % {"low": low, "high": high, "name": name})
    return year


def _process_start(milestones, low):
    """The year of the first milestone (the application to OGP Local): the process itself starts there,
    the years before are its background (Mexico in OGP since 2011)."""
    return max(low, min(m.date for m in milestones).year) if milestones else low


def timeline(request):
    phases = list(Phase.objects.all())
    pauses = list(Pause.objects.all())
    milestones = list(Milestone.objects.select_related("phase"))
    dated, undated = _split_documents()
    low, high = _process_years(phases, pauses, milestones, dated)
    start = _process_start(milestones, low)
    error = None
    # Without a choice the page opens on the process; «desde» reaches back to the background.
    first_year, last_year = start, high
    try:
        if request.GET.get("desde", "") != "":
            first_year = _parse_year(request.GET["desde"], low, high, "desde")
        if request.GET.get("hasta", "") != "":
            last_year = _parse_year(request.GET["hasta"], low, high, "hasta")
        if first_year > last_year:
            raise ValueError(_("El año «desde» (%(first)s) no puede ser posterior al año «hasta» (%(last)s).")
                             % {"first": first_year, "last": last_year})
    except ValueError as problem:
        error = str(problem)
        first_year, last_year = start, high
    first, last = year_range(first_year, last_year)
    chart = build_chart(first, last, phases, pauses, milestones, [d for d in dated if in_range(d, first, last)])
    context = {
        "chart": chart,
        "error": error,
        "undated": undated,
        "years": list(range(low, high + 1)),
        "first_year": first_year,
        "last_year": last_year,
        "low": low,
        "high": high,
        "process_start": start,
        "showing_process": (first_year, last_year) == (start, high),
        "showing_all": (first_year, last_year) == (low, high),
        "earlier_documents": sum(1 for d in dated if interval(d.date, d.date_precision)[1] < first),
    }
    return render(request, "timeline/timeline.html", context, status=400 if error else 200)


def phase_chart(phase):
    """The slice of the timeline a phase covers (whole months), or None for a phase without dates."""
    span = phase_span(phase)
    if span is None:
        return None
    first = span[0].replace(day=1)
    last = span[1].replace(day=calendar.monthrange(span[1].year, span[1].month)[1])
    return chart_for(first, last)


def cocreation(request):
    phase = Phase.objects.filter(slug=COCREATION_PHASE).first()
    axes = []
    # One query per kind, whatever the number of axes: pages with their axes.
    kinds = []
    if phase is not None:
        kinds = [(list(_published(model.objects.filter(phase=phase)).prefetch_related("axes")), key)
                 for model, key in ((MinutesPage, "minutes"), (VideoPage, "videos"))]
    for axis in Axis.objects.all():
        sessions = {}
        for pages, key in kinds:
            for page in pages:
                if axis not in page.axes.all():
                    continue
                day = page.date if page.date_precision != DatePrecision.UNKNOWN else None
                session = sessions.setdefault(day, {"date": day, "page": page, "minutes": [], "videos": []})
                session[key].append(page)
        ordered = sorted(sessions.values(), key=lambda s: (s["date"] is None, s["date"] or date.min))
        axes.append({"axis": axis, "sessions": ordered})
    return render(request, "timeline/cocreation.html", {"phase": phase, "axes": axes})
