"""The archive's file model: Wagtail's document plus archival facts.

Decided before the first migration because Wagtail's document model cannot
be swapped later: each file carries its detected format, language, SHA-256
checksum, page count and the text extracted once, page by page.

The upload settles what must be known before the file is accepted (format
by content, size limit, checksum against duplicates) and stores it; the
rest (text, pages, thumbnail) is read by the worker (analysis.py), and the
file says how that reading goes (``analysis_state``).
"""

import hashlib
import json
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from .formats import FORMATS, detect_format
from .limits import check_upload, human_size
from .pdf import TextStatus
from .steps import PENDING, AnalysisState, forget, steps_for

logger = logging.getLogger(__name__)


LANGUAGES = [("es", N_("español")), ("en", N_("inglés")), ("nah", N_("náhuatl")), ("other", N_("otro"))]

# Spanish names of the families of files, as the size-limit message says them.
FAMILY_NAMES = {
    "document": "documentos",
    "data": "datos",
    "text": "texto plano",
    "captions": "subtítulos",
    "image": "imágenes",
    "video": "video",
}


def file_stem(name):
    """«documents/minuta-prueba.pdf» -> «minuta-prueba»."""
    base = name.rsplit("/", 1)[-1]
    return base.rpartition(".")[0] or base


def readable_title(stem):
    """«minuta-prueba_final» -> «Minuta prueba final»: a file name as a person would write it."""
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return (words[:1].upper() + words[1:])[:255] if words else stem


def ocr_copy_name(instance, filename):
    # Random, as thumbnails: reached only through its view, which checks the file is public.
    return f"document-ocr/{uuid.uuid4().hex}.pdf"


