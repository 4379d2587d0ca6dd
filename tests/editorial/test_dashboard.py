"""The admin's dashboard tells each editor what waits for them, in Spanish, at a fixed cost."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission

from archive.attachments.pdf import TextStatus
from archive.comments.models import CommentSubmission
from archive.editorial.panels import LIMIT, PANELS
from archive.pages.models import MinutesPage, ReportPage
from archive.plainlanguage.readability import score
from archive.spanish import decimal
from tests.attachments.samples import damaged_pdf, encrypted_pdf
from tests.factories import make_actor, make_document, make_file, make_site, minimal_pdf

from .admin import make_user, post_edit

HOME = "wagtailadmin_home"
COMMENTS, SUMMARIES, FILES = "comentarios-por-moderar", "resumenes-dificiles", "archivos-sin-texto"

CLEAR = "La mesa se reunió en noviembre. Hablaron de agua y de salud. Acordaron tres cosas."
HARD = (
    "En virtud de lo dispuesto con fundamento en la normatividad aplicable, se llevó a cabo la implementación "
    "de los mecanismos institucionales de coordinación interinstitucional correspondientes a la administración."
)
HARD_TOO = (
    "Con fundamento en las atribuciones conferidas, las dependencias coadyuvaron en la sistematización "
    "de la información presupuestaria correspondiente al ejercicio fiscal inmediato anterior."
)


@pytest.fixture(autouse=True)
def site(db):
    make_site()


@pytest.fixture
def editor(db):
    return make_user("elena", "Editores")


@pytest.fixture
def moderator(db):
    return make_user("mario", "Moderadores")


@pytest.fixture
def outsider(db):
    """Reaches the admin and may do nothing there."""
    group = Group.objects.create(name="Solo acceso")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return make_user("olga", "Solo acceso")


@pytest.fixture
def file_keeper(db):
    """May edit files and nothing else: no pages, no comments."""
    group = Group.objects.create(name="Archivistas")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=group, collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename="change_document"),
    )
    return make_user("fabian", "Archivistas")


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def panel(soup, panel_id):
    return soup.select_one(f"#{panel_id}-section")


def text(node):
    return " ".join(node.get_text(" ").split())


def links(node):
    return {" ".join(a.get_text(" ").split()): a["href"] for a in node.select("a[href]") if not a.has_attr("data-panel-anchor")
            and "w-panel__anchor" not in a.get("class", [])}


def comment(document, state=CommentSubmission.Status.PENDING, text_="Estoy de acuerdo con los acuerdos.", name=None):
    actor = make_actor(name or "Mónica Rivas", kind="expert", is_person=True)
    user = make_user(f"integrante{CommentSubmission.objects.count()}")
    return CommentSubmission.objects.create(
        document=document, user=user, actor=actor, text=text_, status=state,
        created_at=timezone.make_aware(datetime.datetime(2022, 11, 8, 10, 30)),
    )


# -- Files whose text could not be read ----------------------------------------


def test_files_panel_lists_unreadable_files_with_their_reason_and_their_documents(client, editor):
    scan = make_file("escaneo.pdf", minimal_pdf(""), title="Acta escaneada")
    locked = make_file("cifrado.pdf", encrypted_pdf("Presupuesto"), title="Presupuesto con contraseña")
    broken = make_file("roto.pdf", damaged_pdf(), title="Minuta a medio descargar")
    readable = make_file("legible.pdf", minimal_pdf("Acuerdos de la mesa"), title="Acuerdos legibles")
    assert (scan.text_status, locked.text_status, broken.text_status, readable.text_status) == (
        TextStatus.EMPTY, TextStatus.ENCRYPTED, TextStatus.DAMAGED, TextStatus.EXTRACTED,
    )
    page = make_document(MinutesPage, "Minuta de la sesión de instalación", attachments=[scan, readable])

    files = panel(dashboard(client, editor), FILES)

    assert text(files.select_one("h2")) == "Archivos sin texto legible (3)"
    items = files.select("ul.editorial-dashboard__list > li")
    assert len(items) == 3
    found = links(files)
    for document in (scan, locked, broken):
        assert found[document.title] == reverse("wagtaildocs:edit", args=[document.pk])
    assert "Acuerdos legibles" not in text(files)
    assert readable.title not in found
    # The reason, in Spanish, beside each file.
    assert "El PDF no tiene texto (¿es un escaneo?)" in text(files)
    assert "El PDF está cifrado" in text(files)
    assert "El PDF está dañado" in text(files)
    # The document a file belongs to, linked to its editor.
    scan_item = next(item for item in items if scan.title in text(item))
    assert links(scan_item)[page.title] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    locked_item = next(item for item in items if locked.title in text(item))
    assert "No está adjunto a ningún documento." in text(locked_item)


def test_files_panel_links_a_document_only_for_someone_who_may_edit_it(client, file_keeper):
    scan = make_file("escaneo.pdf", minimal_pdf(""), title="Acta escaneada")
    page = make_document(MinutesPage, "Minuta de la sesión de instalación", attachments=[scan])

    files = panel(dashboard(client, file_keeper), FILES)

    assert page.title in text(files)
    assert page.title not in links(files)
    assert links(files)[scan.title] == reverse("wagtaildocs:edit", args=[scan.pk])


# -- Summaries that fail the plain-language check ------------------------------


def test_summaries_panel_lists_hard_summaries_drafts_included(client, editor):
    hard = make_document(MinutesPage, "Minuta con resumen difícil", summary=HARD)
    make_document(MinutesPage, "Minuta con resumen claro", summary=CLEAR)
    draft = make_document(ReportPage, "Informe en borrador", summary=HARD_TOO, live=False)
    # Live with a clear summary whose unpublished draft made it hard: the draft is what the editor works on.
    worsened = make_document(MinutesPage, "Minuta empeorada en borrador", summary=CLEAR)
    worsened.summary = HARD
    worsened.save_revision()
    # Live with a hard summary already corrected in a draft: nothing left to do.
    corrected = make_document(MinutesPage, "Minuta corregida en borrador", summary=HARD_TOO)
    corrected.summary = CLEAR
    corrected.save_revision()

    summaries = panel(dashboard(client, editor), SUMMARIES)

    assert text(summaries.select_one("h2")) == "Resúmenes difíciles de leer (3)"
    found = links(summaries)
    assert set(found) == {hard.title, draft.title, worsened.title}
    for page in (hard, draft, worsened):
        assert found[page.title] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    body = text(summaries)
    assert "Minuta con resumen claro" not in body
    assert "Minuta corregida en borrador" not in body
    assert "No llegan a 55 en la escala INFLESZ" in body
    # Kind, state and the score with a decimal comma, as the editor's own check says it.
    hard_score = decimal(score(HARD).szigriszt_pazos)
    assert f"Minuta con resumen difícil (Minuta, publicado): {hard_score} de 100, muy difícil" in body
    assert "Informe en borrador (Memoria o informe, borrador)" in body
    assert "Minuta empeorada en borrador (Minuta, publicado, con cambios sin publicar)" in body
    # Hardest first.
    titles = [a.get_text() for a in summaries.select("li > a")]
    expected = sorted([(score(HARD).szigriszt_pazos, hard.title), (score(HARD).szigriszt_pazos, worsened.title),
                       (score(HARD_TOO).szigriszt_pazos, draft.title)])
    assert titles == [title for _, title in expected]


def test_the_threshold_is_the_plain_language_setting(client, editor, settings):
    make_document(MinutesPage, "Minuta con resumen claro", summary=CLEAR)
    settings.PLAIN_LANGUAGE_SUMMARY_MIN_SCORE = 101
    summaries = panel(dashboard(client, editor), SUMMARIES)
    assert "Minuta con resumen claro" in links(summaries)
    assert "No llegan a 101 en la escala INFLESZ" in text(summaries)


def test_scores_read_in_spanish():
    assert decimal(38.46) == "38,5"
    assert decimal(50.0) == "50"
    assert decimal(7.04) == "7"


# -- Comments to moderate ----------------------------------------------------------


def test_comments_panel_lists_pending_comments_and_links_to_the_moderation_screen(client, moderator):
    document = make_document(MinutesPage, "Minuta de la mesa de Género")
    pending = comment(document, name="Mónica Rivas")
    comment(document, CommentSubmission.Status.APPROVED, name="Ana Aprobada")
    comment(document, CommentSubmission.Status.REJECTED, name="Rita Rechazada")

    comments = panel(dashboard(client, moderator), COMMENTS)

    assert text(comments.select_one("h2")) == "Comentarios por moderar (1)"
    found = links(comments)
    queue = reverse("comments_queue")
    title = "Comentario de Mónica Rivas sobre «Minuta de la mesa de Género»"
    assert found[title] == f"{queue}#envio-{pending.pk}"
    assert found["Ir a Comentarios por moderar"] == queue
    assert "enviado el 8 de noviembre de 2022" in text(comments)
    assert "Ana Aprobada" not in text(comments)
    assert "Rita Rechazada" not in text(comments)


# -- Empty panels, permissions, Spanish ------------------------------------------


def test_empty_panels_say_nothing_is_pending(client, moderator):
    make_document(MinutesPage, "Minuta con resumen claro", summary=CLEAR)
    make_file("legible.pdf", minimal_pdf("Acuerdos de la mesa"), title="Acuerdos legibles")
    soup = dashboard(client, moderator)
    for panel_id, heading in ((COMMENTS, "Comentarios por moderar"), (SUMMARIES, "Resúmenes difíciles de leer"),
                              (FILES, "Archivos sin texto legible")):
        section = panel(soup, panel_id)
        assert text(section.select_one("h2")) == heading
        assert text(section.select_one(".w-panel__content")) == "Nada pendiente."


def test_each_panel_is_for_whoever_may_act_on_it(client, editor, moderator, outsider, file_keeper):
    document = make_document(MinutesPage, "Minuta con resumen difícil", summary=HARD)
    comment(document)
    make_file("escaneo.pdf", minimal_pdf(""), title="Acta escaneada")

    def shown(user):
        soup = dashboard(client, user)
        return {panel_id for panel_id in (COMMENTS, SUMMARIES, FILES) if panel(soup, panel_id)}

    assert shown(moderator) == {COMMENTS, SUMMARIES, FILES}
    # Editors cannot publish, so they cannot moderate comments.
    assert shown(editor) == {SUMMARIES, FILES}
    assert shown(file_keeper) == {FILES}
    assert shown(outsider) == set()


def test_documents_in_review_are_left_to_wagtails_own_panels(client, editor, moderator):
    page = make_document(MinutesPage, "Minuta enviada a revisión", summary=CLEAR, live=False)
    client.force_login(editor)
    assert post_edit(client, page, "submit").status_code == 302

    waiting = dashboard(client, moderator).select_one("#awaiting-review-section")
    assert text(waiting.select_one("h2")) == "Esperando tu revisión"
    assert page.title in links(waiting)
    assert "Elena" in text(waiting)  # who sent it

    sent = dashboard(client, editor).select_one("#objects-in-workflow-section")
    assert page.title in links(sent)
    # Not listed a second time by the archive's own panels.
    for panel_id in (COMMENTS, SUMMARIES, FILES):
        section = panel(dashboard(client, moderator), panel_id)
        assert page.title not in text(section)


def test_panels_speak_spanish(client, moderator):
    document = make_document(MinutesPage, "Minuta con resumen difícil", summary=HARD)
    comment(document)
    make_file("escaneo.pdf", minimal_pdf(""), title="Acta escaneada")
    soup = dashboard(client, moderator)
    english = ("pending", "nothing", "review", "file", "summary", "comment", "score", "draft", "edit", "more")
    for panel_id in (COMMENTS, SUMMARIES, FILES):
        section = panel(soup, panel_id)
        words = set(text(section.select_one(".w-panel__content")).lower().replace(",", " ").split())
        assert not words & set(english), (panel_id, words & set(english))
        assert section.select_one("h2") is not None
        assert section.select_one("ul > li > a") is not None


# -- Cost -------------------------------------------------------------------------


def fill(count, start=0):
    for n in range(start, start + count):
        scan = make_file(f"escaneo-{n}.pdf", minimal_pdf(""), title=f"Acta escaneada {n}")
        page = make_document(MinutesPage, f"Minuta difícil {n}", summary=HARD, attachments=[scan], slug=f"minuta-{n}")
        comment(page, name=f"Integrante {n}")


def dashboard_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(HOME))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_costs_the_same_however_much_waits(client, moderator):
    fill(2)
    few, html = dashboard_queries(client, moderator)
    assert "Comentarios por moderar (2)" in html
    fill(LIMIT + 3, start=2)
    many, html = dashboard_queries(client, moderator)
    assert f"Comentarios por moderar ({LIMIT + 5})" in html
    assert f"Archivos sin texto legible ({LIMIT + 5})" in html
    assert f"Resúmenes difíciles de leer ({LIMIT + 5})" in html
    assert "Y 5 más" in html
    assert many == few


def test_the_archives_panels_take_a_few_queries(rf, moderator, django_assert_max_num_queries):
    fill(LIMIT + 2)
    request = rf.get("/admin/")
    request.user = moderator
    with django_assert_max_num_queries(10):
        for panel_class in PANELS:
            assert panel_class.is_shown_to(moderator)
            html = panel_class(request).render_html({"request": request})
            assert f"({LIMIT + 2})" in html


def test_a_summary_is_scored_once_until_its_text_changes(client, editor, monkeypatch):
    page = make_document(MinutesPage, "Minuta con resumen difícil", summary=HARD)
    assert page.title in links(panel(dashboard(client, editor), SUMMARIES))

    def no_scoring(text, glossary=None):
        raise AssertionError(f"scored again: {text}")

    monkeypatch.setattr("archive.editorial.panels.score", no_scoring)
    assert page.title in links(panel(dashboard(client, editor), SUMMARIES))

    monkeypatch.undo()
    page.summary = CLEAR
    page.save_revision()
    assert page.title not in links(panel(dashboard(client, editor), SUMMARIES))
