from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from archive.pages.slugs import AsciiSlugMixin


class HomePage(AsciiSlugMixin, Page):
    """The archive's front door: what it is, the phases, ways in, the latest documents."""

    intro = models.TextField(
        "presentación", blank=True,
        help_text="Qué es este archivo, en lenguaje sencillo y en pocas frases.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
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
        from archive.pages.models import DocumentIndexPage, DocumentPage
        from archive.taxonomy.models import Actor, Phase

        context = super().get_context(request, *args, **kwargs)
        context["phases"] = Phase.objects.all()
        context["kind_indexes"] = DocumentIndexPage.objects.live().public().child_of(self)
        context["actors"] = Actor.objects.filter(is_person=False).order_by("name")
        context["latest"] = (
            DocumentPage.objects.visible().select_related("phase").order_by("-first_published_at")[:6]
        )
        return context
