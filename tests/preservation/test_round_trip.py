"""export_archive → empty database → import_archive → export_archive: nothing lost.

The demo archive is loaded once for the module inside a transaction rolled
back at the end; the round trip flushes the database (content types and
permissions come back with new ids, as on another server), imports, exports
again, and compares both exports entity by entity and file by file.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, Permission, User
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from archive.attachments.models import ArchiveDocument
from archive.identifiers.models import Identifier
from archive.pages.models import DocumentAttachment, DocumentPage
from archive.preservation import registry
from tests.factories import make_file, minimal_pdf
from tests.preservation.helpers import flush_database


def export(directory):
    call_command("export_archive", str(directory), stdout=io.StringIO())
    return json.loads((directory / "manifest.json").read_text())


def restore(directory):
    out = io.StringIO()
    call_command("import_archive", str(directory), stdout=out)
    return out.getvalue()


def entity_lines(directory):
    return {
        path.name: path.read_text(encoding="utf-8").splitlines()
        for path in sorted((directory / "entities").glob("*.jsonl"))
    }


def stored_files():
    """sha256 of every file the rows name (attachments and their thumbnails), by storage name."""
    return {
        f.name: hashlib.sha256(f.read()).hexdigest()
        for d in ArchiveDocument.objects.all()
        for f in (d.file, d.thumbnail)
        if f
    }


def access_rules():
    """Groups with their permissions, page and collection rights, and the workflows pages follow, by name."""
    groups = {
        g.name: sorted(
            f"{p.content_type.app_label}.{p.codename}" for p in g.permissions.select_related("content_type")
        )
        for g in Group.objects.all()
    }
    pages = sorted(
        (gp.group.name, gp.page.url_path, gp.permission.codename)
        for gp in GroupPagePermission.objects.select_related("group", "page", "permission")
    )
    workflows = sorted((wp.page.url_path, wp.workflow.name) for wp in WorkflowPage.objects.select_related("page", "workflow"))
    return {"groups": groups, "pages": pages, "workflows": workflows, "active": sorted(Workflow.objects.active().values_list("name", flat=True))}


def row_counts():
    return {registry.label(m): m._base_manager.count() for m in registry.all_models()}


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """The demo archive plus what it lacks: an editor account, a redirect, a tag, a
    PDF with its thumbnail, and access rules that differ from a fresh migrate's
    (a group of its own, a group's permissions changed, a section with its own
    workflow): an import must bring back these, not the migrations' defaults."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        editor = User.objects.create_user("editora", "editora@example.org", "una-clave-larga-123", first_name="Ana")
        editor.groups.add(Group.objects.get(name="Editors"))
        with_file = DocumentPage.objects.filter(attachments__isnull=False).live().first().specific
        Redirect.objects.create(old_path="/memoria-antigua", redirect_page=with_file, is_permanent=True)
        with_file.tags.add("memoria")
        pdf = make_file("acta-con-miniatura.pdf", minimal_pdf("Acta de la sesion"))
        assert pdf.thumbnail, "a PDF gets a thumbnail"
        DocumentAttachment.objects.create(page=with_file, document=pdf)
        archivists = Group.objects.create(name="Archivistas")
        archivists.permissions.add(Permission.objects.get(codename="change_archivedocument"))
        GroupPagePermission.objects.create(
            group=archivists, page=with_file.get_parent(), permission=Permission.objects.get(codename="publish_page")
        )
        Group.objects.get(name="Editores").permissions.add(Permission.objects.get(codename="add_redirect"))
        WorkflowPage.objects.create(page=with_file.get_parent(), workflow=Workflow.objects.get(name="Moderators approval"))
        with_file.save_revision(user=editor).publish()
        yield with_file.pk
        transaction.set_rollback(True)


@pytest.fixture
def document_pk(archive, db):
    return archive


def test_every_model_with_a_table_is_exported_or_excluded_for_a_reason(document_pk, tmp_path):
    manifest = export(tmp_path / "respaldo")
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            label = registry.label(model)
            assert label in manifest["entities"] or registry.EXCLUDED.get(label), (
                f"{label} is neither exported nor excluded in archive/preservation/registry.py"
            )
    assert not set(manifest["entities"]) & set(registry.EXCLUDED)
    # The excluded list names only real models: a typo would silently export one.
    labels = {registry.label(m) for m in registry.all_models()}
    assert set(registry.EXCLUDED) - labels <= {"modelsearch.sqliteftsindexentry"}


def test_manifest_lists_counts_versions_and_every_file_with_its_checksum(document_pk, tmp_path):
    target = tmp_path / "respaldo"
    manifest = export(target)
    assert manifest["format"] == "archivo-abierto-export" and manifest["format_version"] == 1
    assert {"django", "wagtail", "python"} <= set(manifest["software"])
    assert manifest["entities"]["pages.documentpage"] == DocumentPage.objects.count()
    stored = stored_files()
    assert any(name.startswith("document-thumbnails/") for name in stored)
    assert {f["storage_name"]: f["sha256"] for f in manifest["files"]} == stored
    listed = dict(
        reversed(line.split("  ", 1)) for line in (target / "manifest-sha256.txt").read_text().splitlines()
    )
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"manifest-sha256.txt"}
    for relative, digest in listed.items():
        assert hashlib.sha256((target / relative).read_bytes()).hexdigest() == digest


