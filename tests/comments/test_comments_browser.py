"""The comment pages in a real browser, used as a member would: sign in, send an empty comment,
send a real one, read «Mis comentarios». Each page passes axe, the Nu Html Checker and reflow
at 320 px; screenshots of the form go to artifacts/screenshots/. Skips, saying what is missing,
without Chromium, Java or the npm tools."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from archive.comments.models import CommentSubmission, MemberAccount
from archive.pages.models import MinutesPage
from tests.accessibility.archive import build_archive
from tests.accessibility.conftest import SCREENSHOTS
from tests.accessibility.test_browser import assert_no_findings, audit
from tests.factories import make_actor, make_membership

from .conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]


def test_comment_pages_pass_axe_validate_and_reflow(browser_page, live_server, clean_search_index):
    paths = build_archive()
    minuta = MinutesPage.objects.get(title="Minuta de la mesa de Género e inclusión")
    actor = make_actor("Mónica Leonor Rivas Bazán", slug="monica-rivas", kind="expert", is_person=True)
    make_membership(actor, body="grupo_asesor", joined=datetime.date(2021, 4, 1))
    user = get_user_model().objects.create_user("monica", "monica@example.org", PASSWORD)
    MemberAccount.objects.create(user=user, actor=actor)
    stranger = get_user_model().objects.create_user("periodista", "p@example.org", PASSWORD)

    page = browser_page
    violations, served, overflow = {}, {}, {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def check(name, status, response=None):
        if response is not None:
            assert response.status == status, f"{name} answered {response.status}"
        served[name] = response.text() if response is not None else page.content()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-1280.png"), full_page=True)
        audit(page, name, violations, overflow)
        page.set_viewport_size({"width": 1280, "height": 900})

    # The document's static link leads to the login page, which sends back to the form.
    page.goto(live_server.url + paths["documento-minuta"])
    page.get_by_role("link", name="Comentar este documento").click()
    page.wait_for_url(re.compile(r"/cuenta/entrar/\?next="))
    check("comentar-entrar", 200, page.request.get(page.url))
    page.get_by_label("Usuario").fill("monica")
    page.get_by_label("Contraseña").fill("no-es-la-clave")
    page.get_by_role("button", name="Entrar").click()
    assert page.get_by_role("alert").is_visible()
    check("comentar-entrar-error", 200)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_url(f"**/comentar/{minuta.pk}/")
    check("comentar-formulario", 200)
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "comentar-formulario-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Enviar a revisión").click()
    assert "Escribe tu comentario antes de enviarlo." in page.get_by_role("alert").inner_text()
    check("comentar-formulario-error", 400)

    page.get_by_label("Tu comentario").fill("Faltó tiempo para la consulta.\nY faltaron intérpretes.")
    page.get_by_role("button", name="Enviar a revisión").click()
    page.get_by_role("heading", name="Tu comentario espera revisión").wait_for()
    check("comentar-enviado", 200)
    assert CommentSubmission.objects.filter(user=user).count() == 1

    page.goto(live_server.url + "/cuenta/comentarios/")
    check("mis-comentarios", 200)
    page.get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + "/cuenta/entrar/")
    page.get_by_label("Usuario").fill("periodista")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    response = page.goto(live_server.url + f"/comentar/{minuta.pk}/")
    assert response.status == 403 and stranger.is_active
    check("comentar-sin-permiso", 403, response)

    assert_no_findings(violations, overflow, served)
