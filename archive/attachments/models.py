"""The archive's file model: Wagtail's document plus archival facts.

Decided before the first migration because Wagtail's document model cannot
be swapped later: each file carries its detected format, language, SHA-256
checksum, page count and the text extracted once, page by page, at upload.
"""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from .formats import FORMATS, detect_format

logger = logging.getLogger(__name__)


class TextStatus(models.TextChoices):
    NOT_APPLICABLE = "n/a", "Sin texto que extraer"
    EXTRACTED = "ok", "Texto extraído"
    EMPTY = "empty", "Sin texto (posiblemente escaneado)"
    DAMAGED = "damaged", "Archivo dañado: no se pudo leer"
    ENCRYPTED = "encrypted", "Archivo cifrado: no se pudo leer"


LANGUAGES = [("es", "español"), ("en", "inglés"), ("nah", "náhuatl"), ("other", "otro")]


def extract_pdf_pages(fileobj):
    """Return (status, pages, note). Never raises: a bad PDF is stored, not refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(fileobj)
        if reader.is_encrypted:
            return TextStatus.ENCRYPTED, [], "El PDF está cifrado; su texto no se indexa."
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        logger.warning("PDF unreadable: %s", exc)
        return TextStatus.DAMAGED, [], "El PDF está dañado; su texto no se indexa."
    if not any(pages):
        return TextStatus.EMPTY, pages, "El PDF no tiene texto (¿es un escaneo?); su texto no se indexa."
    return TextStatus.EXTRACTED, pages, ""


class ArchiveDocument(AbstractDocument):
    format_key = models.CharField("formato", max_length=10, blank=True, editable=False)
    language = models.CharField("idioma", max_length=10, choices=LANGUAGES, default="es")
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False, db_index=True)
    page_count = models.PositiveIntegerField("páginas", null=True, blank=True, editable=False)
    text_pages = models.JSONField("texto por página", default=list, blank=True, editable=False)
    text_status = models.CharField(
        "estado del texto", max_length=10, choices=TextStatus.choices,
        default=TextStatus.NOT_APPLICABLE, editable=False,
    )
    text_note = models.CharField("nota sobre el texto", max_length=255, blank=True, editable=False)
    # Fixity: when the stored file was last re-read and whether it still
    # matched ``sha256``. Upload counts as the first check; ``manage.py
    # verify_fixity`` records the later ones. None means never checked.
    fixity_checked_at = models.DateTimeField("última comprobación de integridad", null=True, blank=True, editable=False)
    fixity_ok = models.BooleanField("íntegro en la última comprobación", null=True, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields + ("language",)

    search_fields = AbstractDocument.search_fields + [index.FilterField("format_key")]

    class Meta(AbstractDocument.Meta):
        verbose_name = "archivo"
        verbose_name_plural = "archivos"

    @property
    def file_format(self):
        return FORMATS.get(self.format_key)

    @property
    def format_label(self):
        fmt = self.file_format
        return fmt.label if fmt else self.file_extension.upper()

    @property
    def is_open_format(self):
        fmt = self.file_format
        return bool(fmt and fmt.open_format)

    @property
    def full_text(self):
        return "\n\n".join(self.text_pages or [])

    def clean(self):
        super().clean()
        if self.file:
            try:
                detect_format(self.file, self.file.name)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from exc

    def analyse_file(self):
        """Detect format, checksum and text. Runs when the file's content changes."""
        fmt = detect_format(self.file, self.file.name)
        self.format_key = fmt.key
        self.file.seek(0)
        digest = hashlib.sha256()
        for chunk in iter(lambda: self.file.read(1024 * 1024), b""):
            digest.update(chunk)
        self.sha256 = digest.hexdigest()
        self.fixity_checked_at, self.fixity_ok = timezone.now(), True
        self.file.seek(0)
        if fmt.key == "pdf":
            self.text_status, self.text_pages, self.text_note = extract_pdf_pages(self.file)
            self.page_count = len(self.text_pages) or None
            self.file.seek(0)
        elif fmt.family in {"text", "captions"} or fmt.key == "csv":
            raw = self.file.read()
            self.file.seek(0)
            self.text_pages = [raw.decode("utf-8", "replace")]
            self.text_status = TextStatus.EXTRACTED
            self.page_count = None
        else:
            self.text_pages, self.text_status, self.page_count = [], TextStatus.NOT_APPLICABLE, None

    def save(self, *args, **kwargs):
        if self.file and (not self.sha256 or getattr(self.file, "_committed", True) is False):
            self.analyse_file()
        super().save(*args, **kwargs)
