import csv
import datetime
import hashlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from archive.attachments.models import ArchiveDocument
from archive.identifiers.models import Identifier
from archive.importer.runner import Importer
from archive.pages.models import CallPage, DocumentPage, MinutesPage
from search import indexing
from search.models import SearchRecord
from tests.factories import minimal_pdf

from .manifests import COLUMNS, call_row, csv_text, minutes_row, row


def run(manifest, *args):
    """Run the command; returns (stdout, failed)."""
    out = io.StringIO()
    try:
        call_command("import_documents", str(manifest), *args, stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        if "con error" not in str(exc):
            raise
        return out.getvalue(), True
    return out.getvalue(), False


def write(folder, rows, name="manifiesto.csv"):
    path = folder / name
    path.write_text(csv_text(rows), encoding="utf-8")
    return path


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")


def test_csv_creates_drafts_with_metadata_files_and_audit(archive, folder, editor):
    manifest = write(folder, [minutes_row(), call_row()])
    out, failed = run(manifest, "--user", "editora")

    assert not failed
    assert "fila 1  minuta/sesion-2022-03-04  creado" in out
    assert "2 creados, 0 actualizados, 0 sin cambios, 0 con error" in out
    minutes = MinutesPage.objects.get(slug="sesion-2022-03-04")
    assert not minutes.live  # drafts by default: review happens in the admin
    draft = minutes.get_latest_revision_as_object()
    assert draft.date == datetime.date(2022, 3, 1) and draft.date_precision == "month"
    assert draft.phase.slug == "consulta-publica"
    assert [(link.actor.slug, link.role) for link in draft.actor_links.all()] == [
        ("adip", "author"), ("info-cdmx", "participant")]
    assert [a.slug for a in draft.axes.all()] == ["genero-e-inclusion"]
    assert sorted(t.name for t in draft.tags.all()) == ["acuerdos", "sesión"]
    assert draft.meeting_body == "Núcleo Promotor"
    paragraphs = [block.value.source for block in draft.body]
    assert paragraphs[0] == "<p>Primer párrafo.<br/>Con salto de línea.</p>"
    assert "&lt;script&gt;" in paragraphs[1] and "<script>" not in paragraphs[1]
    attachment = draft.attachments.get()
    assert attachment.label == "minuta firmada"
    stored = attachment.document
    assert stored.format_key == "pdf" and stored.text_status == "ok"
    assert stored.sha256 == hashlib.sha256((folder / "archivos" / "minuta.pdf").read_bytes()).hexdigest()
    assert "Nucleo Promotor" in stored.full_text

    call = CallPage.objects.get(slug="consulta-2022").get_latest_revision_as_object()
    assert [r.target.specific for r in call.related_links.all()] == [minutes]
    assert [a.document.format_key for a in call.attachments.all()] == ["pdf", "csv"]

    log = PageLogEntry.objects.filter(page=minutes)
    assert log.filter(action="wagtail.create", user=editor).exists()


def test_rerun_changes_nothing_and_an_edit_makes_one_new_revision(archive, folder):
    manifest = write(folder, [minutes_row(), call_row()])
    run(manifest)
    revisions, files = Revision.objects.count(), ArchiveDocument.objects.count()

    out, _ = run(manifest)
    assert "0 creados, 0 actualizados, 2 sin cambios" in out
    assert (Revision.objects.count(), ArchiveDocument.objects.count()) == (revisions, files)

    write(folder, [minutes_row(title="Minuta corregida"), call_row()])
    out, _ = run(manifest)
    assert "fila 1  minuta/sesion-2022-03-04  actualizado" in out
    assert "fila 2  convocatoria/consulta-2022  sin cambios" in out
    assert Revision.objects.count() == revisions + 1
    assert MinutesPage.objects.filter(slug="sesion-2022-03-04").count() == 1
    assert MinutesPage.objects.get().get_latest_revision_as_object().title == "Minuta corregida"


def test_publish_makes_documents_public_and_a_second_run_with_publish_is_unchanged(archive, folder):
    manifest = write(folder, [minutes_row()])
    run(manifest)
    assert not MinutesPage.objects.get().live

    out, _ = run(manifest, "--publish")  # nothing changed, but the draft is published
    assert "actualizado: publicado" in out
    page = MinutesPage.objects.get()
    assert page.live and not page.has_unpublished_changes
    assert page.reference_code.startswith("AGA-CDMX-2022-MIN-")

    out, _ = run(manifest, "--publish")
    assert "1 sin cambios" in out


def test_json_manifest_and_absent_keys_leave_fields_alone(archive, folder):
    run(write(folder, [minutes_row()]))
    data = [{"kind": "minuta", "slug": "sesion-2022-03-04", "title": "Minuta del 4 de marzo de 2022",
             "tags": ["acuerdos", "sesión"], "files": ["archivos/minuta.pdf|minuta firmada"]}]
    manifest = folder / "cambios.json"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    out, _ = run(manifest)
    assert "1 sin cambios" in out  # summary, actors, body... are not in this manifest: kept

    data[0]["summary"] = "Un resumen nuevo."
    manifest.write_text(json.dumps(data), encoding="utf-8")
    out, _ = run(manifest)
    assert "actualizado" in out
    draft = MinutesPage.objects.get().get_latest_revision_as_object()
    assert draft.summary == "Un resumen nuevo." and draft.actor_links.count() == 2


def test_error_rows_are_reported_skipped_and_leave_nothing_behind(archive, folder):
    (folder / "archivos" / "pagina.pdf").write_bytes(b"<!doctype html><html><script>alert(1)</script></html>")
    rows = [
        minutes_row(),
        row(kind="acta", slug="x", title="X"),
        minutes_row(slug="etapa-mala", phase="no-existe"),
        minutes_row(slug="fecha-mala", date="2022-13"),
        minutes_row(slug="sin-archivo", files="archivos/no-esta.pdf"),
        minutes_row(slug="archivo-falso", files="archivos/pagina.pdf"),
        call_row(slug="cierre-antes", opening_date="2022-09-05", closing_date="2022-07-05", related=""),
        minutes_row(slug="futura", date="2999-01-01"),
        minutes_row(slug="fuera", files="../secreto.pdf"),
        minutes_row(slug="columna-ajena", opening_date="2022-01-01"),
    ]
    out, failed = run(write(folder, rows))

    assert failed
    assert "fila 1  minuta/sesion-2022-03-04  creado" in out
    assert "fila 2  acta/x  error: kind: tipo desconocido «acta»" in out
    assert "fila 3  minuta/etapa-mala  error: phase: no existe etapa con identificador «no-existe»" in out
    assert "fila 4  minuta/fecha-mala  error: date: «2022-13» no es una fecha válida" in out
    assert "fila 5  minuta/sin-archivo  error: files: «archivos/no-esta.pdf» no existe" in out
    assert "fila 6  minuta/archivo-falso  error: files: «archivos/pagina.pdf»: El archivo es una página web (HTML)" in out
    assert "fila 7  convocatoria/cierre-antes  error: closing_date: La fecha de cierre no puede ser anterior" in out
    assert "fila 8  minuta/futura  error: date: Una minuta registra una sesión que ya ocurrió" in out
    assert "fila 9  minuta/fuera  error: files: «../secreto.pdf» la ruta debe estar dentro" in out
    assert "fila 10  minuta/columna-ajena  error: opening_date: esta columna no corresponde al tipo minuta" in out
    assert "1 creado, 0 actualizados, 0 sin cambios, 9 con error" in out
    assert list(DocumentPage.objects.values_list("slug", flat=True)) == ["sesion-2022-03-04"]
    assert ArchiveDocument.objects.count() == 1  # the minutes' PDF, stored once (rows 3-8 reuse or fail)


def test_the_same_file_in_two_rows_is_stored_once(archive, folder):
    run(write(folder, [minutes_row(), minutes_row(slug="otra-sesion", files="archivos/minuta.pdf")]))
    pages = MinutesPage.objects.order_by("slug")
    documents = {page.get_latest_revision_as_object().attachments.get().document_id for page in pages}
    assert len(documents) == 1 and ArchiveDocument.objects.count() == 1


def _row_counts():
    """Rows of every table: pages, revisions, files, log entries, search records, reference codes and the rest."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy}


def _snapshot(media):
    return {
        "rows": _row_counts(),
        "pages": list(Page.objects.order_by("pk").values_list(
            "pk", "slug", "title", "live", "has_unpublished_changes", "latest_revision_id")),
        "media": sorted(str(p.relative_to(media)) for p in media.rglob("*")),
    }


def test_dry_run_says_what_it_would_do_and_changes_nothing(archive, folder, tmp_path, settings, monkeypatch):
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    # Search updates run at once instead of after a commit that tests never make.
    monkeypatch.setattr(indexing, "defer", lambda callback: callback())
    # Two published documents exist already, with their files (and thumbnails) on disk, their reference codes
    # and their search records.
    run(write(folder, [minutes_row(), call_row()]), "--publish")
    assert Identifier.objects.count() == 2 and SearchRecord.objects.count() == 2
    before = _snapshot(media)
    assert before["media"]

    (folder / "archivos" / "nueva.pdf").write_bytes(minimal_pdf("Minuta de otra sesion del Nucleo Promotor"))
    rows = [
        minutes_row(title="Título corregido"),  # would update
        call_row(),  # unchanged
        minutes_row(slug="sesion-2022-04-01", files="archivos/nueva.pdf|minuta"),  # would create, with a new file
        call_row(slug="convocatoria-relacionada", related="minuta/sesion-2022-04-01"),  # needs the row above
        call_row(slug="mala", date="ayer"),
    ]
    published = []

    def record(sender, instance, **kwargs):
        published.append(instance)

    page_published.connect(record, dispatch_uid="test-dry-run")
    try:
        out, failed = run(write(folder, rows), "--dry-run", "--publish")
    finally:
        page_published.disconnect(dispatch_uid="test-dry-run")

    assert failed
    assert "Solo comprobación (--dry-run): no se cambió nada." in out
    assert "fila 1  minuta/sesion-2022-03-04  se actualizaría: se publicaría" in out
    assert "fila 2  convocatoria/consulta-2022  sin cambios" in out
    assert "fila 3  minuta/sesion-2022-04-01  se crearía: se publicaría" in out
    assert "fila 4  convocatoria/convocatoria-relacionada  se crearía: se publicaría" in out
    assert "fila 5  convocatoria/mala  error: date: «ayer» no es una fecha válida" in out
    assert "Total: 5 filas; 2 se crearían, 1 se actualizaría, 1 sin cambios, 1 con error." in out
    for past in ("creado", "actualizado", "publicado", "creados", "actualizados", "se importaron"):
        assert past not in out
    assert not published  # a dry run mints no reference code and asks for no search update
    assert _snapshot(media) == before

    # The same rows for real: the past tense, and the same error in the same words.
    out, failed = run(write(folder, rows), "--publish")
    assert "fila 1  minuta/sesion-2022-03-04  actualizado: publicado" in out
    assert "fila 3  minuta/sesion-2022-04-01  creado: publicado" in out
    assert "fila 5  convocatoria/mala  error: date: «ayer» no es una fecha válida" in out
    assert "Total: 5 filas; 2 creados, 1 actualizado, 1 sin cambios, 1 con error." in out


def test_a_dry_run_as_drafts_says_what_state_they_would_be_left_in(archive, folder):
    out, _ = run(write(folder, [minutes_row()]), "--dry-run")
    assert "fila 1  minuta/sesion-2022-03-04  se crearía: quedaría en borrador" in out
    out, _ = run(write(folder, [minutes_row()]))
    assert "fila 1  minuta/sesion-2022-03-04  creado: borrador" in out


def test_an_interrupted_import_rolls_back_the_row_and_a_rerun_finishes(archive, folder, tmp_path, settings,
                                                                      monkeypatch):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    for n in range(5):
        (folder / "archivos" / f"doc-{n}.pdf").write_bytes(
            (folder / "archivos" / "minuta.pdf").read_bytes() + f"% {n}\n".encode())
    rows = [minutes_row(slug=f"sesion-{n}", files=f"archivos/doc-{n}.pdf") for n in range(5)]
    manifest = write(folder, rows)

    calls = {"n": 0}
    original = Page.save_revision

    def killed_on_the_fourth(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:  # after the 4th row's page and file are written, before its revision
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Page, "save_revision", killed_on_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        run(manifest)
    monkeypatch.setattr(Page, "save_revision", original)
    assert sorted(MinutesPage.objects.values_list("slug", flat=True)) == ["sesion-0", "sesion-1", "sesion-2"]
    assert sorted(p.name for p in (media / "documents").iterdir()) == ["doc-0.pdf", "doc-1.pdf", "doc-2.pdf"]

    out, failed = run(manifest)
    assert not failed
    assert "2 creados, 0 actualizados, 3 sin cambios" in out
    for n in range(5):
        page = MinutesPage.objects.get(slug=f"sesion-{n}")
        document = page.get_latest_revision_as_object().attachments.get().document
        assert document.file.name == f"documents/doc-{n}.pdf" and document.file.storage.exists(document.file.name)
    assert ArchiveDocument.objects.count() == 5 and len(list((media / "documents").iterdir())) == 5


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("kind,slug,título\n".encode("latin-1"), "m.csv", "no está en UTF-8"),
        (b"slug,title\nx,X\n", "m.csv", "Faltan columnas obligatorias: kind"),
        (b"kind,slug,title,tipo_raro\n", "m.csv", "Columnas desconocidas: tipo_raro"),
        (b'{"kind": "minuta"}', "m.json", "debe ser una lista de objetos"),
        (b"%PDF-1.4 binario", "m.pdf", "debe ser un archivo CSV (.csv) o JSON (.json)"),
        (b"kind,slug,title\n", "m.csv", "no tiene ningún documento"),
    ],
)
def test_a_bad_manifest_is_refused_whole_with_a_spanish_message(archive, tmp_path, content, name, message):
    manifest = tmp_path / name
    manifest.write_bytes(content)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_documents", str(manifest))
    assert message in str(excinfo.value) and "No se importó nada" in str(excinfo.value)
    assert not DocumentPage.objects.exists()


def test_report_file_and_a_csv_saved_with_semicolons(archive, folder):
    # Spreadsheets in Spanish locales save CSV with «;» between cells.
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows([minutes_row(), row(kind="minuta", slug="", title="Sin identificador")])
    manifest = folder / "excel.csv"
    manifest.write_text(out.getvalue(), encoding="utf-8")
    report = folder / "informe.csv"

    _, failed = run(manifest, "--report", str(report))

    assert failed
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "fila,documento,resultado,motivo"
    assert lines[1].startswith("1,minuta/sesion-2022-03-04,creado")
    assert lines[2] == "2,minuta/,error,slug: falta el identificador del documento."


def test_progress_callback_counts_every_row(archive, folder):
    from archive.importer.manifest import read_manifest
    from archive.importer.sources import FolderSource

    seen = []
    _, rows = read_manifest(write(folder, [minutes_row(), call_row()]).read_bytes(), "m.csv")
    Importer(FolderSource(folder), progress=lambda done, total: seen.append((done, total))).run(rows)
    assert seen == [(1, 2), (2, 2)]


def test_the_example_manifests_in_the_readme_import_cleanly(db):
    from archive.demo.loader import load_taxonomy
    from archive.demo.upsert import Tally
    from tests.factories import make_site

    make_site()
    load_taxonomy(Tally())
    examples = Path(settings.BASE_DIR) / "archive" / "importer" / "examples"
    out, failed = run(examples / "manifiesto.csv", "--dry-run")
    assert not failed and "3 se crearían" in out
    out, failed = run(examples / "manifiesto.csv")
    assert not failed and "3 creados" in out
    out, failed = run(examples / "manifiesto.json")  # the first row again, in JSON
    assert not failed and "1 sin cambios" in out


def test_an_imported_file_carries_the_size_and_hash_wagtail_would_give_it(archive, folder):
    run(write(folder, [minutes_row()]))
    stored = ArchiveDocument.objects.get()
    # Wagtail works them out itself when they are missing (its downloads send the hash as ETag).
    fresh = ArchiveDocument.objects.get(pk=stored.pk)
    fresh.file_hash, fresh.file_size = "", None
    assert stored.file_hash and fresh.get_file_hash() == stored.file_hash
    assert fresh.get_file_size() == stored.file_size == (folder / "archivos" / "minuta.pdf").stat().st_size
