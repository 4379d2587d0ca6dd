"""How many published documents the archive holds, by phase, kind, axis, actor and year.

Only live public documents count. Each figure costs a fixed number of queries,
however many documents there are.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from archive.pages.models import DocumentActor, DocumentPage
from archive.pages.models.kinds import DOCUMENT_KINDS, MemberCommentPage
from archive.taxonomy.models import Actor, Axis, Phase

# How many bars the actors' chart shows; the table lists them all.
TOP_ACTORS = 15

# Chart geometry, in SVG user units (the chart scales to its container).
CHART_WIDTH = 640
BAR_MAX = 520
ROW_HEIGHT = 48
LABEL_MAX_CHARS = 80


@dataclass
class Row:
    label: str
    count: int
    url: str = ""


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
    rows = [Row(phase.name, counts.get(phase.pk, 0), phase.get_absolute_url()) for phase in Phase.objects.all()]
    if counts.get(None):
        rows.append(Row("Sin etapa", counts[None]))
    return Figure("etapa", "Documentos por etapa", "etapa", rows)


def by_kind(ids):
    counts = dict(
        DocumentPage.objects.filter(pk__in=ids)
        .values("content_type_id").annotate(n=Count("pk")).order_by().values_list("content_type_id", "n")
    )
    types = ContentType.objects.get_for_models(*DOCUMENT_KINDS)
    rows = [Row(kind.kind_plural, counts.get(types[kind].pk, 0)) for kind in DOCUMENT_KINDS]
    return Figure("tipo", "Documentos por tipo", "tipo", rows)


def by_axis(ids):
    axes = Axis.objects.annotate(n=Count("documents", filter=Q(documents__in=ids), distinct=True))
    rows = [Row(axis.name, axis.n, axis.get_absolute_url()) for axis in axes]
    return Figure("eje", "Documentos por eje temático", "eje", rows,
                  note="Un documento puede tratar varios ejes, o ninguno.")


def by_actor(ids):
    # As on the actor's page, a member's own comments count among its documents.
    pairs = set(
        DocumentActor.objects.filter(page_id__in=ids).values_list("actor_id", "page_id")
    ) | set(MemberCommentPage.objects.filter(pk__in=ids).values_list("member_id", "pk"))
    counts = Counter(actor_id for actor_id, _ in pairs if actor_id is not None)
    actors = sorted(Actor.objects.filter(pk__in=counts), key=lambda actor: (-counts[actor.pk], actor.name))
    rows = [Row(actor.display_name, counts[actor.pk], actor.get_absolute_url()) for actor in actors]
    note = "Un documento cuenta una vez por cada actor que aparece en él."
    if len(rows) > TOP_ACTORS:
        note += f" La gráfica muestra los {TOP_ACTORS} con más documentos; la tabla, todos."
    return Figure("actor", "Documentos por actor", "actor", rows, chart_limit=TOP_ACTORS, note=note)


def by_year(ids):
    counts = (
        DocumentPage.objects.filter(pk__in=ids).values("year").annotate(n=Count("pk"))
        .order_by("year").values_list("year", "n")
    )
    dated = [Row(str(year), n) for year, n in counts if year is not None]
    undated = [Row("Sin fecha", n) for year, n in counts if year is None]
    return Figure("anio", "Documentos por año", "año", dated + undated)


FIGURES = {"etapa": by_phase, "tipo": by_kind, "eje": by_axis, "actor": by_actor, "anio": by_year}


def layout(figure):
    """Bar geometry for the chart: the label on one line, the bar and its number below."""
    rows = figure.chart_rows
    largest = max((row.count for row in rows), default=0) or 1
    figure.bars = []
    for position, row in enumerate(rows):
        top = position * ROW_HEIGHT
        label = row.label if len(row.label) <= LABEL_MAX_CHARS else row.label[: LABEL_MAX_CHARS - 1] + "…"
        width = round(BAR_MAX * row.count / largest) if row.count else 0
        figure.bars.append({
            "label": label,
            "count": row.count,
            "label_y": top + 16,
            "bar_y": top + 22,
            "width": width,
            "number_x": width + 8,
            "number_y": top + 38,
        })
    figure.height = max(len(rows), 1) * ROW_HEIGHT
    return figure


def all_figures():
    ids = published_ids()
    return [layout(build(ids)) for build in FIGURES.values()]


def total_documents():
    return DocumentPage.objects.visible().count()
