from django.core.management.base import BaseCommand, CommandError

from archive import spanish
from archive.preservation.exporting import export_archive


class Command(BaseCommand):
    help = (
        "Exporta todo el archivo (páginas con sus revisiones, taxonomía, comentarios, archivos con sus "
        "sumas SHA-256, redirecciones, identificadores, usuarios; sin contraseñas de cuentas ni de páginas) a una carpeta en un "
        "formato abierto: docs/archive-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="carpeta nueva o vacía donde escribir el respaldo")

    def handle(self, *args, directory, **options):
        try:
            manifest = export_archive(directory)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["entities"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo escrito en {directory}: {spanish.count(rows, 'fila')} de "
                f"{spanish.count(len(manifest['entities']), 'entidad', 'entidades')} "
                f"y {spanish.count(len(manifest['files']), 'archivo')}."
            )
        )
