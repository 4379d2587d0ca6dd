from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from archive.pages.english import EnglishVersionMixin
from archive.pages.slugs import AsciiSlugMixin
from archive.web.canonical import CanonicalURLMixin


class HomePage(CanonicalURLMixin, AsciiSlugMixin, EnglishVersionMixin, Page):
    """The archive's front door: what it is, the phases, ways in, the latest documents."""

    intro = models.TextField(
        "presentación", blank=True,
        help_text="Qué es este archivo, en lenguaje sencillo y en pocas frases.",
    )

    intro_en = models.TextField(
        "presentación en inglés", blank=True,
        help_text="Opcional. Se muestra en la versión en inglés del sitio.",
    )
    english_summary_field, spanish_summary_field = "intro_en", "intro"

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("intro_en")], heading="En inglés (opcional)"),
    ]
    subpage_types = ["pages.DocumentIndexPage"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "página de inicio"
        verbose_name_plural = "páginas de inicio"

    def route(self, request, path_components):
        from archive.pages.routing import fast_route

        return fast_route(self, request, path_components) or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from django.db.models import Count

        from archive.dates import format_partial_date
        from archive.pages.models import DOCUMENT_KINDS, DocumentIndexPage, DocumentPage
        from archive.taxonomy.models import Actor, Phase
        from archive.timeline.models import Milestone

        context = super().get_context(request, *args, **kwargs)
        visible = DocumentPage.objects.visible().order_by()
        # The archive at a glance: how many documents each phase and kind holds, two grouped queries.
        by_phase = {row["phase_id"]: row["n"] for row in visible.values("phase_id").annotate(n=Count("pk"))}
        kind_of = {ContentType.objects.get_for_model(kind).pk: kind.kind_slug for kind in DOCUMENT_KINDS}
        by_kind = {}
        for row in visible.values("content_type").annotate(n=Count("pk")):
            slug = kind_of.get(row["content_type"])
            by_kind[slug] = by_kind.get(slug, 0) + row["n"]
        phases = list(Phase.objects.all())
        for phase in phases:
            phase.document_count = by_phase.get(phase.pk, 0)
        kind_indexes = list(DocumentIndexPage.objects.live().public().child_of(self))
        for index in kind_indexes:
            index.document_count = by_kind.get(index.kind, 0)
        last = Milestone.objects.order_by("-date").first()
        context.update({
            "phases": phases,
            "kind_indexes": kind_indexes,
            "document_total": sum(by_kind.values()),
            "actors": Actor.objects.filter(is_person=False).order_by("name"),
            "latest": visible.select_related("phase").order_by("-first_published_at")[:6],
            "last_milestone": last,
            "last_milestone_date": format_partial_date(last.date, last.precision) if last else "",
        })
        return context
