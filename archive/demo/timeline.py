"""The pauses (paréntesis) and milestones of the process, as DOMAIN.md records them."""

from datetime import date

from django.db import transaction

from archive.dates import DatePrecision
from archive.taxonomy.models import Phase
from archive.timeline.models import Milestone, Pause

from .upsert import upsert_object

PAUSES_, MILESTONES_ = "Paréntesis", "Hitos"

PAUSES = [
    ("campanas-electorales-2021", date(2021, 4, 4), date(2021, 6, 2),
     "Campañas electorales locales: el trabajo se detuvo durante las campañas."),
    ("consulta-nacional-2021", date(2021, 7, 15), date(2021, 8, 1),
     "Campaña de la consulta popular nacional: el trabajo se detuvo durante la campaña."),
    ("revocacion-de-mandato-2022", date(2022, 2, 4), date(2022, 4, 10),
     "Campaña de la revocación de mandato presidencial: el trabajo se detuvo durante la campaña."),
]

DAY, MONTH = DatePrecision.DAY, DatePrecision.MONTH

# slug, date, precision, label, phase slug
MILESTONES = [
    ("postulacion", date(2020, 9, 30), DAY, "La Ciudad pide entrar a OGP Local", "postulacion"),
    ("convocatoria-grupo-asesor", date(2021, 2, 4), DAY, "Se abre la convocatoria al Grupo Asesor", "grupo-asesor"),
    ("lineamientos", date(2021, 6, 23), DAY, "Se aprueban los lineamientos de trabajo", "lineamientos"),
    ("consulta-publica", date(2022, 7, 5), DAY, "Empieza la consulta pública", "consulta-publica"),
    ("mesa-inaugural", date(2022, 10, 24), DAY, "Mesa inaugural de cocreación", "mesas-de-cocreacion"),
    ("cierre-mesas", date(2022, 11, 24), DAY, "Presentación de compromisos y cierre de las mesas",
     "mesas-de-cocreacion"),
    ("suspension", date(2023, 2, 1), MONTH, "Se declara suspendido el trabajo", "suspension-y-salida"),
    ("salida-ogp-local", date(2023, 6, 6), DAY, "OGP anuncia la salida de la Ciudad de OGP Local",
     "suspension-y-salida"),
]


def load_timeline(tally):
    with transaction.atomic():
        for slug, start, end, reason in PAUSES:
            upsert_object(Pause, slug, {"start": start, "end": end, "reason": reason},
                          tally=tally, category=PAUSES_)
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    with transaction.atomic():
        for slug, day, precision, label, phase in MILESTONES:
            upsert_object(Milestone, slug,
                          {"date": day, "precision": precision, "label": label, "phase": phases.get(phase)},
                          tally=tally, category=MILESTONES_)
