"""A real browser for the accessibility tests: Debian's Chromium driven by Playwright.

One browser for the whole session (starting Chromium costs a second or two).
The tests skip, saying what is missing, only when Chromium, Java or the npm
tools (axe-core, vnu-jar: ``npm ci --ignore-scripts``) are not installed;
CI installs them all (.ci/run), so there they always run.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update",
]


def missing_tools():
    missing = []
    if not CHROMIUM.exists():
        missing.append("Chromium (apt-get install chromium)")
    if shutil.which("java") is None:
        missing.append("Java (apt-get install default-jre-headless)")
    if not AXE.exists() or not VNU.exists():
        missing.append("axe-core y vnu-jar (npm ci --ignore-scripts)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright para Python (pip install -e '.[test]')")
    return missing


# Other test folders import these fixtures (tests/figures/conftest.py); pytest then
# holds one session fixture per folder. Playwright's sync API allows one loop per
# thread, so the first to start the browser shares it with the others.
_running = {}


@pytest.fixture(scope="session")
def browser():
    missing = missing_tools()
    if missing:
        pytest.skip("Faltan herramientas para las pruebas en navegador: " + ", ".join(missing))
    if "chromium" in _running:
        yield _running["chromium"]
        return
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would
    # then refuse the tests' own database calls as "async". They are plain
    # synchronous test code, so allow them for the browser tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _running["chromium"] = chromium
        try:
            yield chromium
        finally:
            _running.pop("chromium", None)
            chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(browser):
    """A fresh page (own cookies) in Spanish, at desktop width; closed after the test."""
    # axe is added as a <script> element, which the site's Content-Security-Policy
    # blocks; tests/production/test_csp_browser.py checks the policy itself.
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def clean_search_index():
    """The FTS5 table is not a Django model, so a transactional test's flush leaves its rows: remove them."""
    yield
    from search.backends import get_backend

    get_backend().clear()
