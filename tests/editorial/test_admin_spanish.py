"""Editors can trust the admin: every screen they use is in Spanish (issue 14).

Wagtail 8's Spanish catalogue lacks the strings added since Wagtail 6, so the
admin showed «42 Pages», «Autosave is paused» or «Referenced 0 times» beside
Spanish. locale/es fills those gaps. These tests render the screens editors
use and fail on any text that is one of Wagtail's or Django's English
messages (or a message with its numbers and names filled in) whose Spanish is
different or missing, and on a short list of English words as a backstop.
"""

import ast
import functools
import gettext
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import django
import wagtail
from bs4 import BeautifulSoup, Comment
from django.apps import apps
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real
from wagtail.models import Page
from wagtail.users.models import UserProfile

from archive.pages.models import DocumentIndexPage, MinutesPage
from tests.factories import make_actor, make_axis, make_document, make_file, make_phase, make_site

from .admin import make_user, post_edit

LOCALE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"

# What people read or hear besides the text itself.
READ_ATTRIBUTES = ("title", "aria-label", "aria-description", "placeholder", "alt", "data-w-tooltip-content-value")
# Code shown as code (the importer names its manifest's columns, «slug» among them).
LITERAL_ELEMENTS = ("code", "kbd", "samp", "pre")
# Words that must never reach an editor, whatever catalogue they come from.
BACKSTOP = re.compile(
    r"\b(Pages|Search|Autosave|Referenced|Date updated|Privacy|View latest version|Go to the first error|"
    r"Keyboard shortcuts|Sort by|More options|Exploring|Saved|Locking|Actions|Filter by|Usage count|Checks|"
    r"Edited by|Page type|editor guide|Marquilla|domain\.com)\b"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Script data also holds names no one reads: block types, icons, addresses,
# and random tokens (a CSRF token once began «at6…» and matched «at %(time)s»).
IDENTIFIER = re.compile(r"[a-z0-9]+|\S*[_.\-/#:]\S*|[A-Za-z0-9]*[0-9][A-Za-z0-9]*")


# --- The catalogues ----------------------------------------------------------


def parse_po(text):
    """A .po file's entries as dicts: msgctxt, msgid, msgid_plural, msgstr (a list of forms), fuzzy.

    Entries are separated by blank lines, as every gettext tool writes them;
    obsolete ones (#~) are comments and drop out."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", text):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": [], "fuzzy": False}
        field = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#"):
                entry["fuzzy"] |= line.startswith("#,") and "fuzzy" in line
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[\d+\])?\s+(\".*\")$", line)
            if match:
                field, value = match.group(1), ast.literal_eval(match.group(2))
                if field == "msgstr":
                    entry["msgstr"].append(value)
                else:
                    entry[field] = value
            elif line.startswith('"') and field:
                if field == "msgstr":
                    entry["msgstr"][-1] += ast.literal_eval(line)
                else:
                    entry[field] += ast.literal_eval(line)
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


def compiled_form(entries):
    """The catalogue msgfmt makes of these entries, keyed as Python's gettext keys it."""
    catalogue = {}
    for entry in entries:
        if entry["fuzzy"] or not any(entry["msgstr"]):
            continue
        key = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"] is None:
            catalogue[key] = entry["msgstr"][0]
        else:
            for index, form in enumerate(entry["msgstr"]):
                catalogue[(key, index)] = form
    return catalogue


def english_catalogues():
    """Wagtail's and Django's English .po files (the msgids the admin can show)."""
    for root in (Path(wagtail.__file__).parent, Path(django.__file__).parent, Path(apps.get_app_config("taggit").path)):
        yield from sorted(root.glob("**/locale/en/LC_MESSAGES/django.po"))


def spanish_forms(catalogue, entry):
    key = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
    if entry["msgid_plural"] is None:
        return [catalogue[key]] if key in catalogue else []
    return [catalogue[(key, index)] for index in range(3) if (key, index) in catalogue]


def shown(message):
    """A message as its text reads on the page: markup dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", message).split())


def template_regex(message):
    """A message with placeholders as wildcards, matching it once filled in («42 Pages», «Referenced 0 times»)."""
    pieces = []
    for index, part in enumerate(PLACEHOLDER.split(shown(message))):
        if index:
            pieces.append(".+?")
        pieces.append(r"\s*".join(re.escape(word) for word in part.split(" ")))
    return re.compile("".join(pieces))


@functools.cache
def english_index():
    """(exact, patterns): English texts that must not be shown, with the message each comes from.

    A text is allowed when its own Spanish is the same («No», «Video»). Patterns
    are the messages with placeholders; each is filed under its longest word so
    a text is tried only against the messages that share a word with it."""
    with translation.override("es"):
        catalogue = trans_real.translation("es")._catalog
    exact, same, patterns = {}, set(), {}
    for path in english_catalogues():
        for entry in parse_po(path.read_text(encoding="utf-8")):
            if not entry["msgid"]:
                continue
            spanish = spanish_forms(catalogue, entry)
            for english in filter(None, (entry["msgid"], entry["msgid_plural"])):
                if english in spanish:
                    same.add(shown(english))
                if not PLACEHOLDER.search(english):
                    exact.setdefault(shown(english), english)
                    continue
                words = re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", shown(english)))
                if not words:
                    continue
                anchor = max(words, key=len).lower()
                spanish_regexes = [template_regex(form) for form in spanish]
                patterns.setdefault(anchor, []).append((template_regex(english), spanish_regexes, english))
    for text in same:
        exact.pop(text, None)
    return exact, patterns


# --- What a person reads on a page ---------------------------------------------


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _from_json(value):
    """Labels, help texts and messages that Wagtail's scripts put on the screen later."""
    for text in _json_strings(value):
        if "<" in text and ">" in text:
            yield from readable(text)
        elif text.strip() and not IDENTIFIER.fullmatch(text):
            yield "json", " ".join(text.split())


def readable(html):
    """(kind, text) for each thing a person reads or hears: text, element text, attributes, script data."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.select('script[type="application/json"]'):
        yield from _from_json(json.loads(script.string or "null"))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if isinstance(value, str) and name.startswith("data-") and value[:1] in "{[":
                try:
                    yield from _from_json(json.loads(value))
                except ValueError:
                    pass
    for element in soup(["script", "style", *LITERAL_ELEMENTS]):
        element.decompose()
    # A counter Wagtail leaves hidden and fills with a number by script; until
    # then it prints Python's None, which is no message.
    for element in soup.select("[data-side-panel-toggle-counter]"):
        element.clear()
    for node in soup.find_all(string=True):
        if not isinstance(node, Comment) and node.strip():
            yield "text", " ".join(node.split())
    for element in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            if element.get(name):
                yield name, " ".join(element[name].split())
        if element.name == "input" and element.get("type") in ("submit", "button", "reset") and element.get("value"):
            yield "button", " ".join(element["value"].split())
        text = " ".join(element.get_text().split())
        if 0 < len(text) <= 200:
            yield "element", text


def english_on(html):
    """The English an editor would meet on this page: (kind, text, message) triples."""
    exact, patterns = english_index()
    found = {}
    for kind, text in readable(html):
        if text in exact:
            found.setdefault(text, (kind, text, exact[text]))
            continue
        for word in set(re.findall(r"[a-z]{2,}", text.lower())):
            for english, spanish, message in patterns.get(word, ()):
                if english.fullmatch(text) and not any(form.fullmatch(text) for form in spanish):
                    found.setdefault(text, (kind, text, message))
        if kind != "element" and BACKSTOP.search(text):
            found.setdefault(text, (kind, text, BACKSTOP.search(text).group()))
    return sorted(found.values())


def describe(found):
    return "\n".join(f"  {kind}: «{text[:120]}»  (message: {message[:80]!r})" for kind, text, message in found)


# --- The screens ----------------------------------------------------------------


class AdminInSpanishTests(TestCase):
    """A superuser's dashboard, explorer, editor and its choosers, search, files, import and account, with a few documents."""

    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.admin = make_user("ada", superuser=True)
        cls.listing = DocumentIndexPage.objects.get(kind=MinutesPage.kind_slug)
        cls.file = make_file("minuta-nucleo-promotor.pdf", title="Minuta del Núcleo Promotor")
        cls.page = make_document(
            MinutesPage, "Sesión del Núcleo Promotor (3 de marzo de 2021)", attachments=[cls.file],
            phase=make_phase(), axes=[make_axis()], actors=[make_actor()],
        )
        # The dashboard's panels show only what this editor has done: a draft,
        # a locked page and a page in review.
        cls.page.get_latest_revision_as_object().save_revision(user=cls.admin)
        locked = make_document(MinutesPage, "Mesa de cocreación de Género e inclusión: primera sesión")
        Page.objects.filter(pk=locked.pk).update(locked=True, locked_by=cls.admin, locked_at=timezone.now())
        in_review = make_document(MinutesPage, "Sesión de instalación del Grupo Asesor", live=False)
        in_review.get_workflow().start(in_review, cls.admin)

    def setUp(self):
        self.client.force_login(self.admin)

    def assertSpanish(self, response, screen, status=200):
        self.assertEqual(response.status_code, status, screen)
        html = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            html = json.loads(html)["html"]  # a chooser's modal
        found = english_on(html)
        self.assertFalse(found, f"{screen} shows English:\n{describe(found)}")
        return html

    def test_dashboard(self):
        html = self.assertSpanish(self.client.get(reverse("wagtailadmin_home")), "the dashboard")
        self.assertIn("Buscar en todas las páginas…", html)
        self.assertIn("Privacidad y acceso", html)

    def test_explorer_of_a_listing(self):
        html = self.assertSpanish(self.client.get(reverse("wagtailadmin_explore", args=[self.listing.pk])),
                                  "the explorer of «Minutas»")
        self.assertIn("Fecha de actualización", html)

    def test_editor_of_a_document(self):
        html = self.assertSpanish(self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])),
                                  "the editor of a minute")
        self.assertIn("Ver la versión más reciente", html)

    def test_editor_of_a_new_document(self):
        url = reverse("wagtailadmin_pages:add", args=["pages", "minutespage", self.listing.pk])
        self.assertSpanish(self.client.get(url), "the editor of a new minute")

    def test_editor_with_errors(self):
        response = post_edit(self.client, self.page, title="")
        html = self.assertSpanish(response, "the editor after a save with errors", status=400)
        self.assertIn("Ir al primer error", html)

    def test_the_address_field_says_what_it_is_with_this_sites_example(self):
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk])).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        label = " ".join(soup.select_one("label[for=id_slug]").get_text().split())
        self.assertTrue(label.startswith("Dirección"), label)
        help_text = " ".join(soup.select_one("[id$=-slug-helptext]").get_text().split())
        self.assertIn("/minutas/sesion-del-nucleo-promotor-3-de-marzo-de-2021/", help_text)
        self.assertNotIn("Marquilla", html)
        self.assertNotIn("domain.com", html)

    def test_search(self):
        # Wagtail's admin search on PostgreSQL does not fold accents: a word without any.
        url = reverse("wagtailadmin_pages:search") + "?q=promotor"
        html = self.assertSpanish(self.client.get(url), "the admin search")
        self.assertIn("Sesión del Núcleo Promotor", html)

    def test_choosers_of_the_editor(self):
        """The modals the editor opens to pick a related document, a file, a phase."""
        for url, screen in [
            (reverse("wagtailadmin_choose_page") + "?page_type=pages.documentpage", "the page chooser"),
            (reverse("wagtaildocs_chooser:choose"), "the file chooser"),
            (reverse("wagtailsnippetchoosers_taxonomy_phase:choose"), "the phase chooser"),
        ]:
            with self.subTest(screen):
                self.assertSpanish(self.client.get(url), screen)

    def test_files(self):
        self.assertSpanish(self.client.get(reverse("wagtaildocs:index")), "the files listing")

    def test_import(self):
        self.assertSpanish(self.client.get(reverse("importer_import")), "the import screen")

    def test_account(self):
        html = self.assertSpanish(self.client.get(reverse("wagtailadmin_account")), "the account settings")
        # Our own labels and help are in Spanish only: an English admin would be half English.
        self.assertNotIn("English", html)

    def test_mexican_spanish_reads_the_same(self):
        """A profile set to es-MX falls back to «es» for every catalogue (Django's es_MX is partial)."""
        profile = UserProfile.get_for_user(self.admin)
        profile.preferred_language = "es-mx"
        profile.save()
        for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[self.page.pk])):
            html = self.assertSpanish(self.client.get(url), f"{url} in es-MX")
            self.assertIn('lang="es-mx"', html)
        with translation.override("es-mx"):
            self.assertEqual(translation.gettext("Search all pages…"), "Buscar en todas las páginas…")
            self.assertEqual(translation.gettext("slug"), "dirección")
            # Django's own es_MX has this one, in its Mexican wording.
            self.assertEqual(translation.gettext("This field is required."), "Este campo es requerido.")

    def test_script_messages(self):
        """What Wagtail's scripts say (autosave, minimap, toolbar) comes from /admin/jsi18n/: all of it in Spanish."""
        body = self.client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
        catalogue, _ = json.JSONDecoder().raw_decode(body, body.index("const newcatalog = ") + len("const newcatalog = "))
        english = parse_po((Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/djangojs.po").read_text())
        missing = [entry["msgid"] for entry in english if entry["msgid"] and entry["msgid"] not in catalogue]
        self.assertEqual(missing, [], "add them to locale/es/LC_MESSAGES/djangojs.po")


# --- The catalogues themselves --------------------------------------------------


class CatalogueTests(TestCase):
    def test_every_string_of_the_installed_apps_has_spanish(self):
        """A Wagtail upgrade that brings new strings fails here until locale/es has them."""
        with translation.override("es"):
            catalogue = trans_real.translation("es")._catalog
        missing = []
        for app in apps.get_app_configs():
            path = Path(app.path) / "locale/en/LC_MESSAGES/django.po"
            if not path.exists():
                continue
            for entry in parse_po(path.read_text(encoding="utf-8")):
                if entry["msgid"] and not spanish_forms(catalogue, entry):
                    missing.append(f"{app.name}: {entry['msgid']!r}")
        self.assertEqual(missing, [], "add them to locale/es/LC_MESSAGES/django.po")

    def test_the_compiled_catalogues_match_their_sources(self):
        """The .mo files are committed (no gettext needed to run the site): each must be compiled from its .po."""
        for domain in ("django", "djangojs"):
            with self.subTest(domain=domain):
                source = compiled_form(parse_po((LOCALE / f"{domain}.po").read_text(encoding="utf-8")))
                with open(LOCALE / f"{domain}.mo", "rb") as compiled:
                    self.assertEqual(gettext.GNUTranslations(compiled)._catalog, source,
                                     f"recompile: msgfmt --check -o locale/es/LC_MESSAGES/{domain}.mo "
                                     f"locale/es/LC_MESSAGES/{domain}.po")

    def test_the_sources_pass_msgfmt_check(self):
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            self.skipTest("gettext's msgfmt is not installed")
        with tempfile.TemporaryDirectory() as tmp:
            for domain in ("django", "djangojs"):
                result = subprocess.run(  # noqa: S603 - gettext's msgfmt on our own files
                    [msgfmt, "--check", "-o", f"{tmp}/{domain}.mo", str(LOCALE / f"{domain}.po")],
                    capture_output=True, text=True, check=False,
                )
                self.assertEqual(result.returncode, 0, result.stderr)
                with open(f"{tmp}/{domain}.mo", "rb") as fresh, open(LOCALE / f"{domain}.mo", "rb") as committed:
                    self.assertEqual(gettext.GNUTranslations(fresh)._catalog,
                                     gettext.GNUTranslations(committed)._catalog)

    def test_overridden_wagtail_templates_differ_only_by_their_translation(self):
        """templates/wagtailadmin/ keeps three of Wagtail's templates with an English literal translated; after a
        Wagtail upgrade they must be copied again, or they would hide Wagtail's changes."""
        ours = Path(settings.BASE_DIR) / "templates/wagtailadmin"
        theirs = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin"
        for name, translated in [
            ("home.html", [('value="Search"', "value=\"{% translate 'Search' %}\"")]),
            ("shared/header.html", [('value="Search"', "value=\"{% translate 'Search' %}\"")]),
            ("shared/headers/_actions.html", [("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
                                              ('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\"")]),
        ]:
            with self.subTest(name):
                first_line, rest = (ours / name).read_text().split("\n", 1)
                self.assertTrue(first_line.startswith("{#"), first_line)
                expected = (theirs / name).read_text()
                for english, spanish in translated:
                    expected = expected.replace(english, spanish)
                self.assertEqual(rest, expected)
