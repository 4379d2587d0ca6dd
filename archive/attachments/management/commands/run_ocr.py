"""Recognise now, in this process, the scanned pages of the files left «pendiente de OCR»."""

from django.core.management.base import BaseCommand, CommandError

from archive.attachments.analysis import read_file
from archive.attachments.ocr import unavailable_reason, waiting_files
from archive.attachments.steps import AnalysisState


class Command(BaseCommand):
    help = ("Reconoce (OCR) las páginas escaneadas de los archivos «pendientes de OCR», aquí y ahora. "
            "Un trabajador que arranca con OCR instalado hace lo mismo en segundo plano.")

    def handle(self, **options):
        if why := unavailable_reason():
            raise CommandError(f"No se puede hacer OCR en esta máquina: {why}. "
                               "Instala los paquetes de Debian: apt-get install ocrmypdf tesseract-ocr-spa")
        done = failed = 0
        for document in waiting_files():
            self.stdout.write(f"«{document.title}» (id {document.pk})…")
            # A fresh count of tries: waiting was not failing.
            waiting_files().filter(pk=document.pk).update(analysis_attempts=0)
            try:
                read_file.call(document.pk, document.sha256, "")
            except Exception as exc:  # noqa: BLE001 - the file keeps the reason; go on with the next one
                failed += 1
                self.stderr.write(f"  falló: {exc}")
                continue
            document.refresh_from_db()
            done += 1
            state = "listo" if document.analysis_state == AnalysisState.DONE else document.analysis_label
            self.stdout.write(f"  {state}: {len(document.ocr_pages)} página(s) reconocida(s).")
        self.stdout.write(f"Archivos leídos: {done}. Con error: {failed}.")
