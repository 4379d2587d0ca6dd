"""The import screen's explanation, the CSV template and the filled example follow the importer's own definitions."""

import csv
import html
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.dates import DatePrecision
from archive.demo import CORPUS_DIR
from archive.demo.loader import document_rows, load_taxonomy
from archive.demo.upsert import Tally
from archive.importer.columns import column_groups, example_rows
from archive.importer.manifest import COMMON_COLUMNS, KIND_COLUMNS, KNOWN_COLUMNS, MANIFEST_COLUMNS
from archive.importer.runner import CHOICE_COLUMNS, ROLES, Importer, parse_partial_date
from archive.pages.models import KINDS_BY_SLUG, CallPage, LetterPage, PresentationPage
from tests.factories import make_site

URL = reverse("importer_import")
TEMPLATE_URL = reverse("importer_template")
EXAMPLE_URL = reverse("importer_example")
BOM = "\ufeff".encode()


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(BOM)  # Excel reads accents right only with it
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def explained_columns():
    return [column for group in column_groups() for column in group.columns]


def test_every_column_the_importer_reads_is_explained(db):
    columns = explained_columns()
    assert [c.name for c in columns] == MANIFEST_COLUMNS
    assert set(MANIFEST_COLUMNS) == KNOWN_COLUMNS
    for column in columns:
        assert column.what and column.required and column.accepted and column.example, column.name


@pytest.mark.parametrize("column", [c for c in MANIFEST_COLUMNS if c not in ("kind", "slug", "title")])
def test_the_importer_really_reads_every_column_of_the_template(db, column):
    """A column present, even empty, changes what a row asks for; absent, it leaves the field alone."""
    kind = next(kind for kind, names in KIND_COLUMNS.items() if column in COMMON_COLUMNS or column in names)
    importer = Importer(source=None)
    importer._load_vocabularies()
    row = {"kind": kind, "slug": "documento", "title": "Documento"}
    model = KINDS_BY_SLUG[kind]
    assert importer._wanted(model, {**row, column: ""}, None) != importer._wanted(model, row, None)


def test_accepted_values_are_the_importers(db):
    columns = {column.name: column for column in explained_columns()}
    assert [value for value, _ in columns["kind"].values] == list(KINDS_BY_SLUG)
    for name, (choices, _default) in CHOICE_COLUMNS.items():
        assert [value for value, _ in columns[name].values] == [value for value, _ in choices]
    role_words = {word for words, _ in columns["actors"].values for word in words.split(", ")}
    assert role_words == set(ROLES)
    for sample, meaning in columns["date"].values:  # each date form given is one the importer reads
        _, precision = parse_partial_date(sample)
        assert meaning == f"precisión: {DatePrecision(precision).label.lower()}"
    assert columns["comment"].required == "Para crear un documento"
    assert ("informe", "Informe (si la celda está vacía)") in columns["report_type"].values
    assert columns["summary"].required == "Para crear un documento"
    assert columns["kind"].required == "Sí, en cada fila" and columns["body"].required == "No"


def test_the_screen_explains_every_column_and_offers_both_downloads(client, publisher):
    client.force_login(publisher)
    response = client.get(URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=TEMPLATE_URL) and soup.find("a", href=EXAMPLE_URL)
    assert "README" not in response.content.decode()
    for column in explained_columns():
        row = soup.find("tr", id=f"columna-{column.name}")
        assert row is not None, column.name
        text = " ".join(row.get_text(" ").split())
        assert row.find("code").get_text() == column.name
        for part in (column.what, column.required, column.accepted):
            assert " ".join(html.unescape(part).split()) in text, (column.name, part)
    # The vocabularies in the database, with the identifiers a manifest uses.
    actors = soup.find("tr", id="columna-actors").get_text(" ")
    assert "info-cdmx" in actors and "INFO CDMX" in actors and "firmante" in actors


def test_the_template_is_the_header_row_of_every_column(client, publisher):
    client.force_login(publisher)
    assert read_csv(client.get(TEMPLATE_URL)) == [MANIFEST_COLUMNS]


