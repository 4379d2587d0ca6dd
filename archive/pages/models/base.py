"""The concrete base of every archived document.

Every kind is a subclass of ``DocumentPage`` (multi-table inheritance) so that
one query covers all kinds and the shared archival metadata can be filtered
and faceted on in one place.
"""

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_noop as N_
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from archive.attachments.models import LANGUAGES
from archive.dates import DatePrecision, follow_date, format_partial_date, iso_partial_date
from archive.pages.english import EnglishVersionMixin
from archive.pages.panels import DistinctRowsInlinePanel
from archive.pages.routing import KnownAncestorsMixin
from archive.pages.slugs import AsciiSlugMixin
from archive.pages.visibility import DocumentQuerySet
from archive.web.canonical import CanonicalURLMixin


class ActorRole(models.TextChoices):
    AUTHOR = "author", N_("Autor o autora")
    PARTICIPANT = "participant", N_("Participante")
    SIGNATORY = "signatory", N_("Firmante")
    ADDRESSEE = "addressee", N_("Destinatario")
    MENTIONED = "mentioned", N_("Mencionado")


class Relation(models.TextChoices):
    RELATED = "related", N_("Relacionado")
    PART_OF = "part_of", N_("Forma parte de")
    RESPONDS_TO = "responds_to", N_("Responde a")
    LEADS_TO = "leads_to", N_("Da lugar a")
    REFERENCES = "references", N_("Cita a")


LICENCES = [
    ("cc-by-4.0", N_("CC BY 4.0")),
    ("cc-by-nc-nd-2.5-mx", N_("CC BY-NC-ND 2.5 México")),
    ("public-domain", N_("Dominio público")),
    ("all-rights-reserved", N_("Todos los derechos reservados")),
    ("unknown", N_("Licencia desconocida")),
]


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Encabezado", form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label="Párrafo", features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    quote = blocks.BlockQuoteBlock(label="Cita")

    class Meta:
        template = "components/body.html"


class DocumentTag(TaggedItemBase):
    content_object = ParentalKey("pages.DocumentPage", on_delete=models.CASCADE, related_name="tagged_items")


