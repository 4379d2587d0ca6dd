from django.core.management.base import BaseCommand

from archive.identifiers import registry
from archive.pages.models import DocumentPage


class Command(BaseCommand):
    help = (
        "Da un código permanente a cada documento publicado que aún no lo tenga y pone al día los datos "
        "de cita de todos. Se puede ejecutar cuantas veces se quiera: nunca cambia un código."
    )

    def handle(self, *args, **options):
        created = refreshed = 0
        # Oldest publication first, so the numbers follow the order of publication.
        for page in DocumentPage.objects.live().specific().order_by("first_published_at", "pk"):
            if registry.identifier_for(page) is None:
                registry.record_publication(page, page.live_revision)
                created += 1
            else:
                registry.refresh_citation(page)
                refreshed += 1
        self.stdout.write(f"Códigos nuevos: {created}. Documentos que ya tenían código: {refreshed}.")
