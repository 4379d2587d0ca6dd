import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from archive.pages.models import DocumentIndexPage
from tests.factories import make_actor, make_axis, make_element, make_phase, make_site, minimal_pdf

# The database backend, for the tests of the import as a queued job.
from tests.worker.conftest import queued  # noqa: F401


@pytest.fixture
def archive(db):
    """A site with its listings and a small vocabulary."""
    make_site()
    make_phase("Consulta pública", slug="consulta-publica")
    make_actor("Agencia Digital de Innovación Pública", slug="adip")
    make_actor("INFO CDMX", slug="info-cdmx", kind="guarantor")
    make_axis("Género e inclusión", slug="genero-e-inclusion")
    make_element("Memoria y archivo", slug="memoria-y-archivo")


@pytest.fixture
def folder(tmp_path):
    """A folder with two real PDFs carrying text and a CSV."""
    files = tmp_path / "archivos"
    files.mkdir()
    (files / "minuta.pdf").write_bytes(minimal_pdf("Minuta de la sesion del Nucleo Promotor"))
    (files / "convocatoria.pdf").write_bytes(minimal_pdf("Convocatoria a la consulta publica"))
    (files / "datos.csv").write_text("organizacion,personas\nADIP,3\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def editor(archive):
    """May add and edit minutes, not publish them, and nothing under other listings."""
    group = Group.objects.create(name="Captura de minutas")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    listing = DocumentIndexPage.objects.get(kind="minuta")
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=listing, permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                                         codename=codename))
    user = get_user_model().objects.create_user("capturista", "capturista@example.org", "clave-segura")
    user.groups.add(group)
    return user


@pytest.fixture
def publisher(archive):
    return get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")


@pytest.fixture
def reader(archive):
    """May enter the admin, and add no document anywhere."""
    user = get_user_model().objects.create_user("lectora", "lectora@example.org", "clave-segura")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture(autouse=True)
def preview_dir(tmp_path, settings):
    """Where the admin keeps an upload between its review and its import."""
    settings.IMPORTER_PREVIEW_DIR = tmp_path / "revisiones"
    return settings.IMPORTER_PREVIEW_DIR
