from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Rebuild the public search index from the live, public document pages."

    def handle(self, *args, **options):
        count = indexing.rebuild()
        self.stdout.write(f"Índice de búsqueda reconstruido: {count} documentos.")
