"""Saving in the admin as an editor does it, quickly, in a real browser: nothing undoes a publish.

Wagtail 8's autosave posted the form in the background; one still in flight
when the editor pressed «Publicar» saved the page as not live afterwards, and
with actor rows it raced the editor's own save into a 500. Autosave is off
(WAGTAIL_AUTOSAVE_INTERVAL, archive/settings/base.py). These tests do what
lost the publish — add a file or an actor and save within a second, or wait
as long as autosave used to — several times, and check that the editor's
save is the only one, that it stands, and that every public output agrees.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from archive.pages.models import DocumentActor, DocumentAttachment, MinutesPage
from search.models import SearchRecord
from tests.accessibility.archive import ensure_wagtail_roots
from tests.accessibility.conftest import browser, browser_page, clean_search_index  # noqa: F401
from tests.factories import index_for, make_actor, make_document, make_file, make_site, minimal_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRIES = 3
# Longer than Wagtail's default autosave interval (500 ms) and its debounce.
AUTOSAVE_WAIT_MS = 2500


@pytest.fixture
def editor_page(browser_page, live_server):  # noqa: F811 - the imported fixture
    """The browser signed in to the admin as an editor, counting every page save it sends."""
    ensure_wagtail_roots()
    make_site()
    user = get_user_model().objects.create_superuser("editora", "editora@example.org", "una-clave-larga-1")
    client = Client()
    client.force_login(user)
    browser_page.context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
         "url": live_server.url},
    ])
    posts = []
    # Saves of pages only (the plain-language score posts the summary as the editor types).
    browser_page.on("request", lambda request: request.method == "POST" and "/admin/pages/" in request.url
                    and posts.append(request.url))
    browser_page.posts = posts
    # The plain-language check asks before publishing a hard summary; the editor says yes.
    browser_page.on("dialog", lambda dialog: dialog.accept())
    browser_page.base = live_server.url
    return browser_page


def choose_in_modal(page, opener, name):
    page.get_by_role("button", name=opener).last.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=name).first.click()
    modal.wait_for(state="hidden")


def publish(page):
    page.get_by_role("button", name="Más acciones").click()
    page.get_by_role("button", name="Publicar", exact=True).click()
    page.wait_for_load_state()


def assert_public_everywhere(client, page):
    assert client.get(page.url).status_code == 200
    assert client.get(f"/id/{page.reference_code}/", follow=True).status_code == 200
    assert SearchRecord.objects.filter(pk=page.pk).exists()
    found = client.get("/api/buscar/", {"q": page.title}).json()
    assert page.title in [hit["title"] for hit in found["results"]]
    for address in ("/feeds/documentos.atom", "/sitemap.xml", "/catalogo.json"):
        text = client.get(address).content.decode()
        assert page.slug in text or page.reference_code in text, address


def test_the_editor_form_has_no_autosave(editor_page):
    draft = make_document(MinutesPage, "Minuta en borrador", live=False, date=datetime.date(2022, 10, 27))
    editor_page.goto(f"{editor_page.base}/admin/pages/{draft.pk}/edit/")
    form = editor_page.locator("form[data-edit-form]")
    assert "w-autosave" not in (form.get_attribute("data-controller") or "")
    editor_page.locator("#id_title").fill("Minuta en borrador, corregida")
    editor_page.wait_for_timeout(AUTOSAVE_WAIT_MS)
    assert editor_page.posts == []
    draft.refresh_from_db()
    assert draft.draft_title == "Minuta en borrador"


def test_adding_a_file_and_publishing_at_once_stays_published(editor_page):
    public = Client()
    for attempt in range(TRIES):
        pdf = make_file(f"minuta-prueba-{attempt}.pdf", minimal_pdf(f"Acuerdos de la sesión {attempt}"),
                        title=f"Minuta firmada {attempt}")
        draft = make_document(MinutesPage, f"Minuta de prueba {attempt}", live=False,
                              date=datetime.date(2022, 10, 27))
        editor_page.posts.clear()
        editor_page.goto(f"{editor_page.base}/admin/pages/{draft.pk}/edit/")
        editor_page.get_by_role("tab", name="Archivos y relaciones").click()
        editor_page.get_by_role("button", name="Añadir archivo").click()
        choose_in_modal(editor_page, "Seleccionar un documento", pdf.title)
        publish(editor_page)  # within a second of choosing the file
        editor_page.wait_for_timeout(AUTOSAVE_WAIT_MS)  # anything still in flight would land now

        draft.refresh_from_db()
        assert draft.live and not draft.has_unpublished_changes, f"try {attempt}: the publish was undone"
        assert list(DocumentAttachment.objects.filter(page=draft).values_list("document_id", flat=True)) == [pdf.pk]
        edit_posts = [url for url in editor_page.posts if f"/pages/{draft.pk}/edit/" in url]
        assert len(edit_posts) == 1, editor_page.posts
        assert_public_everywhere(public, draft.specific)


def test_adding_an_actor_waiting_and_saving_never_fails(editor_page):
    actor = make_actor("Instituto de Liderazgo Simone de Beauvoir", slug="ilsb", kind="civil_society")
    for attempt in range(TRIES):
        draft = make_document(MinutesPage, f"Minuta con actores {attempt}", live=False,
                              date=datetime.date(2022, 10, 27))
        editor_page.goto(f"{editor_page.base}/admin/pages/{draft.pk}/edit/")
        editor_page.get_by_role("tab", name="Ficha").click()
        editor_page.get_by_role("button", name="Añadir actor").click()
        choose_in_modal(editor_page, "Seleccionar actor", actor.name)
        editor_page.wait_for_timeout(AUTOSAVE_WAIT_MS)
        editor_page.get_by_role("button", name="Guardar borrador").click()
        editor_page.wait_for_load_state()
        assert "error" not in editor_page.title().lower()
        assert editor_page.locator(".messages .success, .messages [class*=success]").count() >= 1, editor_page.url
        # The actor is in the draft once, and the page row is still a draft.
        revision = MinutesPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
        assert [(link.actor_id, link.role) for link in revision.actor_links.all()] == [(actor.pk, "participant")]
        # Wagtail keeps a never-published page's rows in step with its draft: one row, not a duplicate.
        assert DocumentActor.objects.filter(page=draft).count() == 1
        draft.refresh_from_db()
        assert not draft.live


def test_a_new_document_is_created_once_with_an_ascii_address(editor_page):
    parent = index_for(MinutesPage)
    for attempt in range(TRIES):
        editor_page.posts.clear()
        editor_page.goto(f"{editor_page.base}/admin/pages/add/pages/minutespage/{parent.pk}/")
        title = f"Sesión de prueba del Núcleo Promotor número {attempt}"
        editor_page.locator("#id_title").fill(title)
        editor_page.locator("#id_summary").fill("Qué se acordó en la sesión.")
        editor_page.wait_for_timeout(AUTOSAVE_WAIT_MS)  # autosave used to create the page here
        assert MinutesPage.objects.filter(title=title).count() == 0
        editor_page.get_by_role("button", name="Guardar borrador").click()
        editor_page.wait_for_load_state()
        pages = list(MinutesPage.objects.filter(title=title))
        assert len(pages) == 1, [p.slug for p in pages]
        assert pages[0].slug == f"sesion-de-prueba-del-nucleo-promotor-numero-{attempt}"
        assert pages[0].date is None and pages[0].date_precision == "unknown"