def manage(other, *args):
    """Run manage.py as another server would: its own SQLite database and media folder."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "archive.settings.dev",
        "DATA_DIR": str(other),
        "MEDIA_ROOT": str(other / "media"),
        "DATABASE_URL": "",
        "ELASTICSEARCH_URL": "",
        "REDIS_URL": "",
    }
    command = [sys.executable, str(Path(django_settings.BASE_DIR) / "manage.py"), *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr


def test_an_export_restores_into_a_freshly_migrated_site(document_pk, tmp_path):
    """On a new server `migrate` has made its own groups, workflows, root page,
    site, locale and collection; the import puts the export's in their place."""
    first = export(tmp_path / "primero")
    other = tmp_path / "otro"
    other.mkdir()
    manage(other, "migrate", "--no-input", "-v0")
    manage(other, "import_archive", str(tmp_path / "primero"))
    manage(other, "export_archive", str(tmp_path / "segundo"))

    second = json.loads((tmp_path / "segundo" / "manifest.json").read_text())
    assert first["entities"] == second["entities"]
    first_lines, second_lines = entity_lines(tmp_path / "primero"), entity_lines(tmp_path / "segundo")
    for name, lines in first_lines.items():
        assert lines == second_lines[name], f"{name} differs after importing into a migrated site"
    assert first["files"] == second["files"]
    for entry in first["files"]:
        assert (other / "media" / entry["storage_name"]).read_bytes() == (tmp_path / "primero" / entry["path"]).read_bytes()


# Last in the module: switching the storage setting gives a fresh (empty)
# in-memory storage to the tests after it.
def test_round_trip_loses_nothing(document_pk, tmp_path, client, settings):
    page = DocumentPage.objects.get(pk=document_pk).specific
    code = Identifier.objects.get(page=page).code
    html_before = client.get(page.url).content.decode()
    files_before = {
        d.pk: (d.url, hashlib.sha256(d.file.read()).hexdigest()) for d in ArchiveDocument.objects.all()
    }
    counts_before = row_counts()
    stored_before, rules_before = stored_files(), access_rules()
    public_documents = DocumentPage.objects.live().public().count()
    first = export(tmp_path / "primero")
    assert "password" not in (tmp_path / "primero" / "entities" / "auth.user.jsonl").read_text()

    # An empty site elsewhere: no rows (content types and permissions are made
    # again with new ids) and an empty file storage, on disk as in production.
    flush_database()
    assert not Page.objects.exists()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    assert not default_storage.exists(first["files"][0]["storage_name"])

    output = restore(tmp_path / "primero")
    assert f"Índice de búsqueda reconstruido: {public_documents} documentos" in output
    second = export(tmp_path / "segundo")

    # Every model that is not derived data came back with as many rows.
    counts_after = row_counts()
    for label, count in counts_before.items():
        if label not in registry.EXCLUDED:
            assert counts_after[label] == count, label
    assert first["entities"] == second["entities"]
    first_lines, second_lines = entity_lines(tmp_path / "primero"), entity_lines(tmp_path / "segundo")
    assert first_lines.keys() == second_lines.keys()
    for name, lines in first_lines.items():
        assert lines == second_lines[name], f"{name} changed in the round trip"
    assert first["files"] == second["files"]
    for entry in first["files"]:
        assert (tmp_path / "primero" / entry["path"]).read_bytes() == (tmp_path / "segundo" / entry["path"]).read_bytes()

    # Every file (thumbnails too) and every access rule came back as it was.
    assert stored_files() == stored_before
    assert access_rules() == rules_before

    # What people see is the same.
    restored = DocumentPage.objects.get(pk=document_pk).specific
    assert client.get(restored.url).content.decode() == html_before
    permanent = client.get(f"/id/{code}/")
    assert permanent.status_code == 302 and permanent["Location"].endswith(restored.url)
    moved = client.get("/memoria-antigua")
    assert moved.status_code == 301 and moved["Location"].endswith(restored.url)
    found = client.get("/api/buscar/", {"q": restored.title}).json()
    assert restored.title in [r["title"] for r in found["results"]]
    assert client.get("/api/buscar/", {"q": "memoria"}).json()["count"] >= 1
    for url, digest in files_before.values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert hashlib.sha256(body_of(response)).hexdigest() == digest
    # Accounts come back with their groups but without any password.
    editor = User.objects.get(username="editora")
    assert not editor.has_usable_password()
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert "memoria" in restored.tags.names()

    # New rows get fresh ids (sequences follow the restored ids on PostgreSQL).
    new_file = make_file("nuevo.pdf")
    assert new_file.pk > max(files_before)
    DocumentAttachment.objects.create(page=restored, document=new_file)
    Redirect.objects.create(old_path="/otra-direccion", redirect_page=restored)
