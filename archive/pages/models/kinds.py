"""The kinds of document, each with the fields its readers expect.

Kept in one module: each kind is a handful of fields on top of
``DocumentPage`` and reads best side by side.
"""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from archive.dates import DatePrecision, format_partial_date
from archive.spanish import whole
from archive.taxonomy.models import Body, actors_named

from .base import DocumentPage, past_or_today

RICH = ["bold", "italic", "link", "ol", "ul"]


def lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def period_status(opening, closing):
    """Where a call or a consultation stands today."""
    today = timezone.localdate()
    if opening and today < opening:
        return _("Próxima")
    if closing and today > closing:
        return _("Cerrada")
    if opening or closing:
        return _("Abierta")
    return _("Sin fechas")


def closing_after_opening(opening, closing, field="closing_date"):
    if opening and closing and closing < opening:
        return {field: "La fecha de cierre no puede ser anterior a la de apertura."}
    return {}


def count(value):
    return whole(value) if value is not None else ""


class CallPage(DocumentPage):
    opening_date = models.DateField("apertura", null=True, blank=True)
    closing_date = models.DateField("cierre", null=True, blank=True)
    addressed_to = models.TextField("dirigida a", blank=True, help_text="Quién puede participar.")
    results = RichTextField("resultados", blank=True, features=RICH)

    kind_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opening_date"), FieldPanel("closing_date")]),
                FieldPanel("addressed_to"),
                FieldPanel("results"),
            ],
            heading="Convocatoria",
        )
    ]
    search_fields = DocumentPage.search_fields + [
        index.SearchField("addressed_to"),
        index.SearchField("results"),
    ]
    kind_slug, kind_label, kind_plural = "convocatoria", N_("Convocatoria"), N_("Convocatorias")
    kind_code = "CONV"
    csl_type, ris_type, dcmi_type, schema_type = "document", "GEN", "Text", "DigitalDocument"
    zotero_type = "document"
    text_fields = DocumentPage.text_fields + ("addressed_to", "results")
    file_fields = {}

    class Meta:
        verbose_name = "convocatoria"
        verbose_name_plural = "convocatorias"

    def clean_kind(self):
        return closing_after_opening(self.opening_date, self.closing_date)

    @property
    def status(self):
        return period_status(self.opening_date, self.closing_date)

    def kind_fields(self):
        return [
            (_("Apertura"), format_partial_date(self.opening_date, DatePrecision.DAY, "")),
            (_("Cierre"), format_partial_date(self.closing_date, DatePrecision.DAY, "")),
            (_("Estado"), self.status),
            (_("Dirigida a"), self.addressed_to),
        ]


class LetterPage(DocumentPage):
    signatories = models.TextField("firmantes", blank=True, help_text="Una persona u organización por línea.")
    addressee = models.CharField("destinatario", max_length=255, blank=True)

    kind_panels = [MultiFieldPanel([FieldPanel("signatories"), FieldPanel("addressee")], heading="Carta")]
    search_fields = DocumentPage.search_fields + [
        index.SearchField("signatories"),
        index.SearchField("addressee"),
    ]
    kind_slug, kind_label, kind_plural = "carta", N_("Carta de intención"), N_("Cartas de intención")
    kind_code = "CARTA"
    csl_type, ris_type, dcmi_type, schema_type = "document", "GEN", "Text", "DigitalDocument"
    zotero_type = "letter"
    text_fields = DocumentPage.text_fields + ("signatories",)
    file_fields = {}

    class Meta:
        verbose_name = "carta de intención"
        verbose_name_plural = "cartas de intención"

    def kind_fields(self):
        return [(_("Firmantes"), ", ".join(lines(self.signatories))), (_("Dirigida a"), self.addressee)]

    # Cached: a page's head, citation and feed entry each ask, and the lines are looked up in one query.
    @cached_property
    def makers(self):
        # Letters are recorded with their signatories as text more often than as actors.
        return super().makers or actors_named(lines(self.signatories))

    @cached_property
    def recipients(self):
        return super().recipients or actors_named(lines(self.addressee))


