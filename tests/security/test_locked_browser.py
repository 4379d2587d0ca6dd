"""The page a locked-out sign-in shows passes axe and the Nu Html Checker, and does not scroll sideways."""

import pytest

from archive.security import throttle
from tests.accessibility.conftest import SCREENSHOTS
from tests.accessibility.test_browser import assert_no_findings, audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_locked_sign_in_page_passes_axe_and_validates(browser_page, live_server, django_user_model):
    django_user_model.objects.create_user("editora", password="clave-correcta-123")
    for _ in range(5):
        throttle.record_failure(None, "editora")
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editora")
    page.fill("input[name=password]", "clave-correcta-123")
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    response = navigation.value
    assert response.status == 429
    assert "Demasiados intentos" in page.content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "sesion-bloqueada-1280.png"), full_page=True)
    violations, served, overflow = {}, {}, {}
    served["sesion-bloqueada"] = response.text()
    audit(page, "sesion-bloqueada", violations, overflow)
    assert_no_findings(violations, overflow, {"sesion-bloqueada": served["sesion-bloqueada"]})
