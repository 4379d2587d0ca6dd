"""Browse by phase, actor and axis: each lists its documents by date."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from archive.pages.models import DocumentPage
from archive.timeline.views import phase_chart

from .models import Actor, ActorKind, Axis, Body, Phase

PAGE_SIZE = 20


def _documents_page(request, queryset):
    queryset = queryset.visible().select_related("phase").order_by("date", "title")
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("pagina", 1))
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)


def phase_list(request):
    return render(request, "pages/phase_list.html", {"phases": Phase.objects.all()})


def phase_detail(request, slug):
    phase = get_object_or_404(Phase, slug=slug)
    documents = _documents_page(request, DocumentPage.objects.filter(phase=phase))
    # The process reads as a sequence: each phase links to the one before and after.
    phases = list(Phase.objects.all())
    position = [p.pk for p in phases].index(phase.pk)
    context = {
        "phase": phase,
        "documents": documents,
        "previous_phase": phases[position - 1] if position > 0 else None,
        "next_phase": phases[position + 1] if position + 1 < len(phases) else None,
        "chart": phase_chart(phase),
    }
    return render(request, "pages/phase_detail.html", context)


def _group_actors(actors):
    """Members of each body first (current, then former), then the rest by kind."""
    groups = []
    in_a_body = set()
    for body in Body:
        current, former = [], []
        for actor in actors:
            for membership in actor.memberships.all():
                if membership.body == body:
                    (current if membership.is_current else former).append((actor, membership))
                    in_a_body.add(actor.pk)
        if current or former:
            slug = body.value.replace("_", "-")
            groups.append({"title": _(body.label), "slug": slug, "current": current, "former": former})
    rest = [actor for actor in actors if actor.pk not in in_a_body]
    by_kind = [
        (_(ActorKind.GOVERNMENT.label), "gobierno", [a for a in rest if a.kind == ActorKind.GOVERNMENT]),
        (_(ActorKind.GUARANTOR.label), "organo-garante", [a for a in rest if a.kind == ActorKind.GUARANTOR]),
        (_("Otros actores"), "otros", [a for a in rest if a.kind not in {ActorKind.GOVERNMENT, ActorKind.GUARANTOR}]),
    ]
    for title, slug, members in by_kind:
        if members:
            groups.append({"title": title, "slug": slug, "actors": members})
    return groups


def actor_list(request):
    actors = list(Actor.objects.prefetch_related("memberships"))
    return render(request, "pages/actor_list.html", {"actors": actors, "groups": _group_actors(actors)})


def actor_detail(request, slug):
    actor = get_object_or_404(Actor.objects.prefetch_related("memberships"), slug=slug)
    # A member's own comments count as their documents even when not listed among its actors.
    own = DocumentPage.objects.filter(Q(actor_links__actor=actor) | Q(membercommentpage__member=actor))
    documents = _documents_page(request, own.distinct())
    # The phases of its published documents, in the process's order: one query.
    phases = Phase.objects.filter(pk__in=own.visible().values("phase_id")).order_by("order", "name")
    context = {"actor": actor, "documents": documents, "phases": list(phases)}
    return render(request, "pages/actor_detail.html", context)


def axis_detail(request, slug):
    axis = get_object_or_404(Axis, slug=slug)
    documents = _documents_page(request, DocumentPage.objects.filter(axes=axis))
    return render(request, "pages/axis_detail.html", {"axis": axis, "documents": documents})
