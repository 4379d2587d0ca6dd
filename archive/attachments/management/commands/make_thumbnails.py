"""Thumbnails and page counts for PDFs stored before the archive made them at upload, and for office
files stored without a picture (LibreOffice was not installed): their reading is queued again."""

from django.core.management.base import BaseCommand

from archive.attachments.analysis import queue_reading
from archive.attachments.models import ArchiveDocument
from archive.attachments.office_pdf import PAGED, available
from archive.attachments.pdf import TextStatus, render_first_page


class Command(BaseCommand):
    help = "Crea la miniatura de la primera página y cuenta las páginas de los PDF que aún no las tienen."

    def add_arguments(self, parser):
        parser.add_argument("--todos", action="store_true", dest="everything", help="Rehace también las que ya existen.")

    def handle(self, everything=False, **options):
        queryset = ArchiveDocument.objects.filter(format_key="pdf").order_by("pk")
        if not everything:
            queryset = queryset.filter(thumbnail="")
        made = missing = unreadable = 0
        for document in queryset.iterator():
            try:
                with document.open_file() as stored:
                    data = stored.read()
            except OSError:
                missing += 1
                self.stderr.write(f"Falta el archivo de «{document.title}» (id {document.pk}).")
                continue
            count, thumbnail = render_first_page(data)
            if count:
                document.page_count = count
            # Same rule as at upload: a file recorded as damaged or encrypted gets no picture.
            unreadable_text = document.text_status in {TextStatus.DAMAGED, TextStatus.ENCRYPTED}
            document.set_thumbnail(None if unreadable_text else thumbnail)
            document.save(update_fields=["page_count", "thumbnail", "thumbnail_width", "thumbnail_height"])
            if document.thumbnail:
                made += 1
            else:
                unreadable += 1
        self.stdout.write(f"Miniaturas creadas: {made}. Sin miniatura (dañados, cifrados o ilegibles): {unreadable}. Archivos que faltan: {missing}.")
        self.office(everything)

    def office(self, everything):
        if not available():
            self.stdout.write("LibreOffice no está instalado: los archivos de oficina sin miniatura siguen sin ella.")
            return
        queryset = ArchiveDocument.objects.filter(format_key__in=PAGED).exclude(text_status=TextStatus.DAMAGED)
        if not everything:
            queryset = queryset.filter(thumbnail="")
        queued = 0
        for document in queryset.order_by("pk").iterator():
            queue_reading(document)
            queued += 1
        self.stdout.write(f"Archivos de oficina en cola para dibujar su miniatura: {queued}.")