class DocumentPage(CanonicalURLMixin, AsciiSlugMixin, KnownAncestorsMixin, EnglishVersionMixin, Page):
    """Archival metadata shared by every kind of document."""

    # DocumentPage.objects.visible(): what the public may see, for every output.
    objects = PageManager.from_queryset(DocumentQuerySet)()

    # Joined into the page's own row when it is served (archive/pages/routing.py).
    route_joins = ("phase", "identifier_record")

    summary = models.TextField(
        "resumen en lenguaje sencillo",
        help_text="Qué es este documento y por qué importa, en dos o tres frases cortas. Obligatorio.",
    )
    summary_en = models.TextField(
        "resumen en inglés", blank=True,
        help_text="Opcional. Dos o tres frases para quien lee el sitio en inglés; si falta, se muestra el resumen en español.",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="contenido")
    date = models.DateField(
        "fecha", null=True, blank=True,
        help_text="Si solo conoces el año o el mes, pon el día 1 y elige la precisión. Déjala vacía si no hay fecha.",
    )
    date_precision = models.CharField(
        "precisión de la fecha", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY,
        help_text="Sigue a la fecha: «Sin fecha» si no hay, «Día» si la hay. Elige «Mes» o «Año» "
        "si solo conoces eso.",
    )
    date_note = models.CharField(
        "nota sobre la fecha", max_length=255, blank=True,
        help_text="Lo que se sabe cuando la fecha es incierta. Por ejemplo: «antes de 2020».",
    )
    # Stored for facets and sorting: search backends can only facet on columns.
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False, db_index=True)
    phase = models.ForeignKey(
        "taxonomy.Phase", verbose_name="etapa", null=True, blank=True,
        on_delete=models.PROTECT, related_name="documents",
    )
    axes = ParentalManyToManyField("taxonomy.Axis", verbose_name="ejes temáticos", blank=True, related_name="documents")
    elements = ParentalManyToManyField(
        "taxonomy.OpennessElement", verbose_name="elementos de apertura", blank=True, related_name="documents"
    )
    tags = ClusterTaggableManager(through=DocumentTag, blank=True, verbose_name="etiquetas")
    language = models.CharField("idioma", max_length=10, choices=LANGUAGES, default="es")
    source_url = models.URLField(
        "dirección original", blank=True, max_length=500,
        help_text="Dónde se publicó el original, aunque ya no esté en línea.",
    )
    original_holder = models.CharField(
        "dónde se conserva el original", max_length=255, blank=True,
        help_text="Por ejemplo: micrositio «Memoria y archivo» de INFO CDMX.",
    )
    licence = models.CharField("licencia", max_length=30, choices=LICENCES, default="unknown")
    # Copied to the published version (archive/identifiers) for the public
    # «Historial de cambios»; left as it was, it is not repeated there.
    change_note = models.CharField(
        "nota del cambio (pública)", max_length=300, blank=True,
        help_text="Qué cambió y por qué, en una frase. Aparece en el historial de cambios público del "
        "documento cuando se publique. Por ejemplo: «Se corrigió la fecha de la sesión».",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
                FieldPanel("date_note"),
            ],
            heading="Fecha",
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("summary_en")], heading="En inglés (opcional)",
                        classname="collapsed"),
    ]
    metadata_panels = [
        FieldPanel("phase"),
        DistinctRowsInlinePanel("actor_links", heading="Actores", label="actor"),
        FieldPanel("axes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("elements", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("licence")]),
        FieldPanel("source_url"),
        FieldPanel("original_holder"),
    ]
    files_panels = [
        InlinePanel("attachments", heading="Archivos", label="archivo"),
        InlinePanel("related_links", heading="Documentos relacionados", label="documento relacionado"),
    ]
    kind_panels = []

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=3),
        index.SearchField("body"),
        index.FilterField("phase_id"),
        index.FilterField("year"),
        index.FilterField("date"),
    ]

    parent_page_types = ["pages.DocumentIndexPage"]
    subpage_types = []
    # Each kind has its own template (Wagtail's default name, such as
    # pages/call_page.html), which extends this one and fills its blocks.
    template = "pages/document_page.html"
    # A copy is a new document: the note about the original's last change is not its own.
    exclude_fields_in_copy = ["change_note"]

    # -- what a kind is -------------------------------------------------
    # Every kind declares these in its own class (tests/pages/test_kinds.py
    # fails otherwise), and every output reads them from the kind: adding a
    # kind touches its class, its template and a migration, nothing else.
    KIND_DECLARATIONS = (
        "kind_slug", "kind_label", "kind_plural", "kind_code",
        "csl_type", "ris_type", "dcmi_type", "schema_type", "zotero_type", "text_fields", "file_fields",
    )
    # Short singular and plural names people read in facets and listings.
    kind_slug = "documento"
    kind_label = "Documento"
    kind_plural = "Documentos"
    # Letters of the kind in reference codes (AGA-CDMX-2022-MIN-003). Fixed
    # once codes are out: a change would mix two spellings of one kind.
    kind_code = "DOC"
    # Its type for citation managers (CSL-JSON, RIS), OAI-PMH's Dublin Core
    # (the DCMI Type Vocabulary) and schema.org's JSON-LD.
    csl_type = "document"
    ris_type = "GEN"
    dcmi_type = "Text"
    schema_type = "DigitalDocument"
    # Zotero's item type, which its Embedded Metadata translator reads from <meta name="z.itemType">:
    # without it every page is saved as a journal article.
    zotero_type = "document"
    # The kind's own fields that hold the document's words: a change there is
    # a correction in the public change history, not a change of metadata.
    text_fields = ("title", "summary", "body")
    # The kind's own fields that point at a file, beyond the attachments,
    # with the label the public reads: {field: label}. Every output that
    # lists, serves or indexes a document's files reads them here.
    file_fields = {}
    # Of those, a media file played in time and its WebVTT captions: search
    # hits in the captions link to the moment they are said.
    media_field = None
    captions_field = None
    transcript_field = None

    # The kinds, in the order facets and menus list them; filled as each
    # kind's class is defined.
    kinds = []
    # Reads everything a document page shows in a fixed number of queries
    # (archive/pages/record.py, which reads these models: set by the app's
    # ready(), so the models do not import it back).
    record_loader = staticmethod(lambda page: None)

    # Only the kinds are created; the base exists so one query spans them all.
    is_creatable = False

    class Meta:
        verbose_name = "documento"
        verbose_name_plural = "documentos"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A class that names its own kind is one; historical models built by
        # migrations never subclass this class, so they never register.
        if "kind_slug" in cls.__dict__:
            DocumentPage.kinds.append(cls)

    @classmethod
    def can_create_at(cls, parent):
        # Each kind lives under the listing of its own kind, so the address of
        # a document says what it is (/minutas/..., /convocatorias/...).
        return super().can_create_at(parent) and getattr(parent.specific, "kind", None) == cls.kind_slug

    @classmethod
    def get_edit_handler(cls):
        tabs = [
            ObjectList(cls.content_panels + cls.kind_panels + [FieldPanel("change_note")], heading="Documento"),
            ObjectList(cls.metadata_panels, heading="Ficha"),
            ObjectList(cls.files_panels, heading="Archivos y relaciones"),
            ObjectList(cls.promote_panels, heading="Promoción"),
            # Wagtail's own: scheduling (go_live_at, expire_at) and, when
            # comments are enabled, the editors' comments side panel.
            ObjectList(cls.settings_panels, heading="Configuración"),
        ]
        return TabbedInterface(tabs).bind_to_model(cls)

    # -- validation -----------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if not (self.summary or "").strip():
            errors["summary"] = "Escribe un resumen en lenguaje sencillo: es obligatorio para publicar."
        self.date_precision = follow_date(self.date, self.date_precision)
        errors.update(self.clean_kind())
        if errors:
            raise ValidationError(errors)

    def clean_kind(self):
        """Checks of one kind; return a dict of field -> message."""
        return {}

    def save(self, *args, **kwargs):
        self.date_precision = follow_date(self.date, self.date_precision)
        self.year = self.date.year if self.date else None
        super().save(*args, **kwargs)

    # -- display --------------------------------------------------------
    @property
    def date_label(self):
        label = format_partial_date(self.date, self.date_precision)
        return f"{label} ({self.date_note})" if self.date_note else label

    @property
    def date_iso(self):
        return iso_partial_date(self.date, self.date_precision)

    @cached_property
    def kind_page(self):
        return self.specific

    @cached_property
    def attachment_list(self):
        return [a for a in self.attachments.all() if a.document_id]

    @property
    def is_catalogue_entry(self):
        """The archive knows of the document but holds no file of it."""
        return not self.holds_file

    @property
    def holds_file(self):
        return bool(self.attachment_list)

    def actors_by_role(self, role):
        return [link.actor for link in self.actor_links.all() if link.role == role]

    @property
    def authors(self):
        return self.actors_by_role(ActorRole.AUTHOR)

    @property
    def makers(self):
        """Who made the document, as citations, reference managers and feeds name them: its authors, else
        its signatories (a letter is made by who signs it). A kind that writes its signatories as text
        (LetterPage) names them where no actor does."""
        return self.authors or self.actors_by_role(ActorRole.SIGNATORY)

    @property
    def publisher_name(self):
        """Who issued the document, for reference managers: the kind's own publisher (a report's), else its
        first author that is an institution; empty when neither is known."""
        own = " ".join(str(getattr(self, "publisher", "") or "").split())
        return own or next((" ".join(a.name.split()) for a in self.authors if not a.is_person), "")

    @property
    def first_pdf(self):
        """The first attached PDF (the file reference managers save with the record), or None."""
        return next((a.document for a in self.attachment_list if a.document.format_key == "pdf"), None)

    @property
    def recipients(self):
        """To whom the document is addressed, for reference managers (Zotero's recipient of a letter)."""
        return self.actors_by_role(ActorRole.ADDRESSEE)

    def kind_fields(self):
        """(label, value) pairs of the kind's own metadata, for the record view."""
        return []

    # -- permanent identifier (archive/identifiers) ---------------------
    @property
    def permanent_identifier(self):
        """The registry row of this document's code, or None before its first publication.

        Read through the reverse one-to-one, so listings can fetch codes with
        ``select_related("identifier_record")`` instead of a query per page.
        """
        try:
            return self.identifier_record
        except ObjectDoesNotExist:
            return None

    @property
    def reference_code(self):
        """AGA-CDMX-2022-MIN-003, or "" before the first publication."""
        identifier = self.permanent_identifier
        return identifier.code if identifier else ""

    @property
    def permanent_path(self):
        identifier = self.permanent_identifier
        return identifier.get_absolute_url() if identifier else ""

    @property
    def permanent_url(self):
        """The address to cite: absolute, on the page's site, and valid whatever the page's slug or place.

        "" before the first publication (drafts have no code yet).
        """
        path = self.permanent_path
        if not path:
            return ""
        from archive.identifiers.addresses import site_root_url

        return site_root_url(self) + path

    def permanent_version_url(self, number):
        identifier = self.permanent_identifier
        if not identifier:
            return ""
        from archive.identifiers.addresses import site_root_url

        return site_root_url(self) + identifier.version_url(number)

    @cached_property
    def published_versions(self):
        """Every published version, oldest first (number, published_at, title...).

        Cached: the permanent address and the change history both list them,
        with one query."""
        identifier = self.permanent_identifier
        return list(identifier.versions.defer("content")) if identifier else []

    @property
    def body_headings(self):
        """(anchor, text) of each heading of the body, in order: the table of contents."""
        from archive.identifiers.addresses import block_anchor

        return [(block_anchor(block), block.value) for block in self.body if block.block_type == "heading"]

    # -- the kind's files ---------------------------------------------
    def own_file_ids(self):
        """(label, file id) of each file the kind holds in its own fields."""
        return [(label, getattr(self, f"{field}_id")) for field, label in self.file_fields.items()
                if getattr(self, f"{field}_id")]

    @classmethod
    def kinds_holding_files(cls):
        return [(kind, field) for kind in cls.kinds for field in kind.file_fields]

    @classmethod
    def holding(cls, document):
        """Every document page that holds ``document``: attached, or in a kind's own field."""
        held = models.Q(attachments__document=document)
        for kind, field in cls.kinds_holding_files():
            held |= models.Q(pk__in=kind.objects.filter(**{field: document}).values("pk"))
        return DocumentPage.objects.filter(held).distinct()

    def captions_file(self):
        """The kind's WebVTT captions file, or None."""
        if self.captions_field and getattr(self, f"{self.captions_field}_id"):
            return getattr(self, self.captions_field)
        return None

    def media_url(self):
        """Where the kind's media plays: its file in the archive, or ""."""
        if self.media_field and getattr(self, f"{self.media_field}_id"):
            return getattr(self, self.media_field).url
        return ""

    def transcript_text(self):
        return getattr(self, self.transcript_field) if self.transcript_field else ""

    def search_formats(self):
        """Values of the «formato» facet the kind adds (a video, a transcript)."""
        return set()

    def schema_extra(self):
        """Properties the kind adds to its schema.org JSON-LD."""
        return {}

    def get_context(self, request, *args, **kwargs):
        # The record, citation, head and sidebar each read actors and files:
        # fetched once here, a fixed number of queries however many there are.
        self.record_loader(self)
        context = super().get_context(request, *args, **kwargs)
        context["document"] = self
        return context


