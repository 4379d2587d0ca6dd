import io

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive import spanish
from archive.preservation.restoring import ImportRefused, import_archive
from search import indexing


class Command(BaseCommand):
    help = (
        "Restaura en un sitio vacío un respaldo hecho con export_archive. Comprueba cada suma SHA-256 y "
        "cada línea antes de escribir nada; si algo falla, no escribe nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="carpeta de un respaldo de export_archive")

    def handle(self, *args, directory, **options):
        try:
            manifest = import_archive(directory)
        except ImportRefused as exc:
            raise CommandError(f"No se restauró nada. {exc}") from exc
        rows = sum(manifest["entities"].values())
        self.stdout.write(f"Restaurados: {spanish.count(rows, 'fila')} y {spanish.count(len(manifest['files']), 'archivo')}.")
        # Derived data is not in the export: build it from what was restored.
        call_command("rebuild_references_index", stdout=io.StringIO())
        count, missing = indexing.rebuild()
        self.stdout.write(f"Índice de búsqueda reconstruido: {spanish.count(count, 'documento')}.")
        if missing:
            self.stderr.write(
                f"El buscador principal no responde: le faltan {spanish.count(missing, 'actualización', 'actualizaciones')}; "
                "ejecuta «manage.py rebuild_search_index» cuando responda."
            )
        closed = manifest.get("closed_restrictions", [])
        if closed:
            self.stdout.write(
                _("El respaldo no guarda las contraseñas compartidas: %(count)s quedaron cerradas con una que nadie "
                  "conoce. Pon una nueva en la privacidad de cada una: %(where)s.")
                % {"count": spanish.count(len(closed), "restricción", "restricciones"), "where": "; ".join(closed)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Listo. Las cuentas se restauraron sin contraseña: cada persona elige una nueva "
                "(«manage.py changepassword <usuario>» o «¿Olvidaste tu contraseña?»)."
            )
        )
