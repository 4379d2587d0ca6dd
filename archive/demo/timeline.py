"""The pauses (paréntesis) and milestones of the process: data/pauses.json and data/milestones.json."""

import datetime

from django.db import transaction

from archive.dates import parse_iso_partial_date
from archive.taxonomy.models import Phase
from archive.timeline.models import Milestone, Pause

from . import read_data
from .upsert import upsert_object

PAUSES_, MILESTONES_ = "Paréntesis", "Hitos"


def load_timeline(tally):
    with transaction.atomic():
        for pause in read_data("pauses"):
            upsert_object(Pause, pause["slug"],
                          {"start": datetime.date.fromisoformat(pause["start"]),
                           "end": datetime.date.fromisoformat(pause["end"]), "reason": pause["reason"]},
                          tally=tally, category=PAUSES_)
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    with transaction.atomic():
        for milestone in read_data("milestones"):
            day, precision = parse_iso_partial_date(milestone["date"])
            upsert_object(Milestone, milestone["slug"],
                          {"date": day, "precision": precision, "label": milestone["label"],
                           "phase": phases.get(milestone["phase"])},
                          tally=tally, category=MILESTONES_)
