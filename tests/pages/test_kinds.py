"""A kind of document is one class and one template: everything that varies by
kind is declared on the class, and every output reads it from there."""

import re

import pytest
from django.apps import apps
from django.template.loader import get_template

from archive.attachments.models import ArchiveDocument
from archive.pages.models import DOCUMENT_KINDS, KINDS_BY_SLUG, DocumentIndexPage, DocumentPage
from tests.factories import make_document

# CSL 1.0.2 item types (citeproc's «type»).
CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
}
# RIS reference types.
RIS_TYPES = {
    "ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART", "CLSWK", "COMP",
    "CONF", "CPAPER", "CTLG", "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK", "EJOUR", "ELEC", "ENCYC",
    "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR", "ICOMM", "INPR", "JFULL", "JOUR", "LEGAL", "MANSCPT",
    "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS", "PAMP", "PAT", "PCOMM", "RPRT", "SER", "SLIDE", "SOUND",
    "STAND", "STAT", "THES", "UNBILL", "UNPB", "VIDEO",
}
# The DCMI Type Vocabulary.
DCMI_TYPES = {
    "Collection", "Dataset", "Event", "Image", "InteractiveResource", "MovingImage", "PhysicalObject",
    "Service", "Software", "Sound", "StillImage", "Text",
}
# schema.org CreativeWork types a document page may be.
# Zotero's item types (zotero-schema), those an archive's documents can be.
ZOTERO_TYPES = {
    "document", "letter", "manuscript", "report", "presentation", "videoRecording", "film", "audioRecording",
    "interview", "email", "webpage", "dataset", "book", "bookSection", "journalArticle", "hearing", "bill", "statute",
}
SCHEMA_TYPES = {
    "DigitalDocument", "PresentationDigitalDocument", "TextDigitalDocument", "Report", "VideoObject",
    "Comment", "Legislation", "Article", "Dataset", "Message", "CreativeWork", "Guide",
}


def test_every_document_model_is_a_kind_in_order():
    models = [m for m in apps.get_models() if issubclass(m, DocumentPage) and m is not DocumentPage]
    assert sorted(models, key=lambda m: m.__name__) == sorted(DOCUMENT_KINDS, key=lambda m: m.__name__)
    assert list(KINDS_BY_SLUG.values()) == DOCUMENT_KINDS


@pytest.mark.parametrize("kind", DOCUMENT_KINDS, ids=lambda kind: kind.__name__)
def test_a_kind_declares_everything_in_its_own_class(kind):
    missing = [name for name in DocumentPage.KIND_DECLARATIONS if name not in vars(kind)]
    assert not missing, f"{kind.__name__} must declare {missing} itself"
    assert re.fullmatch(r"[a-z]+", kind.kind_slug)
    assert re.fullmatch(r"[A-Z]{2,6}", kind.kind_code) and kind.kind_code != DocumentPage.kind_code
    assert kind.csl_type in CSL_TYPES
    assert kind.ris_type in RIS_TYPES
    assert kind.dcmi_type in DCMI_TYPES
    assert kind.schema_type in SCHEMA_TYPES
    assert kind.zotero_type in ZOTERO_TYPES
    fields = {field.name: field for field in kind._meta.get_fields()}
    assert set(DocumentPage.text_fields) <= set(kind.text_fields)
    assert all(name in fields for name in kind.text_fields)
    for name in kind.file_fields:
        assert fields[name].related_model is ArchiveDocument
    for name in (kind.media_field, kind.captions_field):
        assert name is None or name in kind.file_fields
    assert kind.kind_label[0].isupper() and kind.kind_plural[0].isupper()


def test_kinds_are_told_apart_by_slug_code_and_plural():
    for attribute in ("kind_slug", "kind_code", "kind_label", "kind_plural"):
        values = [getattr(kind, attribute) for kind in DOCUMENT_KINDS]
        assert len(set(values)) == len(values), attribute


def test_every_kind_has_a_listing_choice():
    choices = dict(DocumentIndexPage._meta.get_field("kind").choices)
    assert all(choices.get(kind.kind_slug) == kind.kind_plural for kind in DOCUMENT_KINDS)


@pytest.mark.parametrize("kind", DOCUMENT_KINDS, ids=lambda kind: kind.__name__)
def test_a_kind_has_its_own_template_built_on_the_document_page(kind):
    name = kind.template
    assert name != DocumentPage.template
    source = get_template(name).template.source
    assert source.startswith('{% extends "pages/document_page.html" %}')


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENT_KINDS, ids=lambda kind: kind.__name__)
def test_each_kind_renders_as_its_readers_expect(client, kind):
    required = {"MemberCommentPage": {"comment": "Texto del comentario de la integrante."}}
    page = make_document(kind, f"{kind.kind_label} de prueba", **required.get(kind.__name__, {}))
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="eyebrow">{kind.kind_label}' in html
    assert f"-{kind.kind_code}-" in page.specific.reference_code
    citation = client.get(f"/cita/{page.pk}.json").json()
    item = citation[0] if isinstance(citation, list) else citation
    assert item["type"] == kind.csl_type


def test_a_kinds_own_field_names_are_its_own():
    # The importer reads a kind's fields as manifest columns by name, each
    # explained once: two kinds sharing a name would share one explanation.
    seen = {}
    for kind in DOCUMENT_KINDS:
        for field in kind._meta.get_fields(include_parents=False):
            if getattr(field, "concrete", False) and field.model is kind and not field.primary_key:
                assert field.name not in seen, f"{kind.__name__}.{field.name} is also {seen[field.name]}'s"
                seen[field.name] = kind.__name__
