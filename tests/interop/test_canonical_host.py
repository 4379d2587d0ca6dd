"""One host in every absolute URL the archive writes (issue 19 item 5).

A new install's Wagtail Site says «localhost» while visitors and crawlers
come through the real host; the archive's public address is
ARCHIVE_CANONICAL_URL, or the request's host where it is not set. Every
absolute URL of ours in the sitemap, the feeds, OAI-PMH, a document page
(canonical, og:url, citation_* tags, JSON-LD), the citation files, robots.txt
and the catalogue must name that one host.
"""

import re
from urllib.parse import urlsplit

from defusedxml import ElementTree as ET
from django.core.management import call_command
from django.test import TestCase, override_settings
from wagtail.models import Site

from archive.web.canonical import sync_site

from .helpers import build_archive

URL = re.compile(r"https?://[^\s\"'<>\\)}\]]+")
OAI = "{http://www.openarchives.org/OAI/2.0/}"
# Hosts a wrong address would name: the Site record's, the test client's, or the one the request came through.
WRONG = {"localhost", "testserver", "127.0.0.1", "otro.example.net"}


class HostTestsMixin:
    host = ""  # the host every URL must name
    via = ""  # the Host header requests come with

    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def get(self, path, **query):
        response = self.client.get(path, query, HTTP_HOST=self.via)
        self.assertEqual(response.status_code, 200, path)
        return b"".join(response) if response.streaming else response.content

    def oai_harvest(self):
        bodies = [self.get("/oai/", verb="Identify")]
        query = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        while True:
            bodies.append(self.get("/oai/", **query))
            token = ET.fromstring(bodies[-1]).find(f"{OAI}ListRecords/{OAI}resumptionToken")
            if token is None or not token.text:
                return b"".join(bodies)
            query = {"verb": "ListRecords", "resumptionToken": token.text}

    def sources(self):
        call = self.archive.call
        phase, actor, axis = self.archive.consulta, self.archive.info, self.archive.genero
        return {
            "sitemap": self.get("/sitemap.xml"),
            "robots.txt": self.get("/robots.txt"),
            "feed": self.get("/feeds/documentos.atom"),
            "phase feed": self.get(f"/feeds/etapa/{phase.slug}.atom"),
            "kind feed": self.get("/feeds/tipo/convocatoria.atom"),
            "actor feed": self.get(f"/feeds/actor/{actor.slug}.atom"),
            "axis feed": self.get(f"/feeds/eje/{axis.slug}.atom"),
            "OAI-PMH": self.oai_harvest(),
            "document page": self.get(call.url),
            "video page": self.get(self.archive.video.url),
            "BibTeX": self.get(f"/cita/{call.pk}.bib"),
            "RIS": self.get(f"/cita/{call.pk}.ris"),
            "CSL-JSON": self.get(f"/cita/{call.pk}.json"),
            "catalogue": self.get("/catalogo.json"),
        }

    def test_every_absolute_url_names_the_public_host(self):
        for name, body in self.sources().items():
            urls = URL.findall(body.decode())
            ours = [url for url in urls if urlsplit(url).hostname == self.host]
            wrong = [url for url in urls if urlsplit(url).hostname in WRONG - {self.host}]
            self.assertEqual(wrong, [], f"{name} names another host")
            self.assertTrue(ours, f"{name} has no absolute URL on {self.host}")


@override_settings(ARCHIVE_CANONICAL_URL="https://archivo.example.org")
class CanonicalSettingTests(HostTestsMixin, TestCase):
    host = "archivo.example.org"
    via = "otro.example.net"  # a proxy's or an alias's host must not leak into any address

    def test_document_page_links_are_https_on_the_canonical_host(self):
        html = self.get(self.archive.call.url).decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        self.assertTrue(canonical.startswith("https://archivo.example.org/"), canonical)
        og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1)
        self.assertTrue(og_url.startswith("https://archivo.example.org/"), og_url)

    def test_migrate_writes_the_canonical_host_into_the_site_record(self):
        site = Site.objects.get(is_default_site=True)
        self.assertEqual((site.hostname, site.port), ("localhost", 80))
        call_command("migrate", verbosity=0)
        site.refresh_from_db()
        self.assertEqual((site.hostname, site.port), ("archivo.example.org", 443))
        self.assertEqual(site.root_url, "https://archivo.example.org")
        self.assertFalse(sync_site(), "a second run changes nothing")

    @override_settings(ARCHIVE_CANONICAL_URL="archivo.example.org/ruta")
    def test_a_malformed_setting_is_refused_with_a_clear_message(self):
        from django.core.exceptions import ImproperlyConfigured

        with self.assertRaisesMessage(ImproperlyConfigured, "ARCHIVE_CANONICAL_URL"):
            sync_site()


@override_settings(ARCHIVE_CANONICAL_URL="")
class RequestHostTests(HostTestsMixin, TestCase):
    """No setting: the host the request came through, not the Site record's «localhost»."""

    host = "archivo.test"
    via = "archivo.test"
