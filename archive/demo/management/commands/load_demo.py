"""``manage.py load_demo``: the demo archive, loaded from archive/demo/data/ and the real corpus."""

from django.core.management.base import BaseCommand, CommandError

from archive.demo.loader import load_demo
from archive.demo.upsert import CREATED, UPDATED
from archive.spanish import count as spanish_count


class Command(BaseCommand):
    help = (
        "Carga el archivo de demostración a partir del corpus real: página de inicio, listados, etapas, "
        "ejes, elementos de apertura, actores y documentos. Se puede correr varias veces: solo crea o "
        "cambia lo que falta o es distinto."
    )

    def handle(self, *args, **options):
        try:
            tally = load_demo()
        except ValueError as exc:
            # Data that contradicts itself or the database: say what, in the interface's language.
            raise CommandError(f"No se pudo cargar el archivo de demostración: {exc}") from exc
        for line in tally.lines():
            self.stdout.write(line)
        if tally.total(CREATED) == 0 and tally.total(UPDATED) == 0:
            self.stdout.write(
                self.style.SUCCESS("Nada que crear ni actualizar: el archivo de demostración ya estaba al día.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Archivo de demostración listo: {spanish_count(tally.total(CREATED), 'creado')}, "
                    f"{spanish_count(tally.total(UPDATED), 'actualizado')}."
                )
            )
