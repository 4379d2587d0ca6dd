"""Every page type in a real browser: axe-core (WCAG 2.0, 2.1, 2.2 A and AA), the Nu Html
Checker, reflow at 320 px, screenshots at 360 and 1280 px; a search done with the keyboard
alone; the editor's live plain-language check.

Needs Debian's Chromium, Java and the npm tools; skips, saying which is missing, without them.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .archive import build_archive
from .conftest import AXE, SCREENSHOTS, VNU

pytestmark = [
    pytest.mark.browser,
    # The live server answers from its own thread: the data must be committed.
    pytest.mark.django_db(transaction=True),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\s+/g, " "))
  }));
}"""


def run_axe(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, WCAG_TAGS)


def describe(violations):
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
                     for v in violations)


def validate_html(documents):
    """Nu Html Checker errors per page name (empty when valid), one Java start for all pages."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, html in documents.items():
            path = Path(folder) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            paths[name] = path
        completed = subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", *paths.values()],
            capture_output=True, text=True, timeout=180, check=False,
        )
    try:
        messages = json.loads(completed.stderr)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"the Nu Html Checker did not answer: {completed.stderr[-2000:]}") from error
    errors = {}
    for message in messages:
        name = next((n for n, path in paths.items() if message.get("url", "").endswith("/" + path.name)), "?")
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message.get('message')}")
    return errors


def audit(page, name, violations, overflow):
    """Run axe on the page as shown, then at 320 px, where nothing may scroll
    sideways (WCAG 1.4.10); record what is found under the page's name."""
    found = run_axe(page)
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 320:
        overflow[name] = width
    found += [v for v in run_axe(page) if v["id"] not in {f["id"] for f in found}]
    if found:
        violations[name] = found


def assert_no_findings(violations, overflow, served):
    assert not violations, "axe found WCAG violations:\n" + "\n".join(
        f"{name}:\n{describe(v)}" for name, v in violations.items())
    assert not overflow, f"pages wider than 320 px (they scroll sideways): {overflow}"
    errors = validate_html(served)
    assert not errors, "the Nu Html Checker found errors:\n" + json.dumps(errors, indent=1, ensure_ascii=False)


def test_every_page_type_passes_axe_validates_and_reflows(browser_page, live_server, clean_search_index):
    paths = build_archive()
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    violations, served, overflow = {}, {}, {}
    for name, path in paths.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(live_server.url + path)
        expected = 404 if name == "no-encontrada" else 200
        assert response.status == expected, f"{name} ({path}) answered {response.status}"
        served[name] = response.text()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-1280.png"), full_page=True)
        page.set_viewport_size({"width": 360, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-360.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        audit(page, name, violations, overflow)
    assert_no_findings(violations, overflow, served)


def test_print_and_reduced_motion(browser_page, live_server, clean_search_index):
    paths = build_archive()
    page = browser_page
    page.goto(live_server.url + paths["documento-informe"])
    page.emulate_media(media="print", reduced_motion="reduce")
    hidden = page.evaluate("""() => ['.site-nav', '.search-form--header', '.site-footer', '.breadcrumb']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert set(hidden) == {"none"}, "navigation is left out of print"
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "documento-informe-impreso.png"), full_page=True)


def press_tab_until(page, predicate, limit=150):
    """Press Tab until the focused element matches ``predicate`` (JS, given the element); return its description."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """(predicate) => {
              const el = document.activeElement;
              const match = new Function("el", "return " + predicate)(el);
              const style = getComputedStyle(el);
              return {match, tag: el.tagName, name: el.name || "", value: el.value || "", text: el.textContent.trim(),
                      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                      shadow: style.boxShadow !== "none"};
            }""",
            predicate,
        )
        if info["match"]:
            assert info["outline"] or info["shadow"], f"focus is not visible on {info}"
            return info
    raise AssertionError(f"Tab never reached: {predicate}")


def test_a_search_with_two_filters_by_keyboard_alone(browser_page, live_server, clean_search_index):
    paths = build_archive()
    page = browser_page
    page.goto(live_server.url + "/buscar/")
    press_tab_until(page, "el.id === 'q'")
    page.keyboard.type("mesa")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buscar/?q=mesa*")
    status = page.locator(".result-count")
    assert status.get_attribute("role") == "status"
    assert "documento" in status.inner_text()

    # Each facet is a disclosure (Enter opens it); ticking a box searches at once
    # and the new page comes back to that box (static/js/filtros.js).
    press_tab_until(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'faceta-tipo'")
    page.keyboard.press("Enter")
    press_tab_until(page, "el.type === 'checkbox' && el.name === 'tipo' && el.value === 'minuta'")
    page.keyboard.press("Space")
    page.wait_for_url("**tipo=minuta*")
    press_tab_until(page, "el.tagName === 'SUMMARY' && el.parentElement.id === 'faceta-etapa'")
    page.keyboard.press("Enter")
    press_tab_until(page, "el.type === 'checkbox' && el.name === 'etapa' && el.value === 'mesas-de-cocreacion'")
    page.keyboard.press("Space")
    page.wait_for_url("**etapa=mesas-de-cocreacion*")
    assert "tipo=minuta" in page.url
    press_tab_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Aplicar filtros'")
    assert page.locator(".result-count").inner_text().startswith("1 documento")

    press_tab_until(page, "el.closest('.search-hits') !== null && el.tagName === 'A'")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + paths["documento-minuta"])
    assert page.locator("h1").inner_text() == "Minuta de la mesa de Género e inclusión"


def test_the_editor_scores_while_typing_and_confirms_a_hard_summary(browser_page, live_server, clean_search_index):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from archive.pages.models import LetterPage

    build_archive()
    letter = LetterPage.objects.get(title="Carta de intención de la Alcaldía Cuauhtémoc")
    editor = get_user_model().objects.create_superuser("editora", "editora@example.org", "clave-de-prueba")
    client = Client()
    client.force_login(editor)
    page = browser_page
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/pages/{letter.pk}/edit/")
    panel = page.locator(".plain-language")
    panel.get_by_text("de 100").first.wait_for()

    summary = page.locator("#id_summary")
    summary.fill("")
    summary.type(
        "Derivado de la implementación de los lineamientos metodológicos establecidos, se llevó a cabo la "
        "sistematización de las propuestas ciudadanas con la finalidad de coadyuvar a la identificación de "
        "problemáticas prioritarias de la administración pública local.", delay=0,
    )
    panel.get_by_text("Este resumen es muy difícil de leer").wait_for()
    text = panel.inner_text()
    assert "Legibilidad INFLESZ (Szigriszt-Pazos)" in text and "Fernández-Huerta" in text
    assert "Frases largas" in text and "coadyuvar" in text
    assert page.locator(".plain-language [role=status]").inner_text() == "Resumen: muy difícil de leer."
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(SCREENSHOTS / "editor-lenguaje-sencillo.png"))

    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.message)
        if len(dialogs) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    publish = page.locator('button[name="action-publish"]')
    if not publish.is_visible():
        page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle']").last.click()
    publish.click()
    page.wait_for_timeout(1500)
    assert len(dialogs) == 1 and "INFLESZ" in dialogs[0], dialogs
    assert "/edit/" in page.url, "refusing the confirmation keeps the editor open"
    if not publish.is_visible():
        page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target='toggle']").last.click()
    publish.click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    letter.refresh_from_db()
    assert letter.summary.startswith("Derivado de la implementación")
