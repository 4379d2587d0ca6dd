"""manage.py verify_fixity: re-read every stored file and compare its SHA-256.

Records the date and result of each check (shown beside the checksum on the
document's page and in the catalogue), lists every file that changed or went
missing, and exits with status 1 when any did, so a scheduler (cron, CI)
notices without reading the output.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.interop.fixity import Outcome, verify_all

MESSAGES = {
    Outcome.CHANGED: "CAMBIÓ: {title} ({name}, archivo {pk}): se esperaba {expected}, se leyó {found}",
    Outcome.MISSING: "FALTA: {title} ({name}, archivo {pk}): el archivo no está en el almacenamiento",
    Outcome.UNREADABLE: "ILEGIBLE: {title} ({name}, archivo {pk}): {detail}",
    Outcome.NO_CHECKSUM: "SIN HUELLA PREVIA: {title} ({name}, archivo {pk}): se registró {found}",
}


class Command(BaseCommand):
    help = "Comprueba la integridad (SHA-256) de todos los archivos guardados y registra la fecha y el resultado."

    def handle(self, *args, **options):
        checked = 0
        failed = 0
        for result in verify_all():
            checked += 1
            failed += result.failed
            if result.outcome == Outcome.OK:
                continue
            document = result.document
            line = MESSAGES[result.outcome].format(
                title=document.title, name=document.file.name, pk=document.pk,
                expected=document.sha256, found=result.found, detail=result.detail,
            )
            (self.stderr if result.failed else self.stdout).write(line)
        summary = f"{checked} archivo{'s' if checked != 1 else ''} comprobado{'s' if checked != 1 else ''}"
        if failed:
            raise CommandError(f"{summary}; {failed} con problemas (cambiaron, faltan o no se pudieron leer).")
        self.stdout.write(self.style.SUCCESS(f"{summary}; todos íntegros."))