class ConsultationMaterialPage(DocumentPage):
    """What was put before the public in a consultation: the call, the questions, the rules proposals had to meet."""

    period_start = models.DateField("inicio de la consulta", null=True, blank=True)
    period_end = models.DateField("cierre de la consulta", null=True, blank=True)
    channel = models.CharField(
        "dónde se recibieron las respuestas", max_length=255, blank=True,
        help_text="La plataforma, el formulario o el lugar. Por ejemplo: «Plaza Pública».",
    )
    audience = models.TextField("dirigida a", blank=True, help_text="Quién podía participar.")
    questions = RichTextField(
        "preguntas o formulario", blank=True, features=RICH,
        help_text="Lo que se preguntó, tal como se preguntó.",
    )
    requirements = RichTextField(
        "requisitos de las propuestas", blank=True, features=RICH,
        help_text="Lo que una propuesta o un problema debía cumplir para tomarse en cuenta.",
    )
    responses = models.PositiveIntegerField(
        "respuestas recibidas", null=True, blank=True, help_text="Déjalo vacío si no se sabe.",
    )

    kind_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("channel"),
                FieldPanel("audience"),
                FieldPanel("questions"),
                FieldPanel("requirements"),
                FieldPanel("responses"),
            ],
            heading="Consulta pública",
        )
    ]
    search_fields = DocumentPage.search_fields + [
        index.SearchField("channel"),
        index.SearchField("audience"),
        index.SearchField("questions"),
        index.SearchField("requirements"),
    ]
    kind_slug, kind_label, kind_plural = "consulta", N_("Material de consulta pública"), N_("Materiales de consulta pública")
    kind_code = "CONS"
    csl_type, ris_type, dcmi_type, schema_type = "document", "GOVDOC", "Text", "DigitalDocument"
    zotero_type = "document"
    text_fields = DocumentPage.text_fields + ("audience", "questions", "requirements")
    file_fields = {}

    class Meta:
        verbose_name = "material de consulta pública"
        verbose_name_plural = "materiales de consulta pública"

    def clean_kind(self):
        return closing_after_opening(self.period_start, self.period_end, "period_end")

    @property
    def status(self):
        return period_status(self.period_start, self.period_end)

    @property
    def period_label(self):
        opening = format_partial_date(self.period_start, DatePrecision.DAY, "")
        closing = format_partial_date(self.period_end, DatePrecision.DAY, "")
        if opening and closing:
            return f"del {opening} al {closing}"
        return f"desde el {opening}" if opening else (f"hasta el {closing}" if closing else "")

    def kind_fields(self):
        return [
            (_("Periodo"), self.period_label),
            (_("Estado"), self.status),
            (_("Dónde se respondió"), self.channel),
            (_("Dirigida a"), self.audience),
            (_("Respuestas recibidas"), count(self.responses)),
        ]


class ProposalAnalysisPage(DocumentPage):
    """How the problems and proposals received were sifted: by whom, by which criteria, with what result."""

    analysed_by = models.TextField(
        "quién analizó", blank=True,
        help_text="Una instancia, organización o persona por línea. Por ejemplo: «Núcleo Promotor».",
    )
    received = models.PositiveIntegerField("propuestas recibidas", null=True, blank=True)
    selected_count = models.PositiveIntegerField("propuestas seleccionadas", null=True, blank=True)
    criteria = RichTextField("criterios de selección", blank=True, features=RICH)
    selected = RichTextField("qué se seleccionó", blank=True, features=RICH)
    merged = RichTextField(
        "qué se fusionó", blank=True, features=RICH,
        help_text="Propuestas o problemas parecidos que se unieron en uno.",
    )
    set_aside = RichTextField(
        "qué se descartó o se dejó para después", blank=True, features=RICH,
        help_text="Y por qué, si se sabe.",
    )

    kind_panels = [
        MultiFieldPanel(
            [
                FieldPanel("analysed_by"),
                FieldRowPanel([FieldPanel("received"), FieldPanel("selected_count")]),
                FieldPanel("criteria"),
                FieldPanel("selected"),
                FieldPanel("merged"),
                FieldPanel("set_aside"),
            ],
            heading="Análisis",
        )
    ]
    search_fields = DocumentPage.search_fields + [
        index.SearchField("analysed_by"),
        index.SearchField("criteria"),
        index.SearchField("selected"),
        index.SearchField("merged"),
        index.SearchField("set_aside"),
    ]
    kind_slug, kind_label, kind_plural = "analisis", N_("Análisis de propuestas"), N_("Análisis de propuestas")
    kind_code = "ANA"
    csl_type, ris_type, dcmi_type, schema_type = "report", "RPRT", "Text", "Report"
    zotero_type = "report"
    text_fields = DocumentPage.text_fields + ("analysed_by", "criteria", "selected", "merged", "set_aside")
    file_fields = {}

    class Meta:
        verbose_name = "análisis de propuestas"
        verbose_name_plural = "análisis de propuestas"

    def clean_kind(self):
        if self.received is not None and self.selected_count is not None and self.selected_count > self.received:
            return {"selected_count": "No pueden seleccionarse más propuestas de las que se recibieron."}
        return {}

    def kind_fields(self):
        return [
            (_("Quién analizó"), ", ".join(lines(self.analysed_by))),
            (_("Propuestas recibidas"), count(self.received)),
            (_("Propuestas seleccionadas"), count(self.selected_count)),
        ]