class DocumentActor(Orderable):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="actor_links")
    actor = models.ForeignKey("taxonomy.Actor", on_delete=models.PROTECT, related_name="document_links", verbose_name="actor")
    role = models.CharField("papel", max_length=20, choices=ActorRole.choices, default=ActorRole.PARTICIPANT)

    panels = [FieldRowPanel([FieldPanel("actor"), FieldPanel("role")])]
    duplicate_row_message = "Un actor aparece dos veces con el mismo papel: quita la fila repetida."

    class Meta(Orderable.Meta):
        verbose_name = "actor del documento"
        verbose_name_plural = "actores del documento"
        unique_together = [("page", "actor", "role")]


class DocumentAttachment(Orderable):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "attachments.ArchiveDocument", on_delete=models.PROTECT, related_name="+", verbose_name="archivo"
    )
    label = models.CharField(
        "descripción", max_length=255, blank=True,
        help_text="Qué contiene, si no basta el título del archivo. Por ejemplo: «versión en formato abierto».",
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "archivo adjunto"
        verbose_name_plural = "archivos adjuntos"

    @property
    def title(self):
        return self.label or self.document.title


class RelatedDocument(Orderable):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        DocumentPage, on_delete=models.CASCADE, related_name="incoming_links", verbose_name="documento"
    )
    relation = models.CharField("relación", max_length=20, choices=Relation.choices, default=Relation.RELATED)

    panels = [FieldRowPanel([PageChooserPanel("target", "pages.DocumentPage"), FieldPanel("relation")])]

    class Meta(Orderable.Meta):
        verbose_name = "documento relacionado"
        verbose_name_plural = "documentos relacionados"

    def clean(self):
        if self.target_id and self.target_id == self.page_id:
            raise ValidationError({"target": "Un documento no puede relacionarse consigo mismo."})


def past_or_today(value, field, message):
    if value and value > timezone.localdate():
        return {field: message}
    return {}
