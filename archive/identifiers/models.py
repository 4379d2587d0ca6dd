"""The registry of permanent identifiers: codes that are cited outside the site.

A code is minted once, the first time a document is published, and is never
changed nor given to another document: the rows here are never deleted, and
they outlive the page they name (``page`` becomes NULL), so that a link cited
in a newspaper still answers, years later, with what the document was.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

# The prefix is a site setting (archive/identity), so that another team's
# archive mints its own codes; this is the first archive's, the setting's default.
DEFAULT_PREFIX = "AGA-CDMX"
PREFIX_MAX_LENGTH = 16
# Any prefix the setting accepts, not only today's: a code minted under an
# earlier prefix must keep resolving after the prefix changes.
PREFIX_PATTERN = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
UNDATED = "SF"  # «sin fecha»
# AGA-CDMX-2022-MIN-003, AGA-CDMX-SF-CARTA-012; more than 999 in one year and
# kind simply adds a digit.
CODE_PATTERN = rf"{PREFIX_PATTERN}-(?:\d{{4}}|{UNDATED})-[A-Z]{{2,6}}-\d{{3,}}"


def format_code(prefix, year_part, kind_part, sequence):
    return f"{prefix}-{year_part}-{kind_part}-{sequence:03d}"


class IdentifierSequence(models.Model):
    """The last number given in one (year, kind) series.

    A counter row rather than «the highest code + 1»: the counter row can be
    locked (SELECT ... FOR UPDATE) so two publishers never take the same number,
    and it never goes back, even if rows were removed by hand.
    """

    year_part = models.CharField(max_length=4)
    kind_part = models.CharField(max_length=6)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year_part", "kind_part"], name="identifier_sequence_unique")]


class Identifier(models.Model):
    code = models.CharField("código", max_length=40, unique=True)
    year_part = models.CharField("año", max_length=4)
    kind_part = models.CharField("tipo", max_length=6)
    sequence = models.PositiveIntegerField("número")
    # One code per document; NULL once the page is deleted, the code stays taken.
    page = models.OneToOneField(
        "pages.DocumentPage", verbose_name="documento", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="identifier_record",
    )
    assigned_at = models.DateTimeField("asignado", default=timezone.now)
    # The path the document was last published at: its old address answers
    # 410 after a withdrawal even when the page itself is gone.
    last_url = models.CharField("última dirección pública", max_length=500, blank=True, db_index=True)

    # What a citation needs, as last published: shown when the page is
    # withdrawn or deleted, so the citation never depends on the page.
    title = models.CharField("título", max_length=255, blank=True)
    kind_label = models.CharField("tipo de documento", max_length=100, blank=True)
    summary = models.TextField("resumen", blank=True)
    date_iso = models.CharField("fecha (ISO)", max_length=10, blank=True)
    date_label = models.CharField("fecha", max_length=300, blank=True)
    authors = models.JSONField("autores", default=list, blank=True)
    licence_label = models.CharField("licencia", max_length=100, blank=True)

    # The OAI-PMH sets the document was in when last published, space-separated with a space at
    # each end (" etapa:x tipo:y "): its deleted record keeps them, so whoever harvests a phase
    # learns of the withdrawal too, and a set is a "contains" in SQL.
    set_specs = models.CharField("conjuntos OAI-PMH", max_length=300, blank=True)

    withdrawn_at = models.DateTimeField("retirado", null=True, blank=True)
    withdrawal_reason = models.TextField("motivo del retiro", blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="retirado por", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = "identificador permanente"
        verbose_name_plural = "identificadores permanentes"
        constraints = [
            models.UniqueConstraint(fields=["year_part", "kind_part", "sequence"], name="identifier_series_unique"),
        ]
        # OAI-PMH lists deleted records page by page: the withdrawn are few among many codes.
        indexes = [
            models.Index(
                fields=["withdrawn_at"], condition=models.Q(withdrawn_at__isnull=False), name="identifier_withdrawn",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    # The address to cite is the same for every reader, whatever the language of
    # the page that shows it: /id/…, never /en/id/… (an English browser that
    # opens it is taken to the English page anyway).
    def get_absolute_url(self):
        with override(settings.LANGUAGE_CODE):
            return reverse("identifiers:resolve", args=[self.code])

    def version_url(self, number):
        with override(settings.LANGUAGE_CODE):
            return reverse("identifiers:version", args=[self.code, number])

    @property
    def authors_label(self):
        return "; ".join(self.authors)


class DocumentVersion(models.Model):
    """A published state of a document, numbered 1, 2, 3... in order of publication.

    Numbers are written when the version is published and never recomputed, so
    ``/id/<code>/v/2/`` names the same text forever. The content is copied from
    the revision because Wagtail's ``purge_revisions`` may delete old
    revisions, and a cited version must outlive that.
    """

    identifier = models.ForeignKey(Identifier, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("versión")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    published_at = models.DateTimeField("publicada", default=timezone.now)
    title = models.CharField("título", max_length=255)
    # Same encoder as Wagtail's revisions: the content holds dates and decimals.
    content = models.JSONField("contenido publicado", encoder=DjangoJSONEncoder)
    # For the public «Historial de cambios»: derived from the content at
    # publication (archive/identifiers/changes.py) and never recomputed.
    change_kinds = models.JSONField("tipos de cambio", default=list, blank=True)
    change_note = models.CharField("nota del cambio", max_length=300, blank=True)

    class Meta:
        verbose_name = "versión publicada"
        verbose_name_plural = "versiones publicadas"
        ordering = ["identifier", "number"]
        constraints = [
            models.UniqueConstraint(fields=["identifier", "number"], name="document_version_number_unique"),
            models.UniqueConstraint(fields=["identifier", "revision"], name="document_version_revision_unique"),
        ]

    def __str__(self):
        return f"{self.identifier.code} v{self.number}"

    def get_absolute_url(self):
        return self.identifier.version_url(self.number)

    @property
    def change_labels(self):
        from .changes import labels

        return labels(self.change_kinds)
