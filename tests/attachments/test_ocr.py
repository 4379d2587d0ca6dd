"""Scanned PDF pages become text (OCRmyPDF + Tesseract's Spanish model): found by
search on their page, marked as recognised automatically until an editor
corrects them, with a searchable PDF/A copy beside the untouched original.

The tests that run OCR skip only where Tesseract is not installed (CI installs it)."""

import hashlib
import io
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from archive.attachments import analysis, ocr
from archive.attachments.models import ArchiveDocument, TextStatus
from archive.pages.models import MinutesPage
from tests.factories import make_document, make_file, minimal_pdf

from .scans import scanned_pdf

pytestmark = pytest.mark.django_db

requires_ocr = pytest.mark.skipif(
    bool(ocr.unavailable_reason()),
    reason=f"OCR no instalado ({ocr.unavailable_reason()}): apt-get install ocrmypdf tesseract-ocr-spa",
)

SCANNED_TEXT = (
    "Acta de la reunión vecinal de Xochimilco.\n"
    "Las vecinas entregaron las firmas del convenio de colaboración con la alcaldía.\n"
    "El comité revisará los compromisos de limpieza de canales cada trimestre.\n"
    "Se levanta la sesión a las dieciocho horas."
)


def mixed_pdf():
    """Page 1 has a text layer; page 2 is only a picture of a page (a scan)."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(minimal_pdf("Portada del expediente vecinal"))))
    writer.append(PdfReader(io.BytesIO(scanned_pdf(SCANNED_TEXT))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def editor(username="editora"):
    return get_user_model().objects.create_superuser(username, f"{username}@example.org", "clave-segura-123")


def correction_url(document):
    return reverse("archive_document_text", args=[document.pk])


@requires_ocr
def test_a_sentence_only_in_a_scanned_page_is_found_and_links_to_that_page(client, monkeypatch):
    seen = []
    monkeypatch.setattr(analysis.Progress, "__call__", lambda self, text: seen.append(text))
    data = mixed_pdf()
    pdf = make_file("expediente.pdf", data)
    page = make_document(MinutesPage, "Reunión vecinal", attachments=[pdf])
    pdf.refresh_from_db()

    assert (pdf.analysis_state, pdf.text_status, pdf.ocr_pages) == ("done", TextStatus.EXTRACTED, [2])
    assert pdf.text_pages[0] == "Portada del expediente vecinal"
    assert "firmas del convenio de colaboración" in " ".join(pdf.text_pages[1].split())
    assert "OCR página 2 de 2" in seen
    # The original is what was uploaded, byte for byte; the copy is a new PDF/A.
    with pdf.open_file() as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == hashlib.sha256(data).hexdigest() == pdf.sha256
    with pdf.ocr_copy.open("rb") as copy:
        copied = copy.read()
    assert copied.startswith(b"%PDF") and b"pdfaid" in copied

    result = client.get("/api/buscar/", {"q": '"firmas del convenio"'}).json()["results"][0]
    assert result["title"] == "Reunión vecinal"
    assert result["passage"]["url"].endswith("#page=2")
    assert result["passage"]["label"].endswith("página 2")

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    item = soup.select_one(".file")
    assert "Texto reconocido automáticamente; puede contener errores." in item.get_text(" ")
    link = item.find("a", href=reverse("attachments:ocr_copy", args=[pdf.pk]))
    assert link is not None and "PDF con texto" in link.get_text()
    response = client.get(link["href"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == copied

    version = BeautifulSoup(client.get(f"/documentos/{pdf.pk}/version-accesible/").content, "html.parser")
    assert "Texto reconocido automáticamente; puede contener errores." in version.get_text(" ")
    assert "texto reconocido automáticamente" in version.select_one("#pagina-2").get_text()
    assert "reconocido" not in version.select_one("#pagina-1").get_text()


@requires_ocr
def test_an_editors_correction_is_searchable_no_longer_automatic_and_survives_a_new_reading(client):
    pdf = make_file("expediente.pdf", mixed_pdf())
    page = make_document(MinutesPage, "Reunión vecinal", attachments=[pdf])
    client.force_login(editor())
    edit = BeautifulSoup(client.get(reverse("wagtaildocs:edit", args=[pdf.pk])).content, "html.parser")
    link = edit.find("a", href=correction_url(pdf))
    assert link is not None and "1 página, 1 sin corregir." in " ".join(link.parent.get_text(" ").split())
    form = client.get(correction_url(pdf))
    assert form.status_code == 200 and "reconocida automáticamente" in form.content.decode()

    corrected = SCANNED_TEXT.replace("Xochimilco", "Xochimilco (barrio de Caltongo)")
    response = client.post(correction_url(pdf), {"pagina": "2", "text": corrected})
    assert response.status_code == 302
    pdf.refresh_from_db()
    assert pdf.text_pages[1] == corrected and pdf.automatic_pages == []
    client.logout()
    assert client.get("/api/buscar/", {"q": "Caltongo"}).json()["results"][0]["passage"]["url"].endswith("#page=2")
    assert "Texto reconocido automáticamente" not in client.get(page.url).content.decode()

    # OCR runs again on the same file (a retry, run_ocr): the correction stays.
    analysis.read_file.call(pdf.pk, pdf.sha256, "")
    pdf.refresh_from_db()
    assert pdf.ocr_pages == [2] and pdf.text_pages[1] == corrected and pdf.automatic_pages == []


def test_without_ocr_a_scan_waits_and_the_command_says_how_to_install_it(settings):
    settings.ARCHIVE_OCR_COMMAND = "/nonexistent/ocrmypdf"
    pdf = make_file("escaneo.pdf", scanned_pdf("Oficio firmado y sellado."))
    pdf.refresh_from_db()
    assert (pdf.analysis_state, pdf.analysis_label) == ("ocr-wait", "pendiente de OCR")
    assert pdf.text_status == TextStatus.EMPTY and not pdf.ocr_copy
    assert not pdf.analysis_pending  # waiting for OCR does not hold publishing back
    assert ocr.queue_waiting() == 0
    with pytest.raises(CommandError, match="apt-get install ocrmypdf tesseract-ocr-spa"):
        call_command("run_ocr")


@requires_ocr
def test_run_ocr_recognises_the_waiting_scans_once_ocr_is_installed(settings):
    # (A worker starting with OCR installed queues them instead: tests/worker/test_ocr_queue.py.)
    settings.ARCHIVE_OCR_COMMAND = "/nonexistent/ocrmypdf"
    pdf = make_file("escaneo.pdf", scanned_pdf(SCANNED_TEXT))
    settings.ARCHIVE_OCR_COMMAND = "ocrmypdf"
    out = io.StringIO()
    call_command("run_ocr", stdout=out)
    pdf.refresh_from_db()
    assert (pdf.analysis_state, pdf.ocr_pages) == ("done", [1]) and "Xochimilco" in pdf.text_pages[0]
    assert "listo: 1 página(s) reconocida(s)." in out.getvalue()
    assert "Archivos leídos: 1. Con error: 0." in out.getvalue()
    assert ocr.queue_waiting() == 0


@requires_ocr
def test_a_failed_recognition_keeps_the_text_layer_and_says_why(settings):
    settings.ARCHIVE_OCR_COMMAND = "/bin/false"
    pdf = make_file("mixto.pdf", mixed_pdf())
    pdf.refresh_from_db()
    assert pdf.analysis_state == "done" and not pdf.ocr_copy and pdf.ocr_pages == []
    assert pdf.text_pages[0] == "Portada del expediente vecinal"
    assert pdf.text_note == "No se pudo reconocer el texto de las páginas escaneadas: ocrmypdf terminó con el código 1."


def test_a_recognition_past_its_deadline_is_stopped_with_its_children(tmp_path):
    marker = tmp_path / "child.pid"
    script = f"sleep 60 & echo $! > {marker}; wait"
    with pytest.raises(ocr.OcrFailed, match="tardó más de"):
        ocr._run(["sh", "-c", script], timeout=1, report=None)
    assert ended(int(marker.read_text()))


def ended(pid, wait=5.0):
    """The process is gone, or dead and waiting for its new parent to collect it (SIGKILL lands within moments)."""
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if stat.read_text().split(") ")[1].startswith("Z"):
                return True
        except (FileNotFoundError, ProcessLookupError):
            return True
        time.sleep(0.05)
    return False


def ocr_done_file():
    """A file as OCR leaves it, without running OCR (for the rules around it)."""
    pdf = make_file("escaneo.pdf", minimal_pdf("Texto reconocido de prueba"))
    pdf.ocr_pages = [1]
    pdf.set_ocr_copy(b"%PDF-1.4 copia")
    pdf.save(update_fields=["ocr_pages", "ocr_copy"])
    return pdf


def test_a_drafts_copy_with_text_is_not_public(client):
    pdf = ocr_done_file()
    page = make_document(MinutesPage, "Borrador", live=False, attachments=[pdf])
    address = reverse("attachments:ocr_copy", args=[pdf.pk])
    assert client.get(address).status_code == 404
    client.force_login(editor())
    assert client.get(address).status_code == 200
    client.logout()
    page.save_revision().publish()
    assert client.get(address).status_code == 200


def test_correcting_text_needs_the_right_to_change_the_file_and_a_recognised_page(client):
    pdf = ocr_done_file()
    reader = get_user_model().objects.create_user("lectora", "lectora@example.org", "clave-segura-123")
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    refused = client.post(correction_url(pdf), {"pagina": "1", "text": "cambiado"})
    # Wagtail's admin answers a refused view by sending the user to the dashboard with its message.
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert ArchiveDocument.objects.get(pk=pdf.pk).text_pages == ["Texto reconocido de prueba"]
    client.force_login(editor())
    response = client.post(correction_url(pdf), {"pagina": "7", "text": "cambiado"})
    assert response.status_code == 400
    assert "Esa página no tiene texto reconocido por OCR" in response.content.decode()
    assert ArchiveDocument.objects.get(pk=pdf.pk).text_corrections == {}
    plain = make_file("texto.pdf", minimal_pdf("Con capa de texto"))
    assert client.get(correction_url(plain)).status_code == 404


def test_the_edit_page_says_a_scan_waits_for_ocr(client, settings):
    settings.ARCHIVE_OCR_COMMAND = "/nonexistent/ocrmypdf"
    pdf = make_file("escaneo.pdf", scanned_pdf("Oficio firmado y sellado."))
    client.force_login(editor())
    text = " ".join(BeautifulSoup(client.get(reverse("wagtaildocs:edit", args=[pdf.pk])).content, "html.parser").get_text(" ").split())
    assert "Pendiente de OCR. Sus páginas escaneadas se leerán cuando el servidor tenga OCRmyPDF" in text
    assert "Lectura Pendiente de OCR" in text


def test_a_worker_stopped_in_the_middle_stops_the_recognition_with_it(tmp_path):
    marker = tmp_path / "child.pid"
    script = f"sleep 60 & echo $! > {marker}; echo '{ocr.PROGRESS_MARK}\tOCR\t1\t80' >&2; wait"

    def stopped(done, total):
        # The worker's signal handler raises inside the job, wherever it is: here, on the first page.
        assert (done, total) == (1, 80)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ocr._run(["sh", "-c", script], timeout=60, report=stopped)
    assert ended(int(marker.read_text()))


def test_more_scanned_pages_than_the_limit_are_not_recognised_and_the_file_says_so(settings):
    settings.ARCHIVE_OCR_MAX_PAGES = 1
    pdf = make_file("escaneo.pdf", scanned_pdf("Primera hoja.", "Segunda hoja."))
    pdf.refresh_from_db()
    assert (pdf.analysis_state, pdf.ocr_pages, bool(pdf.ocr_copy)) == ("done", [], False)
    assert pdf.text_note == ("Tiene 2 páginas escaneadas; el reconocimiento automático (OCR) lee hasta 1, "
                             "así que su texto no se indexa.")


def test_a_blank_page_is_not_sent_to_ocr(settings):
    settings.ARCHIVE_OCR_COMMAND = "/nonexistent/ocrmypdf"  # were it sent, the file would wait «pendiente de OCR»
    pdf = make_file("separador.pdf", minimal_pdf(""))
    pdf.refresh_from_db()
    assert (pdf.analysis_state, pdf.text_status, pdf.ocr_pages) == ("done", TextStatus.EMPTY, [])
    assert ocr.drawn_pages(scanned_pdf("Una línea."), [1]) == [1]