class MinutesPage(DocumentPage):
    meeting_body = models.CharField(
        "quién sesionó", max_length=255, blank=True,
        help_text="La mesa o instancia que se reunió. Por ejemplo: «Mesa de cocreación de Género e inclusión».",
    )
    attendees = models.TextField("asistentes", blank=True, help_text="Una persona u organización por línea.")
    agreements = RichTextField("acuerdos", blank=True, features=RICH)
    next_steps = RichTextField("siguientes pasos", blank=True, features=RICH)

    kind_panels = [
        MultiFieldPanel(
            [FieldPanel("meeting_body"), FieldPanel("attendees"), FieldPanel("agreements"), FieldPanel("next_steps")],
            heading="Sesión",
        )
    ]
    search_fields = DocumentPage.search_fields + [
        index.SearchField("meeting_body"),
        index.SearchField("attendees"),
        index.SearchField("agreements"),
        index.SearchField("next_steps"),
    ]
    kind_slug, kind_label, kind_plural = "minuta", N_("Minuta"), N_("Minutas")
    kind_code = "MIN"
    csl_type, ris_type, dcmi_type, schema_type = "document", "GEN", "Text", "DigitalDocument"
    zotero_type = "manuscript"
    text_fields = DocumentPage.text_fields + ("attendees", "agreements", "next_steps")
    file_fields = {}

    class Meta:
        verbose_name = "minuta"
        verbose_name_plural = "minutas"

    def clean_kind(self):
        return past_or_today(self.date, "date", "Una minuta registra una sesión que ya ocurrió: la fecha no puede ser futura.")

    def kind_fields(self):
        return [(_("Quién sesionó"), self.meeting_body), (_("Asistentes"), ", ".join(lines(self.attendees)))]