def test_nobody_who_may_not_import_gets_a_template(client, reader):
    for url in (TEMPLATE_URL, EXAMPLE_URL):
        response = client.get(url)  # anonymous
        assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
    client.force_login(reader)
    for url in (TEMPLATE_URL, EXAMPLE_URL):
        response = client.get(url)
        assert response.status_code == 403
        assert "text/csv" not in response["Content-Type"] and "kind" not in response.content.decode()


EXAMPLE_DOCUMENTS = [
    "convocatoria-grupo-asesor-2021",
    "sesion-preguntas-respuestas-grupo-asesor-2021",
    "carta-de-apoyo-ciudad-de-mexico-y-cuauhtemoc",
]


def test_the_example_is_real_demo_documents():
    """The committed example says what the demo archive says of those documents."""
    documents = {row["slug"]: row for row in document_rows()}
    rows = example_rows()
    assert [row["slug"] for row in rows] == EXAMPLE_DOCUMENTS
    for row in rows:
        demo = documents[row["slug"]]
        for name in ("kind", "title", "summary", "date", "phase", "date_note", "source_url", "original_holder",
                     "licence"):
            assert row[name] == demo[name], name
        assert [item.split(":")[0] for item in row["actors"].split("; ") if item] == [
            item.split(":")[0] for item in demo["actors"].split("; ") if item]
        assert [item.split(":")[0] for item in row["related"].split("; ") if item] == [
            item.split(":")[0] for item in demo["related"].split("; ") if item]
        assert [item.split("/")[-1] for item in row["files"].split("; ") if item] == [
            item.split("/")[-1] for item in demo["files"].split("; ") if item]
        for paragraph in filter(None, row["body"].split("\n\n")):
            assert {"type": "quote", "value": paragraph} in demo["body"]  # the Memoria's words it quotes
        for name in set(MANIFEST_COLUMNS) - set(COMMON_COLUMNS):
            assert row[name] == demo.get(name, ""), name


@pytest.fixture
def demo_archive(db):
    """The site and the demo archive's vocabularies, which the example's rows name."""
    make_site()
    load_taxonomy(Tally())
    return get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")


def test_the_filled_example_imports(client, demo_archive):
    client.force_login(demo_archive)
    example = client.get(EXAMPLE_URL)
    rows = read_csv(example)
    assert rows[0] == MANIFEST_COLUMNS and len(rows) == 1 + len(EXAMPLE_DOCUMENTS)
    # The files the demo holds for the presentation (its PDF and its text), as an editor would upload them.
    names = [item.split("|")[0] for item in rows[2][MANIFEST_COLUMNS.index("files")].split("; ")]
    uploads = [SimpleUploadedFile(name, ((CORPUS_DIR if name.endswith(".txt") else CORPUS_DIR.parent / "media") / name)
                                  .read_bytes()) for name in names]
    manifest = SimpleUploadedFile("ejemplo-importacion.csv", example.content, content_type="text/csv")

    html_text = client.post(URL, {"manifest": manifest, "files": uploads, "action": "revisar"}, follow=True).content.decode()
    assert "3 se crearían" in html_text and "0 con error" in html_text
    token = re.search(r'name="preview" value="([^"]+)"', html_text).group(1)
    html_text = client.post(URL, {"action": "confirmar", "preview": token}, follow=True).content.decode()
    assert "3 creados" in html_text and "0 con error" in html_text

    call = CallPage.objects.get(slug="convocatoria-grupo-asesor-2021").get_latest_revision_as_object()
    assert str(call.closing_date) == "2021-03-26" and "unas 22 veces" in call.results
    presentation = PresentationPage.objects.get().get_latest_revision_as_object()
    assert presentation.date_precision == "year"
    assert [(link.target.specific.slug, link.relation) for link in presentation.related_links.all()] == [
        ("convocatoria-grupo-asesor-2021", "responds_to")]
    assert [a.document.format_key for a in presentation.attachments.all()] == ["pdf", "txt"]
    letter = LetterPage.objects.get().get_latest_revision_as_object()
    assert [(link.actor.slug, link.role) for link in letter.actor_links.all()] == [
        ("gobierno-cdmx", "signatory"), ("alcaldia-cuauhtemoc", "signatory"), ("ogp", "addressee")]
    assert letter.signatories == "Gobierno de la Ciudad de México\nAlcaldía Cuauhtémoc"
