"""Browse by phase, actor and axis: each lists its documents by date."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import get_object_or_404, render

from archive.pages.models import DocumentPage

from .models import Actor, Axis, Phase

PAGE_SIZE = 20


def _documents_page(request, queryset):
    queryset = queryset.live().public().select_related("phase").order_by("date", "title")
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
    return render(request, "pages/phase_detail.html", {"phase": phase, "documents": documents})


def actor_list(request):
    actors = Actor.objects.prefetch_related("memberships")
    return render(request, "pages/actor_list.html", {"actors": actors})


def actor_detail(request, slug):
    actor = get_object_or_404(Actor.objects.prefetch_related("memberships"), slug=slug)
    documents = _documents_page(request, DocumentPage.objects.filter(actor_links__actor=actor).distinct())
    return render(request, "pages/actor_detail.html", {"actor": actor, "documents": documents})


def axis_detail(request, slug):
    axis = get_object_or_404(Axis, slug=slug)
    documents = _documents_page(request, DocumentPage.objects.filter(axes=axis))
    return render(request, "pages/axis_detail.html", {"axis": axis, "documents": documents})