class VideoPage(DocumentPage):
    route_joins = (*DocumentPage.route_joins, "video_file", "captions")

    video_file = models.ForeignKey(
        "attachments.ArchiveDocument", verbose_name="archivo de video", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    external_url = models.URLField("dirección externa del video", blank=True, max_length=500)
    duration = models.DurationField("duración", null=True, blank=True, help_text="Formato hh:mm:ss.")
    captions = models.ForeignKey(
        "attachments.ArchiveDocument", verbose_name="subtítulos (WebVTT)", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    transcript = models.TextField("transcripción", blank=True)
    speakers = models.TextField("personas que hablan", blank=True, help_text="Una por línea.")

    kind_panels = [
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("external_url"),
                FieldPanel("duration"),
                FieldPanel("captions"),
                FieldPanel("transcript"),
                FieldPanel("speakers"),
            ],
            heading="Video",
        )
    ]
    search_fields = DocumentPage.search_fields + [
        index.SearchField("transcript"),
        index.SearchField("speakers"),
    ]
    kind_slug, kind_label, kind_plural = "video", N_("Video"), N_("Videos")
    kind_code = "VID"
    csl_type, ris_type, dcmi_type, schema_type = "motion_picture", "VIDEO", "MovingImage", "VideoObject"
    zotero_type = "videoRecording"
    text_fields = DocumentPage.text_fields + ("transcript", "speakers")
    file_fields = {"video_file": "Archivo de video", "captions": "Subtítulos"}
    media_field, captions_field, transcript_field = "video_file", "captions", "transcript"

    class Meta:
        verbose_name = "video"
        verbose_name_plural = "videos"

    def clean_kind(self):
        errors = past_or_today(self.date, "date", "Un video registra una sesión que ya ocurrió: la fecha no puede ser futura.")
        if self.captions_id and self.captions.format_key != "vtt":
            errors["captions"] = "Los subtítulos deben ser un archivo WebVTT (.vtt)."
        if self.video_file_id and self.video_file.file_format and self.video_file.file_format.family != "video":
            errors["video_file"] = "El archivo de video debe ser MP4 o WebM."
        # A video the archive plays must be readable by people who cannot hear
        # it (WCAG 1.2.2 and 1.2.3). A video only linked elsewhere is not ours
        # to caption, so the rule applies when the archive holds the file.
        if self.video_file_id and not self.captions_id and not (self.transcript or "").strip():
            errors.setdefault(
                "captions",
                "Para publicar un video del archivo, agrega sus subtítulos (archivo WebVTT) o escribe su "
                "transcripción: sin ellos, las personas sordas no pueden seguirlo.",
            )
        return errors

    @property
    def holds_file(self):
        return bool(self.video_file_id) or super().holds_file

    def media_url(self):
        return super().media_url() or self.external_url

    def search_formats(self):
        formats = set()
        if self.video_file_id or self.external_url:
            formats.add("video")
        if self.transcript or self.captions_id:
            formats.add("transcripcion")
        return formats

    def schema_extra(self):
        first_online = self.first_published_at.date().isoformat() if self.first_published_at else None
        extra = {"uploadDate": self.date_iso or first_online, "embedUrl": self.external_url or None}
        if self.duration:
            total = int(self.duration.total_seconds())
            extra["duration"] = f"PT{total // 3600}H{total % 3600 // 60}M{total % 60}S"
        return extra

    def kind_fields(self):
        duration = ""
        if self.duration:
            total = int(self.duration.total_seconds())
            duration = f"{total // 3600:d}:{total % 3600 // 60:02d}:{total % 60:02d}"
        return [(_("Duración"), duration), (_("Personas que hablan"), ", ".join(lines(self.speakers)))]


class GuidelinePage(DocumentPage):
    version = models.CharField("versión", max_length=50, blank=True)
    approval_date = models.DateField("fecha de aprobación", null=True, blank=True)
    approved_by = models.CharField("aprobado por", max_length=255, blank=True)

    kind_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("version"), FieldPanel("approval_date")]), FieldPanel("approved_by")],
            heading="Lineamiento",
        )
    ]
    search_fields = DocumentPage.search_fields + [index.SearchField("approved_by")]
    kind_slug, kind_label, kind_plural = "lineamiento", N_("Lineamiento"), N_("Lineamientos")
    kind_code = "LIN"
    csl_type, ris_type, dcmi_type, schema_type = "document", "GEN", "Text", "DigitalDocument"
    zotero_type = "document"
    text_fields = DocumentPage.text_fields
    file_fields = {}

    class Meta:
        verbose_name = "lineamiento"
        verbose_name_plural = "lineamientos"

    def clean_kind(self):
        return past_or_today(self.approval_date, "approval_date", "La fecha de aprobación no puede ser futura.")

    def kind_fields(self):
        return [
            (_("Versión"), self.version),
            (_("Aprobado"), format_partial_date(self.approval_date, DatePrecision.DAY, "")),
            (_("Aprobado por"), self.approved_by),
        ]


