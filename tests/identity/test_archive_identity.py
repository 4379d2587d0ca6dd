"""«Identidad del archivo»: the name, code prefix, OAI-PMH identifier and contact another team changes in the admin."""

import datetime
import importlib

from defusedxml import ElementTree as ET
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from archive.identifiers.models import DEFAULT_PREFIX
from archive.identity import current
from archive.identity.models import ArchiveIdentity
from archive.pages.models import MinutesPage, ReportPage
from search.suggestions import suggest
from tests.editorial.admin import EditorialTeam, make_user
from tests.factories import make_document
from tests.interop.helpers import harvester

OAI = "{http://www.openarchives.org/OAI/2.0/}"
OAI_IDENTIFIER = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
TODAY = {
    "name": "Archivo Abierto",
    "subtitle": "Gobierno Abierto de la Ciudad de México, 2020-2023",
    "code_prefix": "AGA-CDMX",
    "oai_repository_identifier": "archivo-abierto.infocdmx.org.mx",
}


def existing_sites_migration():
    return importlib.import_module("archive.identity.migrations.0002_existing_sites")


def settings_url(site=None):
    site = site or Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["identity", "archiveidentity", site.pk])


def form_data(**changes):
    return {**TODAY, "admin_email": "archivo@example.org", **changes}


class IdentityAdminTests(EditorialTeam, TestCase):
    def setUp(self):
        self.client.force_login(self.admin)

    def save(self, **changes):
        return self.client.post(settings_url(), form_data(**changes))

    def test_defaults_are_todays_values(self):
        archive = current.defaults()
        self.assertEqual({name: getattr(archive, name) for name in TODAY}, TODAY)
        self.assertEqual(archive.admin_email, settings.OAI_PMH_ADMIN_EMAIL)
        self.assertEqual(archive.full_title, "Archivo Abierto: Gobierno Abierto de la Ciudad de México, 2020-2023")
        self.assertEqual(archive.oai_id_prefix, "oai:archivo-abierto.infocdmx.org.mx:")
        self.assertEqual(archive.file_stem, "archivo-abierto")
        self.assertEqual(existing_sites_migration().VALUES, TODAY, "the migration writes the model's defaults")
        # The test database's site got its row from the migration: the same values.
        self.assertEqual(current.for_site(), archive)
        ArchiveIdentity.objects.all().delete()
        self.assertEqual(current.for_site(), archive, "without any row, the defaults")

    def test_the_migration_gives_existing_sites_todays_values_and_administrators_the_setting(self):
        existing_sites_migration().create(apps, None)
        row = ArchiveIdentity.objects.get(site__is_default_site=True)
        self.assertEqual({name: getattr(row, name) for name in TODAY}, TODAY)
        self.assertEqual(row.admin_email, settings.OAI_PMH_ADMIN_EMAIL)
        self.assertTrue(Group.objects.get(name="Administradores").permissions.filter(
            codename="change_archiveidentity").exists())
        row.code_prefix = "OTRO"
        row.save()
        existing_sites_migration().create(apps, None)  # again: nothing already there changes
        self.assertEqual(ArchiveIdentity.objects.get().code_prefix, "OTRO")

    def test_the_form_speaks_spanish_and_says_what_changing_the_prefix_does(self):
        response = self.client.get(settings_url())
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for text in ("Identidad del archivo", "Prefijo de los códigos de referencia",
                     "solo afecta a los códigos que se asignen después",
                     "Identificador del repositorio OAI-PMH", "verán identificadores nuevos", "adminEmail"):
            self.assertIn(text, html)
        self.assertIn('value="AGA-CDMX"', html)

    def test_only_administrators_may_edit_it(self):
        existing_sites_migration().create(apps, None)  # the permission, as on a migrated site
        for user, allowed in [(self.admin, True), (self.moderator, False), (self.editor, False)]:
            self.client.force_login(user)
            response = self.client.get(settings_url())
            self.assertEqual(response.status_code == 200, allowed, user)

    def test_a_new_prefix_names_the_next_code_and_earlier_codes_still_resolve(self):
        with self.captureOnCommitCallbacks(execute=True):  # the search records, which suggestions read
            before = make_document(MinutesPage, "Minuta de antes", date=datetime.date(2022, 10, 27))
        self.assertEqual(before.reference_code, "AGA-CDMX-2022-MIN-001")

        response = self.save(code_prefix="OGP-MX2")
        self.assertRedirects(response, settings_url())
        with self.captureOnCommitCallbacks(execute=True):
            after = make_document(MinutesPage, "Minuta de después", date=datetime.date(2022, 11, 3))
        # The series goes on: the number says how many came before, whatever the prefix.
        self.assertEqual(after.reference_code, "OGP-MX2-2022-MIN-002")
        before.refresh_from_db()
        self.assertEqual(before.reference_code, "AGA-CDMX-2022-MIN-001", "a minted code never changes")

        self.client.logout()
        for page in (before, after):
            response = self.client.get(f"/id/{page.reference_code}/")
            self.assertEqual(response.status_code, 302, page.reference_code)
            self.assertEqual(response["Location"], page.url)
        # Typed in lower case, as people do.
        self.assertEqual(self.client.get(f"/id/{before.reference_code.lower()}/").status_code, 302)
        # A code of a valid shape that was never minted is still «not found».
        self.assertEqual(self.client.get("/id/OTRO-2022-MIN-001/").status_code, 404)

        # The search box offers codes by the prefix they were minted under, and by the new one.
        self.assertEqual([s["label"] for s in suggest("aga cdmx 2022 min")], [before.reference_code])
        self.assertEqual([s["label"] for s in suggest("2022-MIN")], [after.reference_code])

    def test_the_name_and_contact_reach_oai_pmh_feeds_citations_and_pages(self):
        report = make_document(ReportPage, "Informe final", date=datetime.date(2023, 6, 6))
        self.save(name="Memoria Abierta", subtitle="Gobierno Abierto de Jalisco", admin_email="datos@jalisco.example",
                  oai_repository_identifier="memoria.jalisco.example")
        self.client.logout()

        identify = harvester(self.client).Identify()
        self.assertEqual(identify.repositoryName, "Memoria Abierta")
        self.assertEqual(identify.adminEmail, "datos@jalisco.example")
        xml = ET.fromstring(self.client.get("/oai/", {"verb": "Identify"}).content)
        scheme = xml.find(f"{OAI}Identify/{OAI}description/{OAI_IDENTIFIER}oai-identifier")
        self.assertEqual(scheme.find(f"{OAI_IDENTIFIER}repositoryIdentifier").text, "memoria.jalisco.example")
        # Harvesters see identifiers under the new repository identifier, and those resolve.
        oai_id = f"oai:memoria.jalisco.example:{report.reference_code}"
        headers = [h.identifier for h in harvester(self.client).ListIdentifiers(metadataPrefix="oai_dc")]
        self.assertEqual(headers, [oai_id])
        record = harvester(self.client).GetRecord(identifier=oai_id, metadataPrefix="oai_dc")
        self.assertEqual(record.metadata["title"], ["Informe final"])

        feed = self.client.get("/feeds/documentos.atom").content.decode()
        self.assertIn("<title>Memoria Abierta: documentos nuevos</title>", feed)
        self.assertIn("Memoria Abierta", self.client.get(reverse("interop:citation", args=[report.pk, "json"])).content.decode())
        self.assertEqual(self.client.get("/catalogo.json").json()["name"], "Catálogo de Memoria Abierta")
        page = self.client.get(report.url).content.decode()
        self.assertIn("<title>Informe final · Memoria Abierta</title>", page)
        self.assertIn('<meta property="og:site_name" content="Memoria Abierta">', page)
        self.assertIn('"name": "Memoria Abierta: Gobierno Abierto de Jalisco"', page)
        self.assertIn("Memoria Abierta.", page)  # the citations shown on the page
        self.assertNotIn("Archivo Abierto", page)

    def test_invalid_values_are_refused_in_spanish(self):
        cases = [
            ("code_prefix", "aga-cdmx", "solo puede tener letras mayúsculas sin acentos"),
            ("code_prefix", "AGA_CDMX", "solo puede tener letras mayúsculas sin acentos"),
            ("code_prefix", "ÁGA", "solo puede tener letras mayúsculas sin acentos"),
            ("code_prefix", "AGA--CDMX", "ni al final ni dos seguidos"),
            ("code_prefix", "AGA-", "ni al final ni dos seguidos"),
            ("code_prefix", "2022", "debe empezar con una letra"),
            ("code_prefix", "AGA-CDMX-MEMORIA-2020", "16 caracteres"),
            ("oai_repository_identifier", "archivo-abierto", "un nombre de dominio con al menos un punto"),
            ("oai_repository_identifier", "oai:archivo.org", "un nombre de dominio con al menos un punto"),
            ("oai_repository_identifier", "archivo.1cdmx.org", "cada parte empieza con una letra"),
            ("admin_email", "archivo en example.org", "correo electrónico válida"),
            ("name", "", "Este campo es requerido"),
        ]
        for field, value, message in cases:
            with self.subTest(field=field, value=value):
                response = self.save(**{field: value})
                self.assertEqual(response.status_code, 400)
                errors = response.context["form"].errors[field]
                self.assertTrue(any(message in error for error in errors), errors)
        self.assertFalse(ArchiveIdentity.objects.exclude(code_prefix="AGA-CDMX").exists())
        self.assertEqual(current.for_site().code_prefix, DEFAULT_PREFIX)


class ReadingTests(TestCase):
    def test_read_once_per_content_generation(self):
        from tests.factories import make_site

        make_site()
        site = Site.objects.get(is_default_site=True)
        current.for_site(site.pk)
        with self.assertNumQueries(0):
            self.assertEqual(current.for_site(site.pk).name, "Archivo Abierto")
        # Saving the setting is a content change: the next read sees it at once.
        row = ArchiveIdentity.for_site(site)
        row.name = "Memoria Abierta"
        row.save()
        self.assertEqual(current.for_site(site.pk).name, "Memoria Abierta")
        # A site without its own setting reads the default site's.
        other = Site.objects.create(hostname="otro.example.org", root_page=site.root_page)
        self.assertEqual(current.for_site(other.pk).name, "Memoria Abierta")

    def test_a_superuser_sees_it_in_the_settings_menu(self):
        from tests.factories import make_site

        make_site()
        self.client.force_login(make_user("root", superuser=True))
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Identidad del archivo")
