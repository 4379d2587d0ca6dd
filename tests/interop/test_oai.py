"""OAI-PMH: harvested with a real client (sickle), and every error the protocol names."""

import datetime
from unittest import mock

from defusedxml import ElementTree as ET
from django.core import signing
from django.test import TestCase, override_settings
from django.utils import timezone
from sickle import oaiexceptions

from archive.identity.current import defaults
from archive.pages.models import CallPage, DocumentPage
from tests.factories import make_document, make_site

from .helpers import build_archive, harvester
from .oai_schema import schema_errors

OAI = "{http://www.openarchives.org/OAI/2.0/}"
ID_PREFIX = defaults().oai_id_prefix
DC = "{http://purl.org/dc/elements/1.1/}"
OAI_IDENTIFIER = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"


def oai_id(page):
    return ID_PREFIX + (page.reference_code or str(page.pk))


@override_settings(OAI_PMH_PAGE_SIZE=3)
class HarvestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()
        cls.public_ids = {oai_id(page) for page in cls.archive.public}

    def setUp(self):
        self.sickle = harvester()

    def test_list_records_across_tokens_gives_every_public_document_once(self):
        records = list(self.sickle.ListRecords(metadataPrefix="oai_dc"))
        live = [r for r in records if not r.deleted]
        identifiers = [r.header.identifier for r in live]
        self.assertEqual(sorted(identifiers), sorted(self.public_ids))
        self.assertEqual(len(identifiers), len(set(identifiers)), "no record twice")
        # Eleven public records and one deleted, three per answer: four answers, three tokens.
        self.assertEqual(len(self.sickle.adapter.calls), 4)
        titles = [title for r in live for title in r.metadata.get("title", [])]
        for page in [self.archive.draft, self.archive.private]:
            self.assertNotIn(page.title, titles)
            self.assertNotIn(oai_id(page), [r.header.identifier for r in records])

    def test_post_harvest_gives_the_same_records(self):
        post = harvester(http_method="POST")
        identifiers = [h.identifier for h in post.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=True)]
        self.assertEqual(sorted(identifiers), sorted(self.public_ids))

    def test_withdrawn_document_is_a_deleted_header_without_metadata(self):
        withdrawn = oai_id(self.archive.withdrawn)
        self.assertTrue(withdrawn.startswith(ID_PREFIX + "AGA-CDMX-2022-CONV-"), withdrawn)
        records = {r.header.identifier: r for r in self.sickle.ListRecords(metadataPrefix="oai_dc")}
        record = records[withdrawn]
        self.assertTrue(record.deleted)
        self.assertIsNone(record.xml.find(f"{OAI}metadata"), "a deleted record carries no metadata")
        self.assertEqual(sorted(record.header.setSpecs), ["etapa:consulta-publica", "tipo:convocatoria"])
        stamp = self.archive.withdrawn_identifier.withdrawn_at
        self.assertEqual(record.header.datestamp, stamp.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        got = self.sickle.GetRecord(identifier=withdrawn, metadataPrefix="oai_dc")
        self.assertTrue(got.deleted)

    def test_unpublished_document_turns_into_a_deleted_record(self):
        minute = self.archive.minutes[0]
        DocumentPage.objects.get(pk=minute.pk).unpublish()
        records = {r.header.identifier: r for r in self.sickle.ListRecords(metadataPrefix="oai_dc")}
        self.assertTrue(records[oai_id(minute)].deleted)
        # The private document was public only behind a password: never reported, not even as deleted.
        self.assertNotIn(oai_id(self.archive.private), records)

    def test_withdrawn_document_behind_a_restriction_is_not_announced(self):
        from wagtail.models import PageViewRestriction

        withdrawn = self.archive.withdrawn
        PageViewRestriction.objects.create(page=withdrawn, restriction_type=PageViewRestriction.LOGIN)
        identifiers = [h.identifier for h in self.sickle.ListIdentifiers(metadataPrefix="oai_dc")]
        self.assertNotIn(oai_id(withdrawn), identifiers)
        with self.assertRaises(oaiexceptions.IdDoesNotExist):
            self.sickle.GetRecord(identifier=oai_id(withdrawn), metadataPrefix="oai_dc")

    def test_deleted_page_stays_a_deleted_record(self):
        minute = self.archive.minutes[1]
        code = oai_id(minute)
        DocumentPage.objects.get(pk=minute.pk).delete()
        record = self.sickle.GetRecord(identifier=code, metadataPrefix="oai_dc")
        self.assertTrue(record.deleted)
        # The sets it was in when last published: its phase's harvesters learn of the deletion too.
        self.assertEqual(sorted(record.header.setSpecs), ["etapa:mesas-de-cocreacion", "tipo:minuta"])
        phase = {h.identifier: h for h in self.sickle.ListIdentifiers(metadataPrefix="oai_dc", set="etapa:mesas-de-cocreacion")}
        self.assertTrue(phase[code].deleted)

    def test_dublin_core_of_a_record(self):
        call = self.archive.call
        record = self.sickle.GetRecord(identifier=oai_id(call), metadataPrefix="oai_dc")
        dc = record.metadata
        self.assertEqual(dc["title"], ["Convocatoria a la consulta pública"])
        self.assertEqual(sorted(dc["creator"]), sorted([self.archive.info.name, self.archive.adip.name]))
        self.assertEqual(dc["date"], ["2022-07-05"])
        self.assertIn("Convocatoria", dc["type"])
        self.assertIn("application/pdf", dc["format"])
        self.assertIn(call.permanent_url, dc["identifier"])
        self.assertIn(call.reference_code, dc["identifier"])
        self.assertIn("Género e inclusión", dc["subject"])
        self.assertEqual(dc["language"], ["es"])
        self.assertEqual(sorted(record.header.setSpecs), ["etapa:consulta-publica", "tipo:convocatoria"])
        self.assertEqual(
            record.header.datestamp, call.last_published_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        )

    def test_partial_and_unknown_dates_stay_as_known(self):
        letter = self.sickle.GetRecord(identifier=oai_id(self.archive.letter), metadataPrefix="oai_dc")
        self.assertEqual(letter.metadata["date"], ["2020-09"])
        undated = self.sickle.GetRecord(identifier=oai_id(self.archive.undated), metadataPrefix="oai_dc")
        self.assertNotIn("date", undated.metadata)

    def test_video_record_lists_its_formats(self):
        video = self.sickle.GetRecord(identifier=oai_id(self.archive.video), metadataPrefix="oai_dc")
        self.assertIn("MovingImage", video.metadata["type"])
        self.assertIn("video/mp4", video.metadata["format"])
        self.assertIn("text/vtt", video.metadata["format"])

    def test_sets(self):
        specs = {s.setSpec: s.setName for s in self.sickle.ListSets()}
        self.assertIn("etapa:consulta-publica", specs)
        self.assertIn("etapa:mesas-de-cocreacion", specs)
        self.assertIn("tipo:minuta", specs)
        self.assertIn("etapa", specs)
        self.assertIn("tipo", specs)
        self.assertEqual(specs["etapa:consulta-publica"], "Etapa: Consulta pública")

    def test_selective_harvest_by_set(self):
        def harvest(spec):
            return {h.identifier for h in self.sickle.ListIdentifiers(metadataPrefix="oai_dc", set=spec)}

        mesas = {oai_id(p) for p in [self.archive.report, self.archive.video, *self.archive.minutes]}
        self.assertEqual(harvest("etapa:mesas-de-cocreacion"), mesas)
        self.assertEqual(harvest("tipo:minuta"), {oai_id(p) for p in self.archive.minutes})
        # The parent set holds every record of its children; the deleted one too.
        self.assertEqual(harvest("tipo"), self.public_ids | {oai_id(self.archive.withdrawn)})
        # A withdrawn document is announced to whoever harvests its phase, as to whoever harvests its kind.
        consulta = {oai_id(self.archive.call), oai_id(self.archive.withdrawn)}
        self.assertEqual(harvest("etapa:consulta-publica"), consulta)
        self.assertEqual(harvest("etapa"), mesas | consulta)

    def test_from_and_until(self):
        call = self.archive.call
        moment = timezone.now() - datetime.timedelta(days=400)
        DocumentPage.objects.filter(pk=call.pk).update(last_published_at=moment)
        day = moment.astimezone(datetime.UTC).date().isoformat()
        until_day = [h.identifier for h in self.sickle.ListIdentifiers(metadataPrefix="oai_dc", until=day)]
        self.assertEqual(until_day, [oai_id(call)])
        since = (moment + datetime.timedelta(seconds=1)).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        later = {h.identifier for h in self.sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": since})}
        self.assertNotIn(oai_id(call), later)
        self.assertEqual(len(later), len(self.public_ids))  # the ten others and the deleted record
        exact = moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        both = [
            h.identifier
            for h in self.sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": exact, "until": exact})
        ]
        self.assertEqual(both, [oai_id(call)], "from and until are inclusive")

    def test_identify(self):
        identify = self.sickle.Identify()
        self.assertEqual(identify.repositoryName, "Archivo Abierto")
        self.assertEqual(identify.baseURL, "http://localhost/oai/")
        self.assertEqual(identify.protocolVersion, "2.0")
        self.assertEqual(identify.deletedRecord, "persistent")
        self.assertEqual(identify.granularity, "YYYY-MM-DDThh:mm:ssZ")
        self.assertIn("@", identify.adminEmail)
        earliest = min(p.last_published_at for p in self.archive.public)
        self.assertLessEqual(identify.earliestDatestamp, earliest.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def test_list_metadata_formats(self):
        formats = [f.metadataPrefix for f in self.sickle.ListMetadataFormats()]
        self.assertEqual(formats, ["oai_dc"])
        formats = [f.metadataPrefix for f in self.sickle.ListMetadataFormats(identifier=oai_id(self.archive.call))]
        self.assertEqual(formats, ["oai_dc"])
        with self.assertRaises(oaiexceptions.IdDoesNotExist):
            list(self.sickle.ListMetadataFormats(identifier=oai_id(self.archive.draft)))


class ErrorTests(TestCase):
    """Each bad request answers 200 with the protocol's own <error code>, never a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def oai(self, query, method="get"):
        if isinstance(query, str):  # a raw query string, to repeat an argument
            response = self.client.get("/oai/?" + query)
        else:
            response = getattr(self.client, method)("/oai/", query)
        self.assertEqual(response.status_code, 200, query)
        self.assertEqual(response["Content-Type"], "text/xml; charset=utf-8")
        return ET.fromstring(response.content)

    def assert_error(self, query, code, echo=True):
        root = self.oai(query)
        errors = root.findall(f"{OAI}error")
        self.assertEqual([e.get("code") for e in errors], [code], query)
        self.assertTrue(errors[0].text.strip(), "the error says what went wrong")
        request = root.find(f"{OAI}request")
        self.assertEqual(request.text, "http://localhost/oai/")
        if not echo:
            self.assertEqual(request.attrib, {}, "after badVerb/badArgument only the base URL is echoed")
        return root

    def test_bad_verb(self):
        self.assert_error({}, "badVerb", echo=False)
        self.assert_error({"verb": "ListEverything"}, "badVerb", echo=False)
        self.assert_error("verb=Identify&verb=Identify", "badVerb", echo=False)

    def test_bad_argument(self):
        for query in [
            {"verb": "Identify", "extra": "1"},
            {"verb": "ListRecords"},
            {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2022-13-45"},
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "ayer"},
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2022-01-01T00:00:00"},
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2022-02-01", "until": "2022-01-01"},
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2022-01-01", "until": "2022-02-01T00:00:00Z"},
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
        ]:
            self.assert_error(query, "badArgument", echo=False)

    def test_cannot_disseminate_format(self):
        root = self.assert_error({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat")
        self.assertEqual(root.find(f"{OAI}request").get("metadataPrefix"), "marc21")
        identifier = oai_id(self.archive.call)
        self.assert_error({"verb": "GetRecord", "metadataPrefix": "mods", "identifier": identifier}, "cannotDisseminateFormat")

    def test_id_does_not_exist(self):
        for identifier in [
            "oai:archivo-abierto:AGA-CDMX-1999-MIN-999", "oai:otro:1", "nada", oai_id(self.archive.draft),
            oai_id(self.archive.private), ID_PREFIX + str(self.archive.call.pk),  # a coded page answers only by its code
        ]:
            self.assert_error({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier}, "idDoesNotExist")

    def test_bad_resumption_token(self):
        self.assert_error({"verb": "ListRecords", "resumptionToken": "no-es-un-token"}, "badResumptionToken")
        forged = signing.dumps({"verb": "ListRecords", "prefix": "oai_dc"}, salt="otra-cosa")
        self.assert_error({"verb": "ListRecords", "resumptionToken": forged}, "badResumptionToken")
        self.assert_error({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken")

    @override_settings(OAI_PMH_PAGE_SIZE=2)
    def test_token_of_another_verb_is_refused(self):
        root = self.oai({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
        token = root.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken").text
        self.assertTrue(token)
        self.assert_error({"verb": "ListRecords", "resumptionToken": token}, "badResumptionToken")
        next_page = self.oai({"verb": "ListIdentifiers", "resumptionToken": token})
        self.assertEqual(len(next_page.findall(f"{OAI}ListIdentifiers/{OAI}header")), 2)
        self.assertEqual(next_page.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken").get("cursor"), "2")

    def test_no_records_match(self):
        future = (timezone.now() + datetime.timedelta(days=30)).date().isoformat()
        self.assert_error({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": future}, "noRecordsMatch")
        self.assert_error({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "etapa:no-existe"}, "noRecordsMatch")
        self.assert_error({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1990-01-01"}, "noRecordsMatch")

    def test_post_and_head(self):
        root = self.oai({"verb": "Identify"}, method="post")
        self.assertIsNotNone(root.find(f"{OAI}Identify"))
        self.assertEqual(self.client.put("/oai/").status_code, 405)

    def test_hostile_arguments_still_give_well_formed_xml(self):
        root = self.oai({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "<x>&\"'"})
        self.assertEqual(root.find(f"{OAI}error").get("code"), "idDoesNotExist")
        # Characters XML cannot carry make an argument illegal (test_api_hostile_input has more).
        root = self.oai({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "<x>&\x01\x0b\"'"})
        self.assertEqual(root.find(f"{OAI}error").get("code"), "badArgument")


class UnsafeTextTests(TestCase):
    def test_control_characters_in_a_title_do_not_break_the_xml(self):
        from archive.pages.models import MinutesPage

        make_site()
        page = make_document(MinutesPage, "Minuta\x0b con <b>marcas</b> & \x1f control")
        root = ET.fromstring(
            self.client.get("/oai/", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(page)}).content
        )
        title = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/*/{DC}title").text
        self.assertEqual(title, "Minuta con <b>marcas</b> &  control")


@override_settings(OAI_PMH_PAGE_SIZE=4)
class SchemaTests(TestCase):
    """Every answer is valid against OAI-PMH.xsd, with oai_dc and oai-identifier inside (vendored schemas)."""

    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def valid(self, query):
        content = self.client.get("/oai/", query).content
        self.assertEqual(schema_errors(content), [], f"{query}\n{content.decode()[:3000]}")
        return ET.fromstring(content)

    def walk(self, query, verb):
        """Every page of a list, following its tokens; returns the roots."""
        roots = [self.valid(query)]
        while (token := roots[-1].find(f"{OAI}{verb}/{OAI}resumptionToken")) is not None and token.text:
            roots.append(self.valid({"verb": verb, "resumptionToken": token.text}))
        return roots

    def test_every_verb_answers_valid_xml(self):
        identify = self.valid({"verb": "Identify"})
        self.assertIsNotNone(identify.find(f"{OAI}Identify/{OAI}description/{OAI_IDENTIFIER}oai-identifier"))
        self.valid({"verb": "ListMetadataFormats"})
        self.valid({"verb": "ListMetadataFormats", "identifier": oai_id(self.archive.call)})
        self.valid({"verb": "ListSets"})
        pages = self.walk({"verb": "ListRecords", "metadataPrefix": "oai_dc"}, "ListRecords")
        self.assertEqual(len(pages), 3, "eleven live records and one deleted, four a page")
        deleted = [h for root in pages for h in root.iter(f"{OAI}header") if h.get("status") == "deleted"]
        self.assertEqual(len(deleted), 1)
        self.walk({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "etapa"}, "ListIdentifiers")
        self.valid({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(self.archive.video)})
        self.valid({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(self.archive.withdrawn)})

    def test_errors_answer_valid_xml(self):
        for query in [
            {}, {"verb": "Nada"}, {"verb": "ListRecords"}, {"verb": "ListRecords", "metadataPrefix": "marc21"},
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x.y:1"},
            {"verb": "ListRecords", "resumptionToken": "roto"},
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "etapa:no-existe"},
        ]:
            root = self.valid(query)
            self.assertIsNotNone(root.find(f"{OAI}error"), query)

    def test_the_schemas_reach_into_the_metadata(self):
        # The check is worth something only if a wrong Dublin Core element fails it.
        content = self.client.get(
            "/oai/", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(self.archive.call)}
        ).content
        broken = content.replace(b"<dc:title>", b"<dc:titulo>").replace(b"</dc:title>", b"</dc:titulo>")
        self.assertNotEqual(broken, content)
        self.assertTrue(any("titulo" in error for error in schema_errors(broken)))


class IdentifierSchemeTests(TestCase):
    def test_identify_describes_the_oai_identifier_scheme_and_a_contact(self):
        make_site()
        page = make_document(CallPage, "Convocatoria con código")
        root = ET.fromstring(self.client.get("/oai/", {"verb": "Identify"}).content)
        scheme = root.find(f"{OAI}Identify/{OAI}description/{OAI_IDENTIFIER}oai-identifier")
        repository = scheme.find(f"{OAI_IDENTIFIER}repositoryIdentifier").text
        self.assertEqual(repository, "archivo-abierto.infocdmx.org.mx")
        sample = scheme.find(f"{OAI_IDENTIFIER}sampleIdentifier").text
        # oai:<a domain name, with a dot>:<local id>, as the guidelines spell it, and so are the records'.
        pattern = r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+$,%]+"
        self.assertRegex(sample, f"^{pattern}$")
        self.assertRegex(oai_id(page), f"^{pattern}$")
        self.assertTrue(oai_id(page).startswith(f"oai:{repository}:"))
        self.assertIn("@", root.find(f"{OAI}Identify/{OAI}adminEmail").text)


@override_settings(OAI_PMH_PAGE_SIZE=2)
class TokenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def first_page(self):
        root = ET.fromstring(self.client.get("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content)
        return root.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken")

    def error_code(self, token):
        response = self.client.get("/oai/", {"verb": "ListIdentifiers", "resumptionToken": token})
        self.assertEqual(response.status_code, 200)
        error = ET.fromstring(response.content).find(f"{OAI}error")
        return error.get("code") if error is not None else None

    def test_a_token_says_when_it_expires_and_is_refused_after(self):
        token = self.first_page()
        expires = datetime.datetime.strptime(token.get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
        self.assertAlmostEqual(
            expires.replace(tzinfo=datetime.UTC), timezone.now() + datetime.timedelta(days=7),
            delta=datetime.timedelta(minutes=1),
        )
        self.assertIsNone(self.error_code(token.text))
        later = timezone.now() + datetime.timedelta(days=8)
        with mock.patch("time.time", return_value=later.timestamp()):
            self.assertEqual(self.error_code(token.text), "badResumptionToken")

    def test_tampered_and_malformed_tokens_are_bad_tokens_not_errors_of_the_server(self):
        token = self.first_page().text
        payload = signing.loads(token, salt="archive.interop.oai")
        for after in [["ayer", 0, 1], ["2024-01-01T00:00:00", 0, 1], ["2024-01-01T00:00:00+00:00", 7, 1], [], None]:
            forged = signing.dumps({**payload, "after": after}, salt="archive.interop.oai", compress=True)
            self.assertEqual(self.error_code(forged), "badResumptionToken", after)
        for broken in [token[:-3], token + "x", token.replace(":", "."), "", "x" * 5000]:
            self.assertEqual(self.error_code(broken), "badResumptionToken", broken[:40])

    def test_each_page_asks_the_database_for_a_page_and_one_more_row(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        token = self.first_page().text
        with CaptureQueriesContext(connection) as queries:
            self.assertIsNone(self.error_code(token))
        listing = [q["sql"] for q in queries if "ORDER BY" in q["sql"] and "LIMIT 3" in q["sql"]]
        self.assertEqual(len(listing), 2, "live documents and deleted codes, three rows each for pages of two")
        self.assertFalse(any("COUNT(" in q["sql"] for q in queries), "the list's size comes with the token")