class MemberCommentPage(DocumentPage):
    route_joins = (*DocumentPage.route_joins, "member")

    member = models.ForeignKey(
        "taxonomy.Actor", verbose_name="integrante", null=True, blank=True,
        on_delete=models.PROTECT, related_name="comment_pages",
    )
    member_body = models.CharField("instancia", max_length=30, choices=Body.choices, blank=True)
    member_role = models.CharField("papel", max_length=255, blank=True)
    comment = models.TextField("comentario", help_text="Texto plano; los saltos de línea se respetan.")

    kind_panels = [
        MultiFieldPanel(
            [FieldPanel("member"), FieldRowPanel([FieldPanel("member_body"), FieldPanel("member_role")]), FieldPanel("comment")],
            heading="Comentario",
        )
    ]
    search_fields = DocumentPage.search_fields + [index.SearchField("comment"), index.SearchField("member_role")]
    kind_slug, kind_label, kind_plural = "comentario", N_("Comentario de integrante"), N_("Comentarios de integrantes")
    kind_code = "COM"
    csl_type, ris_type, dcmi_type, schema_type = "document", "GEN", "Text", "Comment"
    zotero_type = "manuscript"
    text_fields = DocumentPage.text_fields + ("comment",)
    file_fields = {}

    class Meta:
        verbose_name = "comentario de integrante"
        verbose_name_plural = "comentarios de integrantes"

    @property
    def holds_file(self):
        # The comment's text is the document itself, held on the page.
        return True

    def kind_fields(self):
        return [
            (_("Integrante"), self.member.name if self.member else ""),
            (_("Instancia"), self.get_member_body_display()),
            (_("Papel"), self.member_role),
        ]


class PresentationPage(DocumentPage):
    event = models.CharField("evento", max_length=255, blank=True)
    place = models.CharField("lugar", max_length=255, blank=True)
    presenter = models.CharField("presentó", max_length=255, blank=True)

    kind_panels = [MultiFieldPanel([FieldPanel("event"), FieldPanel("place"), FieldPanel("presenter")], heading="Presentación")]
    search_fields = DocumentPage.search_fields + [index.SearchField("event"), index.SearchField("presenter")]
    kind_slug, kind_label, kind_plural = "presentacion", N_("Presentación"), N_("Presentaciones")
    kind_code = "PRES"
    csl_type, ris_type, dcmi_type, schema_type = "document", "SLIDE", "Text", "PresentationDigitalDocument"
    zotero_type = "presentation"
    text_fields = DocumentPage.text_fields
    file_fields = {}

    class Meta:
        verbose_name = "presentación"
        verbose_name_plural = "presentaciones"

    def kind_fields(self):
        return [(_("Evento"), self.event), (_("Lugar"), self.place), (_("Presentó"), self.presenter)]


class ReportPage(DocumentPage):
    class ReportType(models.TextChoices):
        MEMORIA = "memoria", "Memoria"
        INFORME = "informe", "Informe"

    report_type = models.CharField("tipo de informe", max_length=20, choices=ReportType.choices, default=ReportType.INFORME)
    publisher = models.CharField("edita", max_length=255, blank=True)
    pages = models.PositiveIntegerField("páginas", null=True, blank=True)

    kind_panels = [MultiFieldPanel([FieldPanel("report_type"), FieldPanel("publisher"), FieldPanel("pages")], heading="Informe")]
    search_fields = DocumentPage.search_fields + [index.SearchField("publisher")]
    kind_slug, kind_label, kind_plural = "informe", N_("Memoria o informe"), N_("Memorias e informes")
    kind_code = "INF"
    csl_type, ris_type, dcmi_type, schema_type = "report", "RPRT", "Text", "Report"
    zotero_type = "report"
    text_fields = DocumentPage.text_fields
    file_fields = {}

    class Meta:
        verbose_name = "memoria o informe"
        verbose_name_plural = "memorias e informes"

    def kind_fields(self):
        return [
            (_("Tipo de informe"), self.get_report_type_display()),
            (_("Edita"), self.publisher),
            (_("Páginas"), str(self.pages) if self.pages else ""),
        ]


# Every kind defined above, in the order of this module: facets and menus list them so.
DOCUMENT_KINDS = list(DocumentPage.kinds)
KINDS_BY_SLUG = {kind.kind_slug: kind for kind in DOCUMENT_KINDS}
