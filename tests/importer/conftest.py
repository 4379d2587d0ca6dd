import pytest

from tests.factories import make_actor, make_axis, make_element, make_phase, make_site, minimal_pdf


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
