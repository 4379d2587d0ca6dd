"""import_archive refuses damaged or incoherent exports and non-empty sites,
in Spanish, writing nothing."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.models import Page

from archive.attachments.models import ArchiveDocument
from archive.pages.models import DocumentPage, ReportPage
from archive.preservation.exporting import write_checksums
from tests.factories import make_actor, make_document, make_file, minimal_pdf
from tests.preservation.helpers import flush_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(tmp_path):
    """A small archive exported, then the site emptied as a new server would be."""
    if default_storage.exists("documents/informe-final.pdf"):  # left by another test: storage is not rolled back
        default_storage.delete("documents/informe-final.pdf")
    pdf = make_file("informe-final.pdf", minimal_pdf("Informe final"))
    make_document(ReportPage, "Informe final", actors=[make_actor()], attachments=[pdf])
    target = tmp_path / "respaldo"
    call_command("export_archive", str(target), stdout=io.StringIO())
    flush_database()
    default_storage.delete(pdf.file.name)
    return target


def restore(target):
    call_command("import_archive", str(target), stdout=io.StringIO())


def assert_nothing_written():
    assert not Page.objects.exists()
    assert not ArchiveDocument.objects.exists()
    assert not default_storage.exists("documents/informe-final.pdf")


def rewrite_line(target, entity, change):
    path = target / "entities" / f"{entity}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = change(lines[0])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_checksums(target)  # the checksums agree: only the content is wrong


def test_the_export_imports(exported):
    restore(exported)
    assert DocumentPage.objects.get().title == "Informe final"
    assert default_storage.exists("documents/informe-final.pdf")


def test_a_damaged_file_is_refused_before_anything_is_written(exported):
    stored = exported / "files" / "documents" / "informe-final.pdf"
    stored.write_bytes(stored.read_bytes() + b"%")
    with pytest.raises(CommandError, match="No se restauró nada.*no coinciden con su suma SHA-256.*informe-final.pdf"):
        restore(exported)
    assert_nothing_written()


def test_a_missing_file_is_refused(exported):
    (exported / "files" / "documents" / "informe-final.pdf").unlink()
    with pytest.raises(CommandError, match="Faltan archivos del respaldo: files/documents/informe-final.pdf"):
        restore(exported)
    assert_nothing_written()


def test_a_malformed_line_is_refused_with_its_place(exported):
    rewrite_line(exported, "taxonomy.actor", lambda line: line[:-3])
    with pytest.raises(CommandError, match=r"entities/taxonomy.actor.jsonl, línea 1: no es JSON válido"):
        restore(exported)
    assert_nothing_written()


def test_an_invalid_value_is_refused(exported):
    rewrite_line(exported, "pages.documentpage", lambda line: json.dumps(
        {**json.loads(line), "fields": {**json.loads(line)["fields"], "date": "2022-13-45"}}
    ))
    with pytest.raises(CommandError, match=r"pages.documentpage.jsonl, línea 1: un valor no es válido"):
        restore(exported)
    assert_nothing_written()


def test_a_reference_to_nothing_rolls_everything_back(exported):
    rewrite_line(exported, "pages.documentactor", lambda line: json.dumps(
        {**json.loads(line), "fields": {**json.loads(line)["fields"], "actor": 987654}}
    ))
    with pytest.raises(CommandError, match="El respaldo no es coherente"):
        restore(exported)
    assert_nothing_written()


def test_a_site_with_content_is_refused(exported):
    restore(exported)
    with pytest.raises(CommandError, match="Este sitio ya tiene contenido"):
        restore(exported)
    assert DocumentPage.objects.count() == 1


def test_export_refuses_a_folder_that_is_not_empty(exported):
    with pytest.raises(CommandError, match="no está vacía"):
        call_command("export_archive", str(exported), stdout=io.StringIO())


def test_a_file_name_leaving_the_storage_is_refused(exported):
    manifest_path = exported / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][0]["storage_name"] = "../../settings.py"
    manifest_path.write_text(json.dumps(manifest))
    write_checksums(exported)
    with pytest.raises(CommandError, match="nombra un archivo que el respaldo no trae o no puede guardar"):
        restore(exported)
    assert_nothing_written()


def test_an_export_from_before_an_app_existed_still_imports(exported):
    # The timeline's models stand for any app added after the export was made.
    manifest_path = exported / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for name in ("timeline.pause", "timeline.milestone"):
        del manifest["entities"][name]
        (exported / "entities" / f"{name}.jsonl").unlink()
    manifest_path.write_text(json.dumps(manifest))
    write_checksums(exported)
    restore(exported)
    assert DocumentPage.objects.get().title == "Informe final"
