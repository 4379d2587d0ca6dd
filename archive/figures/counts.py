"""How many published documents the archive holds, by phase, kind, axis, actor and year.

Only live public documents count. Each figure costs a fixed number of queries,
however many documents there are.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from archive.pages.models import DocumentActor, DocumentPage
from archive.pages.models.kinds import DOCUMENT_KINDS, MemberCommentPage
from archive.taxonomy.models import Actor, Axis, Phase

from .svgtext import text_width, wrap

# How many bars the actors' chart shows; the table lists them all.
TOP_ACTORS = 15

# Chart geometry in CSS pixels: the chart does not scale, so its text keeps
# its size on a phone. Across, positions are percentages of the chart's width;
# labels are broken to fit the narrowest chart (a 320 px screen less the
# page's margins), so they fit every wider one too.
NARROWEST = 288
FONT_SIZE = 15
LINE_HEIGHT = 20
BAR_HEIGHT = 20
ROW_GAP = 16
NUMBER_GAP = 6


@dataclass
class Row:
    label: str
    count: int
    url: str = ""
    # The search that finds the documents counted here ({} when none can: «Sin fecha»).
    query: dict = field(default_factory=dict)

    @property
    def search_url(self):
        return f"{reverse('search:search')}?{urlencode(self.query)}" if self.query else ""


@dataclass
class Figure:
    slug: str
    title: str
    column: str
    rows: list
    chart_limit: int | None = None
    note: str = ""
    bars: list = field(default_factory=list)
    height: int = 0

    @property
    def chart_rows(self):
        return self.rows[: self.chart_limit] if self.chart_limit else self.rows

    @property
    def rest(self):
        """Rows the chart leaves out (only the actors' chart has a limit)."""
        return self.rows[self.chart_limit:] if self.chart_limit else []


def published_ids():
    return DocumentPage.objects.visible().values("pk")


def by_phase(ids):
    counts = dict(
        DocumentPage.objects.filter(pk__in=ids).values("phase_id").annotate(n=Count("pk"))
        .order_by().values_list("phase_id", "n")
    )
    rows = [Row(phase.name, counts.get(phase.pk, 0), phase.get_absolute_url(), {"etapa": phase.slug})
            for phase in Phase.objects.all()]
    if counts.get(None):
        rows.append(Row(_("Sin etapa"), counts[None]))
    return Figure("etapa", _("Documentos por etapa"), pgettext("figure column", "etapa"), rows)


def by_kind(ids):
    counts = dict(
        DocumentPage.objects.filter(pk__in=ids)
        .values("content_type_id").annotate(n=Count("pk")).order_by().values_list("content_type_id", "n")
    )
    types = ContentType.objects.get_for_models(*DOCUMENT_KINDS)
    rows = [Row(_(kind.kind_plural), counts.get(types[kind].pk, 0), query={"tipo": kind.kind_slug})
            for kind in DOCUMENT_KINDS]
    return Figure("tipo", _("Documentos por tipo"), pgettext("figure column", "tipo"), rows)


def by_axis(ids):
    axes = Axis.objects.annotate(n=Count("documents", filter=Q(documents__in=ids), distinct=True))
    rows = [Row(axis.name, axis.n, axis.get_absolute_url(), {"eje": axis.slug}) for axis in axes]
    return Figure("eje", _("Documentos por eje temático"), pgettext("figure column", "eje"), rows,
                  note=_("Un documento puede tratar varios ejes, o ninguno."))


def by_actor(ids):
    # As on the actor's page, a member's own comments count among its documents.
    pairs = set(
        DocumentActor.objects.filter(page_id__in=ids).values_list("actor_id", "page_id")
    ) | set(MemberCommentPage.objects.filter(pk__in=ids).values_list("member_id", "pk"))
    counts = Counter(actor_id for actor_id, _ in pairs if actor_id is not None)
    actors = sorted(Actor.objects.filter(pk__in=counts), key=lambda actor: (-counts[actor.pk], actor.name))
    rows = [Row(actor.display_name, counts[actor.pk], actor.get_absolute_url(), {"actor": actor.slug})
            for actor in actors]
    note = _("Un documento cuenta una vez por cada actor que aparece en él.")
    if len(rows) > TOP_ACTORS:
        note += " " + _("La gráfica muestra los %(top)s con más documentos; la tabla, todos.") % {"top": TOP_ACTORS}
    return Figure("actor", _("Documentos por actor"), pgettext("figure column", "actor"), rows,
                  chart_limit=TOP_ACTORS, note=note)


def by_year(ids):
    counts = (
        DocumentPage.objects.filter(pk__in=ids).values("year").annotate(n=Count("pk"))
        .order_by("year").values_list("year", "n")
    )
    dated = [Row(str(year), n, query={"anio": str(year)}) for year, n in counts if year is not None]
    undated = [Row(_("Sin fecha"), n) for year, n in counts if year is None]
    return Figure("anio", _("Documentos por año"), pgettext("figure column", "año"), dated + undated)


FIGURES = {"etapa": by_phase, "tipo": by_kind, "eje": by_axis, "actor": by_actor, "anio": by_year}


def layout(figure):
    """Bar geometry: the label above its bar, on as many lines as it needs; the number after the bar."""
    rows = figure.chart_rows
    largest = max((row.count for row in rows), default=0) or 1
    # The longest bar leaves room for the widest number beside it on the narrowest chart.
    number_room = NUMBER_GAP + text_width(str(largest), FONT_SIZE, bold=True)
    bar_max = 100 * (NARROWEST - number_room) / NARROWEST
    figure.bars = []
    top = 0
    for row in rows:
        lines = wrap(row.label, NARROWEST, FONT_SIZE)
        bar_y = top + len(lines) * LINE_HEIGHT + 4
        width = round(bar_max * row.count / largest, 2)
        figure.bars.append({
            "label": row.label,
            # The space a line was broken at goes between the <tspan>s, not under a line's underline.
            "lines": [{"text": text.rstrip(" "), "space": text.endswith(" "), "y": top + (n + 1) * LINE_HEIGHT - 5}
                      for n, text in enumerate(lines)],
            "count": row.count,
            "href": row.search_url,
            "bar_y": bar_y,
            "width": width,
            "number_y": bar_y + BAR_HEIGHT - 5,
            "number_dx": NUMBER_GAP if row.count else 0,
        })
        top = bar_y + BAR_HEIGHT + ROW_GAP
    figure.height = max(top - ROW_GAP, LINE_HEIGHT)
    return figure


def all_figures():
    ids = published_ids()
    return [layout(build(ids)) for build in FIGURES.values()]


def total_documents():
    return DocumentPage.objects.visible().count()
