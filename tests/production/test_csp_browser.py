"""The Content-Security-Policy holds on every public page, in a real browser: no inline script,
style or handler is refused (JSON-LD is data, not a script), and Wagtail's admin works under its own policy."""

import pytest
from django.contrib.auth import get_user_model

from archive.pages.models import MinutesPage
from tests.accessibility.archive import build_archive
from tests.accessibility.conftest import browser, clean_search_index  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records every refusal, before any of the page's own code runs.
LISTEN = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""

EXTRA_PATHS = {"linea-de-tiempo": "/linea-de-tiempo/", "cifras": "/cifras/", "mesas": "/mesas-de-cocreacion/",
               "feed": "/feeds/documentos.atom"}


@pytest.fixture
def csp_page(browser):  # noqa: F811
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console = []
    page.on("console", lambda message: console.append(message.text))
    yield page, console
    context.close()


def refusals(page, console):
    found = page.evaluate("window.__cspViolations || []")
    return found + [text for text in console if "Content Security Policy" in text]


def test_public_pages_break_no_rule_of_the_policy(csp_page, live_server, clean_search_index):  # noqa: F811
    page, console = csp_page
    paths = {**build_archive(), **EXTRA_PATHS}
    found = {}
    for name, path in paths.items():
        console.clear()
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"], name
        assert "unsafe-inline" not in response.headers["content-security-policy"], name
        if name.startswith("documento-"):
            assert page.locator("script[type='application/ld+json']").count() == 1, name
        # Let scripts (permalinks.js) finish and any late refusal arrive.
        page.wait_for_load_state("networkidle")
        if problems := refusals(page, console):
            found[name] = problems
    assert not found, f"the browser refused parts of these pages: {found}"


def test_the_policy_is_enforced(csp_page, live_server):
    """An inline script is refused: the check above would notice a page that needs one."""
    page, console = csp_page
    page.goto(live_server.url + "/no-existe/")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';
                              document.body.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert refusals(page, console)


def test_the_admin_works_under_its_own_policy(csp_page, live_server):
    page, console = csp_page
    build_archive()
    get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-segura")
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editora")
    page.fill("input[name=password]", "clave-segura")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    minutes = MinutesPage.objects.get()
    for path in ("/admin/", f"/admin/pages/{minutes.pk}/edit/", "/admin/snippets/"):
        console.clear()
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert not refusals(page, console), path
