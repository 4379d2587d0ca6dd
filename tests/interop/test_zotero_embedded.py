"""A document page read as Zotero's «Embedded Metadata» translator reads it (issue 19 item 1).

Zotero saves a web page with that translator (zotero/translators, «Embedded
Metadata.js», with the RDF import it hands its statements to). This module
reads our pages' <meta> tags by the same rules, restated here in Python for
the parts our pages reach:

* a tag's prefix is the text before «.», «:» or «_» (the second part when a
  tag has three, as og:video:…); known prefixes (dc, dcterms, og, z, bibo…)
  become RDF statements, «citation_*» tags are Highwire Press;
* the item type: a Highwire type (citation_technical_report_institution
  makes a report) wins; otherwise RDF's detectType, in its order: Zotero's
  own z:itemType, then og:type, then dc:type when it names an item type, then
  the default citation_title implies (a journal article), then the guesses;
* creators: each citation_author, split at «;»; a lone one also at commas
  (unless it looks like a two-word Spanish surname); then Zotero's
  cleanAuthor: with a comma, «Family, Given»; without, the last word is the
  family name;
* date, institution, number, publisher, language, URL: the Highwire fields;
  the PDF: citation_pdf_url, saved as «Full Text PDF».
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from archive.pages.models import (
    CallPage,
    LetterPage,
    MinutesPage,
    PresentationPage,
    ReportPage,
    VideoPage,
)
from tests.factories import make_actor, make_captions, make_document, make_file, make_video_file, minimal_pdf

pytestmark = pytest.mark.django_db

PREFIXES = {
    "bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "eprint", "eprints", "og", "article",
    "book", "music", "video", "so", "codemeta", "rdf",
}
# Zotero's item types (zotero-schema), for its itemTypeExists.
ITEM_TYPES = {
    "artwork", "audioRecording", "bill", "blogPost", "book", "bookSection", "case", "computerProgram",
    "conferencePaper", "dataset", "dictionaryEntry", "document", "email", "encyclopediaArticle", "film",
    "forumPost", "hearing", "instantMessage", "interview", "journalArticle", "letter", "magazineArticle",
    "manuscript", "map", "newspaperArticle", "patent", "podcast", "preprint", "presentation", "radioBroadcast",
    "report", "standard", "statute", "thesis", "tvBroadcast", "videoRecording", "webpage",
}
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle", "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper", "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection", "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
HIGHWIRE_FIELDS = {
    "citation_title": "title", "citation_publication_date": "date", "citation_date": "date",
    "citation_technical_report_institution": "institution", "citation_technical_report_number": "number",
    "citation_publisher": "publisher", "citation_public_url": "url", "citation_language": "language",
}


def meta_tags(html):
    head = BeautifulSoup(html, "html.parser").head
    return [
        (meta.get("name") or meta.get("property"), meta.get("content"))
        for meta in head.find_all("meta")
        if (meta.get("name") or meta.get("property")) and meta.get("content")
    ]


def clean_author(name, use_comma):
    """Zotero's ZU.cleanAuthor, for names without titles or initials."""
    name = re.sub(r"^[\s.,/\[\]:]+|[\s.,/\[\]:]+$", "", name)
    if use_comma:
        parts = re.split(r", ?", name)
        return {"lastName": parts[0], "firstName": parts[1] if len(parts) > 1 else ""}
    last_space = name.rfind(" ")
    return {"lastName": name[last_space + 1 :], "firstName": name[:last_space] if last_space > 0 else ""}


