import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from archive import spanish
from archive.attachments.analysis import read_file
from archive.importer.manifest import ManifestError, read_manifest
from archive.importer.runner import ERROR, Importer
from archive.importer.sources import FolderSource
from archive.worker.jobs import runs_inline

BAR_WIDTH = 30
LINE_EVERY = 100  # rows between progress lines when stderr is not a terminal


class Command(BaseCommand):
    help = (
        "Crea o actualiza documentos desde un manifiesto CSV o JSON y una carpeta de archivos. "
        "Cada fila va en su propia transacción; volver a correrlo no duplica nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("manifest", help="Manifiesto CSV o JSON (una fila u objeto por documento).")
        parser.add_argument("--files", help="Carpeta de los archivos (por omisión, la del manifiesto).")
        parser.add_argument("--dry-run", action="store_true", help="Solo comprobar: informa y no cambia nada.")
        parser.add_argument("--publish", action="store_true",
                            help="Publicar lo creado o actualizado (por omisión, quedan como borradores).")
        parser.add_argument("--user", help="Usuario que firma las revisiones en el historial.")
        parser.add_argument("--report", help="Escribir el informe por fila en este archivo CSV.")

    def handle(self, *args, **options):
        manifest = Path(options["manifest"])
        try:
            data = manifest.read_bytes()
        except OSError as exc:
            raise CommandError(f"No se puede leer el manifiesto {manifest}: {exc.strerror}.") from exc
        try:
            _, rows = read_manifest(data, manifest.name)
        except ManifestError as exc:
            raise CommandError(f"{manifest}: {exc} No se importó nada.") from exc
        folder = Path(options["files"]) if options["files"] else manifest.resolve().parent
        if not folder.is_dir():
            raise CommandError(f"La carpeta de archivos {folder} no existe.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No existe el usuario «{options['user']}».")

        importer = Importer(FolderSource(folder), dry_run=options["dry_run"], publish=options["publish"],
                            user=user, progress=self._progress_writer(len(rows)))
        report = importer.run(rows)
        self._print_report(report)
        stored = sum(len(row.files) for row in report.rows)
        if stored and not runs_inline(read_file):
            self.stdout.write(
                f"{spanish.count(stored, 'archivo')} en cola de lectura: los lee el proceso de trabajos "
                "(manage.py run_worker, o ./scripts/run); su texto entra en la búsqueda cuando termina.")
        if options["report"]:
            write_report_csv(report, options["report"])
        if report.failed:
            raise CommandError(report.failure_message(), returncode=1)

    def _progress_writer(self, total):
        err = self.stderr
        tty = err.isatty()

        def progress(done, total=total):
            if tty:
                filled = BAR_WIDTH * done // total
                bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}]"
                err.write(f"\r{bar} {done}/{spanish.count(total, 'fila')}", ending="\n" if done == total else "")
            elif done % LINE_EVERY == 0 or done == total:
                err.write(f"{done}/{spanish.count(total, 'fila')}")
            err.flush()

        return progress

    def _print_report(self, report):
        if report.dry_run:
            self.stdout.write("Solo comprobación (--dry-run): no se cambió nada.")
        for row in report.rows:
            reason = f": {row.reason}" if row.reason else ""
            line = f"fila {row.number}  {row.document}  {row.result}{reason}"
            self.stdout.write(self.style.ERROR(line) if row.outcome == ERROR else line)
        totals = ", ".join(f"{count} {words}" for count, words in report.totals_said())
        self.stdout.write(f"Total: {spanish.count(len(report.rows), 'fila')}; {totals}.")


def write_report_csv(report, path):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["fila", "documento", "resultado", "motivo"])
        for row in report.rows:
            writer.writerow([row.number, row.document, row.result, row.reason])