def thumbnail_name(instance, filename):
    # Random names: a thumbnail is only ever reached through its view, which
    # checks the file is public; its storage path must not be guessable.
    return f"document-thumbnails/{uuid.uuid4().hex}.webp"


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
    # A small picture of a PDF's first page, served by attachments:thumbnail
    # under the same visibility as the file itself.
    thumbnail = models.FileField("miniatura", upload_to=thumbnail_name, blank=True, editable=False)
    thumbnail_width = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The reading of the file by the worker: queued at upload, then running,
    # then done or failed (with why). Files stored before there was a worker
    # were read at upload: done.
    # OCR (ocr.py): the pages (numbers from 1) whose text was recognised from
    # a scan, a searchable PDF/A copy of the file, and the editors' corrections
    # of recognised pages ({"12": "text"}), which every new reading keeps.
    ocr_pages = models.JSONField("páginas reconocidas (OCR)", default=list, blank=True, editable=False)
    ocr_copy = models.FileField("copia PDF/A con texto", upload_to=ocr_copy_name, blank=True, editable=False)
    text_corrections = models.JSONField("correcciones del texto reconocido", default=dict, blank=True, editable=False)
    analysis_state = models.CharField(
        "lectura", max_length=10, choices=AnalysisState.choices, default=AnalysisState.DONE, editable=False,
    )
    analysis_progress = models.CharField("avance de la lectura", max_length=100, blank=True, editable=False)
    analysis_error = models.CharField("error de la lectura", max_length=500, blank=True, editable=False)
    analysis_attempts = models.PositiveSmallIntegerField("intentos de lectura", default=0, editable=False)
    analysis_started_at = models.DateTimeField("lectura empezada", null=True, blank=True, editable=False)
    analysis_finished_at = models.DateTimeField("lectura terminada", null=True, blank=True, editable=False)

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

    @property
    def content_type(self):
        # Served as what its content is, whatever its name says: an SVG named
        # .txt is still an SVG (and so never shown inline, see
        # WAGTAILDOCS_INLINE_CONTENT_TYPES).
        fmt = self.file_format
        return fmt.mime if fmt else super().content_type

    @property
    def automatic_pages(self):
        """Pages whose text was recognised by OCR and no editor has corrected yet."""
        corrected = self.text_corrections or {}
        return [number for number in self.ocr_pages or [] if str(number) not in corrected]

    @property
    def text_version(self):
        """Changes when the file or an editor's correction changes its text (for caches of the text)."""
        corrections = json.dumps(self.text_corrections or {}, sort_keys=True)
        return f"{self.sha256 or 'sin-huella'}-{hashlib.sha256(corrections.encode()).hexdigest()[:12]}"

    @property
    def text_problem(self):
        """The note an editor must read: the text could not be read or is missing."""
        return self.text_note if self.text_status in {TextStatus.DAMAGED, TextStatus.ENCRYPTED, TextStatus.EMPTY} else ""

    def has_new_file(self):
        return bool(self.file) and getattr(self.file, "_committed", True) is False

    def clean(self):
        # Not AbstractDocument.clean: it judges the file by its extension, and
        # the archive judges it by its content (the name is corrected on save).
        models.Model.clean(self)
        if not self.has_new_file():
            # A file already stored was accepted under the rules of its day;
            # editing its title must not re-judge it (nor read it again).
            return
        try:
            fmt = detect_format(self.file, self.file.name)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        limit = getattr(settings, "ARCHIVE_UPLOAD_LIMITS", {}).get(fmt.family)
        if limit is not None and self.file.size > limit:
            raise ValidationError(
                {
                    "file": f"El archivo pesa {human_size(self.file.size)}; para {FAMILY_NAMES[fmt.family]} "
                    f"el máximo es {human_size(limit)}."
                },
                code="file_too_large",
            )
        try:
            check_upload(self.file, fmt)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        # Views offer the stored copy instead (the document chooser picks it).
        self.duplicate_of = duplicate = self.stored_copy()
        if duplicate is not None:
            raise ValidationError(
                {
                    "file": ValidationError(
                        f"Este archivo ya está en el archivo como «{duplicate.title}» (número {duplicate.pk}). "
                        "Usa ese en lugar de subirlo otra vez: búscalo por su título al elegir un archivo.",
                        code="duplicate",
                    )
                }
            )

    def file_digest(self):
        """SHA-256 of the file's content, read once per upload."""
        if getattr(self, "_digest_of", None) is not self.file.file:
            self.file.seek(0)
            digest = hashlib.sha256()
            for chunk in iter(lambda: self.file.read(1024 * 1024), b""):
                digest.update(chunk)
            self.file.seek(0)
            self._digest, self._digest_of = digest.hexdigest(), self.file.file
        return self._digest

    def stored_copy(self):
        """The file already in the archive with exactly this content, if any (same SHA-256)."""
        return type(self).objects.filter(sha256=self.file_digest()).exclude(pk=self.pk).order_by("pk").first()

    def prepare_file(self):
        """What is settled when a file arrives: format, name, checksum, size; what the reading fills is emptied.

        Returns whether the title is the uploaded file's name (a PDF's own
        title may then replace it once the file is read).
        """
        fmt = detect_format(self.file, self.file.name)
        self.format_key = fmt.key
        titled_by_name = self.has_new_file() and self.title_is_file_name(self.file.name)
        if self.has_new_file():
            self._name_after_content(fmt)
        self.sha256 = self.file_digest()
        self.file_size = self.file.size
        self.fixity_checked_at, self.fixity_ok = timezone.now(), True
        self.file.seek(0)
        forget(self)
        self.set_thumbnail(None)
        self.set_ocr_copy(None)
        return titled_by_name

    def mark_read(self, state=AnalysisState.DONE):
        self.analysis_state, self.analysis_error, self.analysis_progress = state, "", ""
        self.analysis_finished_at = timezone.now()

    @property
    def analysis_pending(self):
        """The worker has not finished reading the file yet."""
        return self.analysis_state in PENDING

    @property
    def analysis_label(self):
        """How the reading goes, as the editor reads it: «en cola», «leyendo: texto, página 12 de 80», «falló: …»."""
        if self.analysis_state == AnalysisState.RUNNING and self.analysis_progress:
            return f"leyendo: {self.analysis_progress}"
        if self.analysis_state == AnalysisState.QUEUED and self.analysis_attempts:
            return f"en cola, intento {self.analysis_attempts + 1} de {settings.ARCHIVE_ANALYSIS_MAX_ATTEMPTS}"
        if self.analysis_state == AnalysisState.FAILED:
            return f"falló: {self.analysis_error or 'error desconocido'}"
        return self.get_analysis_state_display()

    def title_is_file_name(self, name):
        """The title is what the upload forms make of the file's name («minuta-prueba»), or empty."""
        base, stem = name.rsplit("/", 1)[-1], file_stem(name)
        return (self.title or "").strip().lower() in {"", stem.lower(), base.lower(), readable_title(stem).lower()}

    def _name_after_content(self, fmt):
        """Give the file the extension of what it is, so a download opens in the right program."""
        stem, dot, extension = self.file.name.rpartition(".")
        if dot and extension.lower() in fmt.extensions:
            return
        self.file.name = f"{stem if dot else extension}.{fmt.extension}"

    def set_thumbnail(self, thumbnail):
        """Replace the thumbnail (a pdf.Thumbnail, or None for none) without saving the row."""
        if self.thumbnail:
            self.thumbnail.delete(save=False)
        self.thumbnail = None
        self.thumbnail_width = self.thumbnail_height = None
        if thumbnail:
            self.thumbnail.save("miniatura.webp", ContentFile(thumbnail.data), save=False)
            self.thumbnail_width, self.thumbnail_height = thumbnail.width, thumbnail.height

    def set_ocr_copy(self, data):
        """Replace the searchable PDF/A copy (bytes, or None for none) without saving the row."""
        if self.ocr_copy:
            self.ocr_copy.delete(save=False)
        self.ocr_copy = None
        if data:
            self.ocr_copy.save("ocr.pdf", ContentFile(data), save=False)

    def get_file_size(self):
        # Wagtail's version saves the row when the size is missing: a write in
        # the middle of rendering a public page, which re-indexes the document
        # and empties the page cache. The size is stored with the file's
        # analysis; an older row gets it from storage without being saved.
        if self.file_size is None:
            try:
                self.file_size = self.file.size
            except (OSError, ValueError):
                return None
        return self.file_size

    def save(self, *args, **kwargs):
        replace_title = None
        if self.file and (not self.sha256 or self.has_new_file()):
            titled_by_name = self.prepare_file()
            if self.title_is_file_name(self.file.name):
                # Better than a file name; a PDF's own title, when it has one, replaces it once read.
                self.title = readable_title(file_stem(self.title or self.file.name))
            if steps_for(self):
                self.analysis_state, self.analysis_attempts = AnalysisState.QUEUED, 0
                self.analysis_error = self.analysis_progress = ""
                self.analysis_started_at = self.analysis_finished_at = None
                replace_title = self.title if titled_by_name else ""
            else:
                self.mark_read()  # nothing to read in an image or a video
        super().save(*args, **kwargs)
        if replace_title is not None:
            from .analysis import queue_reading

            queue_reading(self, replace_title)


@receiver(post_delete, sender=ArchiveDocument)
def delete_thumbnail(sender, instance, **kwargs):
    # Wagtail deletes the document's file; its thumbnail goes with it.
    if instance.thumbnail:
        instance.thumbnail.delete(save=False)
    if instance.ocr_copy:
        instance.ocr_copy.delete(save=False)
