"""The two kinds the process's own archive held and the site lacked: the
material of a public consultation and the analysis of the proposals it
received. They take part in search, citations, OAI-PMH and feeds like every
kind, through what the kind declares."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from archive.pages.models.kinds import ConsultationMaterialPage, ProposalAnalysisPage
from tests.factories import make_document
from tests.search.conftest import run_index_updates  # noqa: F401 - publishing indexes at once

pytestmark = pytest.mark.django_db


def consultation(**fields):
    values = {
        "date": datetime.date(2022, 7, 5), "period_start": datetime.date(2022, 7, 5),
        "period_end": datetime.date(2022, 9, 5), "channel": "Plaza Pública",
        "questions": "<p>¿Qué problema público de tu alcaldía debería atender el plan?</p>",
        "requirements": "<p>Que el problema sea de la Ciudad de México y de interés público.</p>",
        "responses": 1250,
    }
    values.update(fields)
    return make_document(ConsultationMaterialPage, "Consulta pública para el plan de acción", **values)


def analysis(**fields):
    values = {
        "date": datetime.date(2022, 9, 30), "analysed_by": "Núcleo Promotor\nGrupo Asesor",
        "received": 40, "selected_count": 6,
        "criteria": "<p>Que el problema pudiera resolverse con apertura.</p>",
        "selected": "<p>Seis problemas, uno por eje.</p>",
        "merged": "<p>Las propuestas sobre agua se unieron en una.</p>",
    }
    values.update(fields)
    return make_document(ProposalAnalysisPage, "Selección de problemas públicos", **values)


def test_a_consultation_page_shows_its_period_channel_questions_and_rules(client):
    html = client.get(consultation().url).content.decode()
    assert "Material de consulta pública" in html and "Cerrada" in html
    assert "5 de julio de 2022" in html and "5 de septiembre de 2022" in html
    assert "Plaza Pública" in html and "1250" in html  # Spanish groups digits from five on
    assert "Qué se preguntó" in html and "¿Qué problema público de tu alcaldía" in html
    assert "Requisitos de las propuestas" in html


def test_an_analysis_page_shows_who_sifted_by_which_criteria_and_the_outcome(client):
    html = client.get(analysis().url).content.decode()
    assert "Núcleo Promotor, Grupo Asesor" in html
    for heading in ("Criterios de selección", "Qué se seleccionó", "Qué se fusionó"):
        assert heading in html
    assert "Qué se descartó" not in html  # left empty: no empty section


def test_impossible_periods_and_counts_are_refused_in_spanish():
    page = ConsultationMaterialPage(title="C", summary="Resumen.", period_start=datetime.date(2022, 9, 5),
                                    period_end=datetime.date(2022, 7, 5))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["period_end"] == ["La fecha de cierre no puede ser anterior a la de apertura."]
    page = ProposalAnalysisPage(title="A", summary="Resumen.", received=3, selected_count=5)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "más propuestas de las que se recibieron" in error.value.message_dict["selected_count"][0]


def test_they_are_found_and_faceted_by_kind(client):
    consultation(), analysis()
    data = client.get("/api/buscar/", {"q": "alcaldia"}).json()
    assert [r["title"] for r in data["results"]] == ["Consulta pública para el plan de acción"]
    data = client.get("/api/buscar/", {"q": "problemas"}).json()
    kinds = {v["value"]: v for v in data["facets"]["tipo"]}
    assert kinds["analisis"]["count"] == 1 and kinds["analisis"]["label"] == "Análisis de propuestas"
    found = client.get("/api/buscar/", {"q": "agua", "tipo": "analisis"}).json()
    assert [r["title"] for r in found["results"]] == ["Selección de problemas públicos"]


def test_their_codes_citations_harvest_and_feeds_follow_the_kind(client):
    page, other = consultation().specific, analysis().specific
    assert page.reference_code.startswith("AGA-CDMX-2022-CONS-")
    assert other.reference_code.startswith("AGA-CDMX-2022-ANA-")
    assert client.get(f"/cita/{other.pk}.ris").content.decode().startswith("TY  - RPRT")
    sets = client.get("/oai/", {"verb": "ListSets"}).content.decode()
    assert "tipo:consulta" in sets and "tipo:analisis" in sets
    records = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tipo:analisis"})
    assert "Selección de problemas públicos" in records.content.decode()
    feed = client.get("/feeds/tipo/consulta.atom")
    assert feed.status_code == 200 and "Consulta pública para el plan de acción" in feed.content.decode()
