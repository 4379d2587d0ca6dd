"""The archive's controlled vocabularies: phases, actors, axes, elements.

They are snippets so the Estado Abierto team edits them in the admin; every
document page points at them, and the public search facets on them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from archive.dates import DatePrecision, format_partial_date


class OrderedTerm(index.Indexed, models.Model):
    """A term with a stable slug (used in URLs and search filters) and an order."""

    name = models.CharField("nombre", max_length=255, unique=True)
    slug = models.SlugField(
        "identificador", max_length=100, unique=True,
        help_text="Forma corta para direcciones y filtros. No la cambies: rompería enlaces.",
    )
    order = models.PositiveSmallIntegerField("orden", default=0, help_text="Posición en las listas.")
    description = models.TextField(
        "descripción", blank=True, help_text="En lenguaje sencillo: qué es, en una o dos frases."
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Phase(OrderedTerm):
    start_date = models.DateField("inicio", null=True, blank=True)
    start_precision = models.CharField(
        "precisión del inicio", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField("fin", null=True, blank=True)
    end_precision = models.CharField(
        "precisión del fin", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    dates_note = models.CharField(
        "nota sobre las fechas", max_length=255, blank=True,
        help_text="Por ejemplo: «nunca se publicó» o «se reunió cada viernes».",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("order"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_precision")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_precision")]),
                FieldPanel("dates_note"),
            ],
            heading="Fechas",
        ),
    ]

    class Meta(OrderedTerm.Meta):
        verbose_name = "etapa"
        verbose_name_plural = "etapas"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "La etapa no puede terminar antes de empezar."})

    @property
    def date_range_label(self):
        start = format_partial_date(self.start_date, self.start_precision, "")
        end = format_partial_date(self.end_date, self.end_precision, "")
        if start and end and start != end:
            return f"{start} – {end}"
        return start or end or self.dates_note

    def get_absolute_url(self):
        return reverse("taxonomy:phase", args=[self.slug])


class Axis(OrderedTerm):
    class Meta(OrderedTerm.Meta):
        verbose_name = "eje temático"
        verbose_name_plural = "ejes temáticos"

    def get_absolute_url(self):
        return reverse("taxonomy:axis", args=[self.slug])


class OpennessElement(OrderedTerm):
    class Meta(OrderedTerm.Meta):
        verbose_name = "elemento de apertura"
        verbose_name_plural = "elementos de apertura"


class ActorKind(models.TextChoices):
    GOVERNMENT = "government", N_("Gobierno")
    CIVIL_SOCIETY = "civil_society", N_("Sociedad civil")
    GUARANTOR = "guarantor", N_("Órgano garante")
    ACADEMIA = "academia", N_("Academia")
    EXPERT = "expert", N_("Persona experta")
    INTERNATIONAL = "international", N_("Organismo internacional")


def split_person_name(name):
    """(given, family) by the most common Spanish shape: the last two words are the surnames.

    «María José Montiel Cuatlayol» -> («María José», «Montiel Cuatlayol»);
    «Zulema Oviedo» -> («Zulema», «Oviedo»). A guess editors can correct.
    """
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    cut = -2 if len(words) >= 3 else -1
    return " ".join(words[:cut]), " ".join(words[cut:])


class Actor(index.Indexed, ClusterableModel):
    name = models.CharField("nombre", max_length=255, unique=True)
    slug = models.SlugField(
        "identificador", max_length=100, unique=True,
        help_text="Forma corta para direcciones y filtros. No la cambies: rompería enlaces.",
    )
    is_person = models.BooleanField("es una persona", default=False)
    # Citation managers invert a person's name («Montiel Cuatlayol, María
    # José»): they need to know where the given names end. Spanish double
    # surnames make any automatic split a guess, so editors can correct it.
    given_name = models.CharField(
        "nombre de pila", max_length=150, blank=True,
        help_text="Solo para personas. Si lo dejas vacío, se toman como apellidos las dos últimas palabras.",
    )
    family_name = models.CharField(
        "apellidos", max_length=150, blank=True, help_text="Solo para personas. Por ejemplo: «Montiel Cuatlayol».",
    )
    kind = models.CharField("tipo", max_length=20, choices=ActorKind.choices)
    acronym = models.CharField("siglas", max_length=50, blank=True, help_text="Por ejemplo: ADIP.")
    aliases = models.CharField(
        "otros nombres", max_length=500, blank=True,
        help_text="Nombres con que la gente lo busca, separados por comas. Por ejemplo: InfoCDMX, Info CDMX.",
    )
    description = models.TextField("descripción", blank=True, help_text="Quién es, en lenguaje sencillo.")
    website = models.URLField("sitio web", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_person")]),
        FieldRowPanel([FieldPanel("given_name"), FieldPanel("family_name")]),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("aliases")]),
        FieldPanel("description"),
        FieldPanel("website"),
        InlinePanel("memberships", heading="Membresías", label="membresía"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.SearchField("aliases"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "actor"
        verbose_name_plural = "actores"

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        if self.acronym and self.acronym.lower() not in self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name

    def save(self, *args, **kwargs):
        if self.is_person and not (self.given_name or self.family_name):
            self.given_name, self.family_name = split_person_name(self.name)
        super().save(*args, **kwargs)

    @property
    def name_parts(self):
        """(given, family) of a person; None for an organisation, whose name is never split."""
        if not self.is_person:
            return None
        if self.given_name or self.family_name:
            return self.given_name, self.family_name
        return split_person_name(self.name)

    @property
    def alias_list(self):
        return [a.strip() for a in self.aliases.split(",") if a.strip()]

    def get_absolute_url(self):
        return reverse("taxonomy:actor", args=[self.slug])


class NamedOnly:
    """A maker known only by the words written on the document (a signatory's line), with no actor record:
    its name is kept whole, since nothing says whether it is a person or an institution."""

    is_person = False
    name_parts = None

    def __init__(self, name):
        self.name = name


def actors_named(names):
    """The actor each name (or acronym) is recorded as, else the name alone; in order, each once."""
    wanted = [name for name in dict.fromkeys(names) if name]
    if not wanted:
        return []
    found = {}
    for actor in Actor.objects.filter(models.Q(name__in=wanted) | models.Q(acronym__in=wanted)):
        found.setdefault(actor.name, actor)
        if actor.acronym:
            found.setdefault(actor.acronym, actor)
    return [found.get(name) or NamedOnly(name) for name in wanted]


class Body(models.TextChoices):
    NUCLEO_PROMOTOR = "nucleo_promotor", N_("Núcleo Promotor")
    GRUPO_ASESOR = "grupo_asesor", N_("Grupo Asesor")


class Membership(Orderable):
    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="memberships")
    body = models.CharField("instancia", max_length=30, choices=Body.choices)
    role = models.CharField("papel", max_length=255, blank=True)
    joined = models.DateField("ingreso", null=True, blank=True)
    joined_precision = models.CharField(
        "precisión del ingreso", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    left = models.DateField("salida", null=True, blank=True, help_text="Vacío si sigue siendo integrante.")
    left_precision = models.CharField(
        "precisión de la salida", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.CharField("nota", max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("joined"), FieldPanel("joined_precision")]),
        FieldRowPanel([FieldPanel("left"), FieldPanel("left_precision")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "membresía"
        verbose_name_plural = "membresías"

    def clean(self):
        if self.joined and self.left and self.left < self.joined:
            raise ValidationError({"left": "La salida no puede ser anterior al ingreso."})

    @property
    def is_current(self):
        return self.left is None

    @property
    def joined_label(self):
        return format_partial_date(self.joined, self.joined_precision, gettext("fecha de ingreso desconocida"))

    @property
    def left_label(self):
        return format_partial_date(self.left, self.left_precision, "") if self.left else ""
