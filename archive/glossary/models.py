"""The glossary: acronyms and terms of the process, explained in plain language.

Readers meet «ADIP», «STT» or «cocreación» in documents written for insiders.
Each entry says what the term means; document pages link the first use of a
term to its entry, and the editor's plain-language check lists the terms a
text uses so the editor can explain them.
"""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

EXPANSION_LANGUAGES = [("es", "español"), ("en", "inglés")]


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class GlossaryTerm(index.Indexed, models.Model):
    term = models.CharField(
        "término o sigla", max_length=120, unique=True,
        help_text="Como se escribe en los documentos. Por ejemplo: «ADIP» o «cocreación».",
    )
    slug = models.SlugField(
        "identificador", max_length=120, unique=True,
        help_text="Forma corta para el enlace al glosario (/glosario/#identificador). No la cambies: rompería enlaces.",
    )
    expansion = models.CharField(
        "qué significa la sigla", max_length=255, blank=True,
        help_text="Solo para siglas: el nombre completo. Por ejemplo: «Agencia Digital de Innovación Pública».",
    )
    expansion_language = models.CharField(
        "idioma del nombre completo", max_length=5, choices=EXPANSION_LANGUAGES, default="es",
        help_text="Si el nombre completo está en inglés, los lectores de pantalla lo pronuncian en inglés.",
    )
    variants = models.TextField(
        "otras formas de escribirlo", blank=True,
        help_text="Una por línea: otras siglas, plurales, formas sin acento o con espacios. Por ejemplo: «InfoCDMX».",
    )
    definition = models.TextField(
        "definición en lenguaje sencillo",
        help_text="Qué es, en una o dos frases cortas, para alguien que nunca lo ha oído.",
    )
    mark_in_documents = models.BooleanField(
        "señalar en los documentos", default=True,
        help_text="Enlaza la primera vez que aparece en el resumen y el contenido de cada documento.",
    )

    panels = [
        FieldRowPanel([FieldPanel("term"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("expansion"), FieldPanel("expansion_language")]),
        FieldPanel("variants"),
        FieldPanel("definition"),
        FieldPanel("mark_in_documents"),
    ]

    search_fields = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("expansion"),
        index.SearchField("variants"),
        index.SearchField("definition"),
    ]

    class Meta:
        verbose_name = "término del glosario"
        verbose_name_plural = "glosario"
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def is_acronym(self):
        return bool(self.expansion)

    @property
    def variant_list(self):
        return split_lines(self.variants)

    @property
    def forms(self):
        """Every way the term is written, the term itself first."""
        return list(dict.fromkeys([self.term.strip(), *self.variant_list]))

    @property
    def anchor(self):
        return self.slug

    def get_absolute_url(self):
        return f"{reverse('glossary:index')}#{self.slug}"
