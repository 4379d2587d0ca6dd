"""The home page shows the archive at a glance: how many documents each phase
and each kind holds (public ones only), and where the process stands."""

import datetime

import pytest
from bs4 import BeautifulSoup

from archive.dates import DatePrecision
from archive.pages.models import MinutesPage, ReportPage
from archive.timeline.models import Milestone
from tests.factories import make_document, make_phase, make_site

pytestmark = pytest.mark.django_db


def test_phases_and_kinds_show_their_public_documents_and_the_last_milestone(client):
    make_site()
    mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    make_phase("Publicación del plan", slug="publicacion", order=9)
    make_document(MinutesPage, "Minuta de la mesa 1", phase=mesas)
    make_document(MinutesPage, "Minuta de la mesa 2", phase=mesas)
    make_document(MinutesPage, "Minuta en borrador", phase=mesas, live=False)
    make_document(ReportPage, "Memoria del proceso")
    Milestone.objects.create(slug="salida", date=datetime.date(2023, 6, 6), precision=DatePrecision.DAY,
                             label="OGP anuncia la salida de la Ciudad de OGP Local")
    Milestone.objects.create(slug="mesas", date=datetime.date(2022, 10, 24), label="Mesa inaugural")

    html = BeautifulSoup(client.get("/").content, "html.parser")
    steps = {li.a.get_text(strip=True): li.select_one(".phase-path__count").get_text(strip=True)
             for li in html.select(".phase-path__step")}
    assert steps == {"Mesas de cocreación": "2 documentos", "Publicación del plan": "Sin documentos aún"}
    kinds = {li.a.get_text(strip=True): li.select_one(".entry-grid__count").get_text(strip=True)
             for li in html.select("#tipos ~ ul .entry-grid__item, .entry-grid__item")}
    assert kinds["Minutas"] == "2 documentos" and kinds["Memorias e informes"] == "1 documento"
    glance = html.select_one(".glance").get_text(" ", strip=True)
    assert "3 documentos" in glance and "2 etapas" in glance
    status = html.select_one(".glance-status").get_text(" ", strip=True)
    assert "OGP anuncia la salida de la Ciudad de OGP Local (6 de junio de 2023)" in status
