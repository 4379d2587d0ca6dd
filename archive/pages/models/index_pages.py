"""A listing page per kind of document; documents of that kind live beneath it."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from archive.web.canonical import CanonicalURLMixin

from ..english import reading_english
from ..routing import KnownAncestorsMixin
from ..slugs import AsciiSlugMixin
from .base import DocumentPage
from .kinds import DOCUMENT_KINDS, KINDS_BY_SLUG

KIND_CHOICES = [(kind.kind_slug, kind.kind_plural) for kind in DOCUMENT_KINDS]


class DocumentIndexPage(CanonicalURLMixin, AsciiSlugMixin, KnownAncestorsMixin, Page):
    kind = models.CharField(
        "tipo de documento", max_length=20, choices=KIND_CHOICES, unique=True,
        help_text="Solo documentos de este tipo pueden crearse aquí.",
    )
    intro = models.TextField("introducción", blank=True, help_text="Qué son estos documentos, en lenguaje sencillo.")

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [f"pages.{kind.__name__}" for kind in DOCUMENT_KINDS]
    template = "pages/document_index_page.html"
    page_size = 20

    class Meta:
        verbose_name = "listado de documentos"
        verbose_name_plural = "listados de documentos"

    def clean(self):
        super().clean()
        if self.kind not in KINDS_BY_SLUG:
            raise ValidationError({"kind": "Elige un tipo de documento."})

    @property
    def kind_model(self):
        return KINDS_BY_SLUG[self.kind]

    @property
    def display_title(self):
        """The listing's own title in Spanish; on English pages, its kind's name in English."""
        kind = KINDS_BY_SLUG.get(self.kind)
        if kind is not None and reading_english():
            return gettext(kind.kind_plural)
        return self.title

    def documents(self):
        return (
            DocumentPage.objects.visible().child_of(self)
            .select_related("phase").order_by("-date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.documents(), self.page_size)
        try:
            page = paginator.page(request.GET.get("pagina", 1))
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        context["documents"] = page
        return context

