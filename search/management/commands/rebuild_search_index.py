from django.core.management.base import BaseCommand, CommandError

from archive import spanish
from search import indexing


class Command(BaseCommand):
    help = "Rebuild the public search index from the live, public document pages."

    def handle(self, *args, **options):
        count, missing = indexing.rebuild()
        self.stdout.write(f"Índice de búsqueda reconstruido: {spanish.count(count, 'documento')}.")
        if missing:
            # Cron sees a failure and runs it again once the engine is back.
            raise CommandError(
                f"El buscador principal no responde: le faltan {spanish.count(missing, 'actualización', 'actualizaciones')}. "
                "La búsqueda sencilla de la base de datos está al día; vuelve a ejecutar esta orden "
                "cuando el buscador principal responda."
            )