def read_as_zotero(html):
    """The item Zotero would save from this page: type, creators, fields, attachments."""
    tags = meta_tags(html)
    statements, hw_type, hw_guess = {}, None, None
    for names, value in tags:
        for tag in names.split():
            parts = re.split(r"[.:_]", tag)
            if len(parts) > 2 and parts[1].lower() in PREFIXES:  # og:video:release_date
                prefix, prefix_length = parts[1].lower(), len(parts[0]) + len(parts[1]) + 1
            else:
                prefix, prefix_length = parts[0].lower(), len(parts[0])
            if prefix in PREFIXES:
                prop = tag[prefix_length + 1 :]
                prop = prop[:1].lower() + prop[1:]
                statements.setdefault(f"{prefix}:{prop}", []).append(value)
                continue
            short = tag[tag.rfind("citation_"):] if "citation_" in tag else tag
            hw_type = HIGHWIRE_TYPES.get(short, hw_type)
            if short in ("citation_title", "citation_series_title"):
                hw_guess = hw_guess or "journalArticle"

    def first(key):
        return statements.get(key, [None])[0]

    if hw_type:
        item_type = hw_type
    else:
        z_type = first("z:itemType") if first("z:itemType") in ITEM_TYPES else None
        og = {"video.movie": "videoRecording", "video.episode": "videoRecording", "video.tv_show": "videoRecording",
              "video.other": "videoRecording", "book": "book", "website": "webpage"}.get(first("og:type"))
        og_guess = "journalArticle" if first("og:type") == "article" else None
        dc_value = first("dc:type") or ""
        dc = dc_value if dc_value in ITEM_TYPES else {"report": "report", "book": "book", "thesis": "thesis"}.get(
            dc_value.lower().replace(" ", ""))
        dc_guess = {"text": "journalArticle", "movingimage": "videoRecording", "event": "presentation"}.get(
            dc_value.lower().replace(" ", ""))
        item_type = z_type or og or dc or hw_guess or ("webpage" if statements else None) or og_guess or dc_guess

    authors = [value for name, value in tags if name == "citation_author"]
    creators = []
    for node in authors:
        names = re.split(r"\s*;\s*", node)
        if len(names) == 1 and len(authors) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            language = next((v for n, v in tags if n == "citation_language"), "")
            two_word_surname = (len(by_comma) == 2 and language in ("es", "spa", "Spanish", "español")
                                and len(by_comma[0].split(" ")) == 2)
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] and not two_word_surname:
                names = by_comma
        creators += [clean_author(name.strip(), "," in name) for name in names if re.search(r"[^\s,\-.;]", name)]

    fields = {}
    for tag, field in HIGHWIRE_FIELDS.items():
        value = next((v for n, v in tags if n == tag), None)
        if value and value.strip() and field not in fields:
            fields[field] = " ".join(value.split())
    pdf = next((v for n, v in tags if n == "citation_pdf_url"), None)
    attachments = [{"title": "Full Text PDF", "url": pdf}] if pdf else [{"title": "Snapshot"}]
    return {"itemType": item_type, "creators": creators, **fields, "attachments": attachments}


@pytest.fixture
def people():
    return {
        "montiel": make_actor("María José Montiel Cuatlayol", slug="mjmc", kind="civil_society", is_person=True),
        "avina": make_actor("Fundación Avina", slug="fundacion-avina", kind="civil_society"),
    }


def save(client, page):
    return read_as_zotero(client.get(page.url).content)


@pytest.mark.parametrize(("kind", "item_type"), [
    (CallPage, "document"), (LetterPage, "letter"), (MinutesPage, "manuscript"),
    (PresentationPage, "presentation"), (ReportPage, "report"),
])
def test_each_kind_is_saved_as_what_it_is(client, people, kind, item_type):
    page = make_document(kind, f"Documento de tipo {kind.kind_label}", date=datetime.date(2022, 7, 5),
                         actors=[(people["montiel"], "author"), (people["avina"], "author")])
    item = save(client, page.specific)
    assert item["itemType"] == item_type
    # A person split into given and family names; an institution's name kept as its words, in order.
    assert item["creators"][0] == {"firstName": "María José", "lastName": "Montiel Cuatlayol"}
    second = item["creators"][1]
    assert f"{second['firstName']} {second['lastName']}" == "Fundación Avina"
    assert item["date"] == "2022/07/05"
    assert item["language"] == "es"
    assert item["url"] == page.specific.permanent_url


def test_a_video_is_a_video_recording(client):
    page = make_document(VideoPage, "Sesión de la mesa", video_file=make_video_file("sesion.mp4"), captions=make_captions("sesion.vtt"),
                         date=datetime.date(2022, 11, 8))
    assert save(client, page.specific)["itemType"] == "videoRecording"


def test_a_report_keeps_its_institution_number_publisher_and_pdf(client, people):
    info = make_actor("Instituto de Transparencia de la Ciudad de México", slug="info", kind="guarantor")
    pdf = make_file("memoria.pdf", minimal_pdf("Memoria del proceso"))
    page = make_document(ReportPage, "Memoria del proceso", date=datetime.date(2023, 6, 30),
                         actors=[(info, "author")], attachments=[pdf]).specific
    item = save(client, page)
    assert item["itemType"] == "report"
    assert item["institution"] == info.name
    assert item["publisher"] == info.name
    assert item["number"] == page.reference_code
    pdf.refresh_from_db()
    assert item["attachments"] == [{"title": "Full Text PDF", "url": f"http://localhost{pdf.url}"}]


def test_without_a_zotero_type_a_letter_would_be_a_journal_article(client, people):
    # The reading above is worth something only if it tells the types apart as Zotero does.
    page = make_document(LetterPage, "Carta", actors=[(people["avina"], "author")])
    html = client.get(page.url).content.decode()
    assert read_as_zotero(html)["itemType"] == "letter"
    stripped = re.sub(r'<meta name="z\.itemType"[^>]*>', "", html)
    assert read_as_zotero(stripped)["itemType"] == "journalArticle"
