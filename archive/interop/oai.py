"""OAI-PMH 2.0 data provider at /oai/, with Dublin Core (oai_dc).

A small server of our own (xml.etree, no dependency) because the protocol
is small and the archive's rules are specific:

* Records are the live, public documents; their datestamp is when they were
  last published, at the granularity of seconds.
* Identifiers are ``oai:<repository identifier>:<reference code>`` (the
  permanent code of archive/identifiers), or the page id for a page that has
  no code. The repository identifier, name and contact are the site's
  setting (archive/identity); Identify declares the identifier scheme.
* Deleted records (deletedRecord "persistent"): every code whose document is
  no longer public, withdrawn or otherwise, answers with a deleted header,
  forever, so a harvester can drop its copy. A deleted header carries only
  the code, the date and the sets the document was in when last published
  (kept with its code), never the draft state of the page: whoever harvests
  one phase learns of the deletion too.
* Sets: ``etapa`` and ``tipo``, with one child per phase (``etapa:<slug>``)
  and per kind (``tipo:<slug>``). Every record is in its kind's set and, if
  it has one, its phase's set; a parent set holds the records of its children.
* Resumption tokens are signed and stateless: they hold the request's
  arguments and the (datestamp, source, id) of the last record sent, so the
  next page starts strictly after it whatever was published in between.
  They expire after OAI_PMH_TOKEN_DAYS (7); a bad or expired one answers
  badResumptionToken.
"""

import dataclasses
import datetime
import re
import xml.etree.ElementTree as ET

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import DateTimeField, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from archive.identity import current as identity
from archive.pages.models import DOCUMENT_KINDS, KINDS_BY_SLUG, ActorRole, DocumentPage
from archive.pages.visibility import public
from archive.taxonomy.models import Phase
from archive.web.canonical import absolute
from archive.web.numbers import whole_number

from .public import (
    XML_INVALID,
    kind_files_for,
    page_files,
    permanent_url,
    with_metadata,
    xml_text,
)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("xsi", XSI_NS)
ET.register_namespace("oai-identifier", OAI_IDENTIFIER_NS)

METADATA_FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS),
}
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_SALT = "archive.interop.oai"  # noqa: S105 - separates our signatures from others', not a secret
DEFAULT_PAGE_SIZE = 100
DEFAULT_TOKEN_DAYS = 7
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
LIST_ARGUMENTS = {"required": {"metadataPrefix"}, "optional": {"from", "until", "set"}, "exclusive": "resumptionToken"}
VERBS = {
    "Identify": {},
    "ListMetadataFormats": {"optional": {"identifier"}},
    "ListSets": {"exclusive": "resumptionToken"},
    "ListIdentifiers": LIST_ARGUMENTS,
    "ListRecords": LIST_ARGUMENTS,
    "GetRecord": {"required": {"identifier", "metadataPrefix"}},
}


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclasses.dataclass(frozen=True)
class Entry:
    """One record as listed: enough to filter, sort and page without loading pages."""

    local_id: str
    datestamp: datetime.datetime  # as stored; published at the granularity of seconds
    sets: tuple
    page_id: int | None = None
    deleted: bool = False
    row_id: int = 0  # the page's id (live) or the code's (deleted)

    @property
    def key(self):
        """The list order, and the resumption point a token holds."""
        return (self.datestamp, DELETED if self.deleted else LIVE, self.row_id)


def oai_ns(tag):
    # OAI elements stay unqualified and the root declares OAI_NS as the
    # default namespace itself: ElementTree's default_namespace option
    # refuses unqualified attributes, which the protocol is full of.
    return tag


def stamp(value):
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_second(value):
    return value.astimezone(datetime.UTC).replace(microsecond=0)


def identifiers_model():
    """archive/identifiers' Identifier, or None where that app is not installed."""
    if apps.is_installed("archive.identifiers"):
        return apps.get_model("identifiers", "Identifier")
    return None


def page_size():
    return getattr(settings, "OAI_PMH_PAGE_SIZE", DEFAULT_PAGE_SIZE)


# -- sets --------------------------------------------------------------------


def all_sets():
    """(spec, name, description) of every set, parents before their children."""
    sets = [("etapa", "Etapas del proceso", "Documentos con una etapa del proceso asignada.")]
    sets += [(f"etapa:{phase.slug}", f"Etapa: {phase.name}", phase.description) for phase in Phase.objects.all()]
    sets.append(("tipo", "Tipos de documento", "Todos los documentos, por tipo."))
    sets += [(f"tipo:{kind.kind_slug}", f"Tipo: {kind.kind_plural}", "") for kind in DOCUMENT_KINDS]
    return sets


# -- the list of records -------------------------------------------------------
#
# A list request reads one page: the filters (set, from, until) and the
# resumption point are conditions of the SQL query, which returns at most a
# page and one more row from each source (live documents, deleted codes), in
# the order (datestamp, source, id). Live documents are read through an index
# on their datestamp (pages migration 0008), so the thousandth page costs what
# the first does (benchmarks/oai_bench.py).

LIVE, DELETED = 0, 1


def _kind_slug(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return getattr(model, "kind_slug", "")


def _sets_for(kind_slug, phase_slug=""):
    sets = []
    if phase_slug:
        sets.append(f"etapa:{phase_slug}")
    if kind_slug in KINDS_BY_SLUG:
        sets.append(f"tipo:{kind_slug}")
    return tuple(sets)


def page_sets(page):
    """The sets of a document as it is now: archive/identifiers keeps them with its code at each publication."""
    phase = page.phase if page.phase_id else None
    return _sets_for(getattr(page, "kind_slug", ""), phase.slug if phase else "")


def live_datestamp():
    # Wagtail sets last_published_at at every publication; the other two
    # cover rows written by hand. The same expression as the index.
    return Coalesce("last_published_at", "first_published_at", "latest_revision_created_at")


def live_queryset():
    return DocumentPage.objects.visible().annotate(stamp=live_datestamp()).filter(stamp__isnull=False)


def deleted_queryset():
    """Codes once public whose document is not public now.

    That is: every unpublished document, withdrawn or not, that no view
    restriction covers (so it was public while live), and every withdrawn
    code whose page was deleted (archive/identifiers withdraws only public
    documents on deletion). A document behind a restriction is never
    reported, as archive/identifiers never announces its withdrawal: a
    deleted header would reveal that it exists.

    Its datestamp is the withdrawal; for a document unpublished without one,
    the latest thing that happened to the page (its unpublication, as a
    rule), as near as Wagtail's log tells.
    """
    Identifier = identifiers_model()
    if Identifier is None:
        return None
    unpublished = public(DocumentPage.objects.filter(live=False)).values("pk")
    last_logged = Subquery(
        PageLogEntry.objects.filter(page_id=OuterRef("page_id")).order_by("-timestamp").values("timestamp")[:1],
        output_field=DateTimeField(),
    )
    # Greatest is NULL on SQLite when any argument is: each falls back to the code's own date.
    stamp = Coalesce(
        "withdrawn_at",
        Greatest(
            Coalesce(last_logged, "assigned_at"),
            Coalesce("page__last_published_at", "assigned_at"),
            "assigned_at",
        ),
    )
    return Identifier.objects.filter(
        Q(page__isnull=True, withdrawn_at__isnull=False) | Q(page__in=unpublished)
    ).annotate(stamp=stamp)


def filter_live(pages, spec):
    """Live documents in set ``spec`` (a record of a child set is in its parent too).

    The set's column is compared as an expression (column + 0), which no
    index serves: the database then walks the datestamp index and skips what
    is not in the set, a cost that follows the page and the set's share of
    the archive, instead of sorting the whole set at every page.
    """
    if not spec:
        return pages
    if spec == "etapa":
        return pages.filter(phase__isnull=False)
    if spec.startswith("etapa:"):
        phase_id = Phase.objects.filter(slug=spec.removeprefix("etapa:")).values_list("pk", flat=True).first()
        if phase_id is None:
            return pages.none()
        return pages.alias(set_key=F("phase_id") + 0).filter(set_key=phase_id)
    if spec == "tipo":
        kinds = DOCUMENT_KINDS
    else:
        kind = KINDS_BY_SLUG.get(spec.removeprefix("tipo:")) if spec.startswith("tipo:") else None
        if kind is None:
            return pages.none()
        kinds = [kind]
    content_types = [ContentType.objects.get_for_model(kind).pk for kind in kinds]
    return pages.alias(set_key=F("content_type_id") + 0).filter(set_key__in=content_types)


def filter_deleted(codes, spec):
    if not spec:
        return codes
    return codes.filter(Q(set_specs__contains=f" {spec} ") | Q(set_specs__contains=f" {spec}:"))


def after_condition(after, source):
    """Rows of ``source`` strictly after the resumption point ``after`` = (datestamp, source, id)."""
    if after is None:
        return Q()
    stamp, after_source, row_id = after
    if source > after_source:
        return Q(stamp__gte=stamp)
    if source < after_source:
        return Q(stamp__gt=stamp)
    # One range and a filter, not an OR: SQLite answers «stamp > x OR (stamp = x AND id > y)» by
    # collecting every row after x before sorting, a cost that grows with what remains to harvest.
    return Q(stamp__gte=stamp) & ~Q(stamp=stamp, pk__lte=row_id)


def live_entries(pages, limit=None):
    """Entries of live documents, in (datestamp, id) order; ``pages`` comes from live_queryset()."""
    rows = pages.order_by("stamp", "pk").values_list("pk", "stamp", "phase__slug", "content_type_id")
    if limit is not None:
        rows = rows[:limit]
    rows = list(rows)
    Identifier = identifiers_model()
    codes = {}
    if Identifier is not None and rows:
        codes = dict(Identifier.objects.filter(page_id__in=[row[0] for row in rows]).values_list("page_id", "code"))
    return [
        Entry(
            local_id=codes.get(pk) or str(pk),
            datestamp=when,
            sets=_sets_for(_kind_slug(content_type_id), phase_slug or ""),
            page_id=pk,
            row_id=pk,
        )
        for pk, when, phase_slug, content_type_id in rows
    ]


def deleted_entries(codes, limit=None):
    """Entries of deleted records, in (datestamp, id) order; ``codes`` comes from deleted_queryset()."""
    kinds_by_code = {kind.kind_code: kind.kind_slug for kind in DOCUMENT_KINDS}
    rows = codes.order_by("stamp", "pk").values_list("pk", "code", "stamp", "set_specs", "kind_part", "page_id")
    if limit is not None:
        rows = rows[:limit]
    entries = []
    for pk, code, when, set_specs, kind_part, page_id in rows:
        # Codes from before the sets were kept know their kind from the code itself.
        sets = tuple(set_specs.split()) or _sets_for(kinds_by_code.get(kind_part, ""))
        entries.append(Entry(local_id=code, datestamp=when, sets=sets, page_id=page_id, deleted=True, row_id=pk))
    return entries


def find_entry(identifier, id_prefix):
    """The Entry of an OAI identifier, or None. Only the canonical form resolves:
    a page that has a code is not also reachable by its page id."""
    local_id = identifier[len(id_prefix) :] if identifier.startswith(id_prefix) else ""
    if not local_id:
        return None
    Identifier = identifiers_model()
    if Identifier is not None:
        record = Identifier.objects.filter(code=local_id).first()
        if record is not None:
            live = live_entries(live_queryset().filter(pk=record.page_id)) if record.page_id else []
            if live:
                return live[0]
            codes = deleted_queryset()
            deleted = deleted_entries(codes.filter(pk=record.pk)) if codes is not None else []
            return deleted[0] if deleted else None
    # Read as the rest of the archive reads ids: a longer number would make SQLite fail, not miss.
    page_id = whole_number(local_id)
    if page_id is not None:
        live = live_entries(live_queryset().filter(pk=page_id))
        if live and live[0].local_id == local_id:
            return live[0]
    return None


# -- argument checks -------------------------------------------------------------


def single_arguments(query):
    arguments = {}
    for name in query:
        values = query.getlist(name)
        # The answer echoes arguments in XML, which cannot carry these characters, and PostgreSQL
        # cannot even compare a NUL. Here, not in archive/web/control_characters.py, so that a
        # harvester gets the protocol's error, for a GET as for a POST.
        if XML_INVALID.search(name) or any(XML_INVALID.search(value) for value in values):
            named = "" if XML_INVALID.search(name) else f" «{name}»"
            raise OAIError("badArgument", f"El argumento{named} lleva caracteres que no se admiten, como los de control.")
        if len(values) > 1:
            if name == "verb":
                raise OAIError("badVerb", "El argumento verb aparece más de una vez.")
            raise OAIError("badArgument", f"El argumento «{name}» aparece más de una vez.")
        arguments[name] = values[0]
    return arguments


def check_arguments(arguments):
    verb = arguments.get("verb")
    if verb is None:
        raise OAIError("badVerb", "Falta el argumento verb.")
    if verb not in VERBS:
        raise OAIError("badVerb", f"«{verb}» no es un verbo de OAI-PMH.")
    rules = VERBS[verb]
    given = set(arguments) - {"verb"}
    exclusive = rules.get("exclusive")
    if exclusive and exclusive in given:
        if given != {exclusive}:
            raise OAIError("badArgument", f"«{exclusive}» no puede ir acompañado de otros argumentos.")
        return verb
    allowed = rules.get("required", set()) | rules.get("optional", set())
    unknown = given - allowed
    if unknown:
        raise OAIError("badArgument", f"Argumento no válido para {verb}: {', '.join(sorted(unknown))}.")
    missing = rules.get("required", set()) - given
    if missing:
        raise OAIError("badArgument", f"Falta un argumento obligatorio de {verb}: {', '.join(sorted(missing))}.")
    return verb


def parse_datestamp(value, end_of_day=False):
    """(UTC datetime, granularity) of a from/until argument."""
    try:
        if DAY.fullmatch(value):
            day = datetime.date.fromisoformat(value)
            moment = datetime.time(23, 59, 59) if end_of_day else datetime.time(0, 0, 0)
            return datetime.datetime.combine(day, moment, tzinfo=datetime.UTC), "day"
        if SECOND.fullmatch(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            return moment, "second"
    except ValueError:
        pass
    raise OAIError("badArgument", f"«{value}» no es una fecha válida: usa AAAA-MM-DD o AAAA-MM-DDThh:mm:ssZ.")


def check_metadata_prefix(prefix):
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"El formato «{prefix}» no está disponible; usa oai_dc.")


# -- the response ----------------------------------------------------------------


class Response:
    def __init__(self, request, arguments, echo_arguments=True):
        self.root = ET.Element(
            oai_ns("OAI-PMH"),
            {"xmlns": OAI_NS, f"{{{XSI_NS}}}schemaLocation": f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"},
        )
        ET.SubElement(self.root, oai_ns("responseDate")).text = stamp(timezone.now())
        # After badVerb or badArgument the request element names only the base URL.
        attributes = {k: xml_text(v) for k, v in arguments.items()} if echo_arguments else {}
        ET.SubElement(self.root, oai_ns("request"), attributes).text = base_url(request)
        self.identity = identity.for_request(request)
        self.id_prefix = self.identity.oai_id_prefix

    def element(self, tag):
        return ET.SubElement(self.root, oai_ns(tag))

    def error(self, code, message):
        ET.SubElement(self.root, oai_ns("error"), {"code": code}).text = xml_text(message)

    def serialize(self):
        return ET.tostring(self.root, encoding="utf-8", xml_declaration=True)


def base_url(request):
    return absolute(reverse("interop:oai"), request)


def add_text(parent, tag, text):
    text = xml_text(text).strip()
    if text:
        ET.SubElement(parent, tag).text = text


def add_header(parent, entry, id_prefix):
    header = ET.SubElement(parent, oai_ns("header"), {"status": "deleted"} if entry.deleted else {})
    ET.SubElement(header, oai_ns("identifier")).text = id_prefix + entry.local_id
    ET.SubElement(header, oai_ns("datestamp")).text = stamp(entry.datestamp)
    for spec in entry.sets:
        ET.SubElement(header, oai_ns("setSpec")).text = spec


def dc_element(tag):
    return f"{{{DC_NS}}}{tag}"


def add_oai_dc(parent, page, kind_files=None):
    dc = ET.SubElement(
        parent,
        f"{{{OAI_DC_NS}}}dc",
        {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {METADATA_FORMATS['oai_dc'][0]}"},
    )
    add_text(dc, dc_element("title"), page.title)
    links = list(page.actor_links.all())
    for link in links:
        if link.role == ActorRole.AUTHOR:
            add_text(dc, dc_element("creator"), link.actor.name)
    for link in links:
        if link.role in {ActorRole.PARTICIPANT, ActorRole.SIGNATORY}:
            add_text(dc, dc_element("contributor"), link.actor.name)
    for term in [*page.axes.all(), *page.elements.all()]:
        add_text(dc, dc_element("subject"), term.name)
    for tag in page.tags.all():
        add_text(dc, dc_element("subject"), tag.name)
    add_text(dc, dc_element("description"), page.summary)
    if page.date_iso:
        add_text(dc, dc_element("date"), page.date_iso)
    add_text(dc, dc_element("type"), page.dcmi_type)
    add_text(dc, dc_element("type"), page.kind_label)
    formats = []
    for _label, document in page_files(page, kind_files):
        fmt = document.file_format
        if fmt and fmt.mime not in formats:
            formats.append(fmt.mime)
    for mime in formats:
        add_text(dc, dc_element("format"), mime)
    add_text(dc, dc_element("identifier"), permanent_url(page))
    code = getattr(page, "reference_code", "")
    if isinstance(code, str):
        add_text(dc, dc_element("identifier"), code)
    add_text(dc, dc_element("source"), page.source_url)
    if page.language != "other":
        add_text(dc, dc_element("language"), page.language)
    if page.phase_id:
        add_text(dc, dc_element("coverage"), f"Etapa: {page.phase.name}")
    add_text(dc, dc_element("rights"), page.get_licence_display())


def add_records(parent, entries, with_metadata_format, id_prefix):
    """Headers (ListIdentifiers) or full records (ListRecords, GetRecord) of these entries."""
    pages = {}
    kind_files = {}
    if with_metadata_format:
        live_ids = [entry.page_id for entry in entries if not entry.deleted]
        loaded = list(with_metadata(DocumentPage.objects.visible().filter(pk__in=live_ids)))
        pages = {page.pk: page for page in loaded}
        kind_files = kind_files_for(loaded)
    for entry in entries:
        if not with_metadata_format:
            add_header(parent, entry, id_prefix)
            continue
        page = pages.get(entry.page_id)
        if not entry.deleted and page is None:
            continue  # unpublished between listing and loading: it will show as deleted next time
        record = ET.SubElement(parent, oai_ns("record"))
        add_header(record, entry, id_prefix)
        if not entry.deleted:
            add_oai_dc(ET.SubElement(record, oai_ns("metadata")), page, kind_files)


# -- verbs ------------------------------------------------------------------------


def identify(response, request, arguments):
    # Two minimums, the live one read from the datestamp index.
    candidates = [live_queryset().aggregate(first=Min("stamp"))["first"]]
    codes = deleted_queryset()
    if codes is not None:
        candidates.append(codes.aggregate(first=Min("stamp"))["first"])
    earliest = min((c for c in candidates if c is not None), default=None) or timezone.now()
    node = response.element("Identify")
    add_text(node, oai_ns("repositoryName"), response.identity.name)
    add_text(node, oai_ns("baseURL"), base_url(request))
    add_text(node, oai_ns("protocolVersion"), "2.0")
    add_text(node, oai_ns("adminEmail"), response.identity.admin_email)
    add_text(node, oai_ns("earliestDatestamp"), stamp(earliest))
    add_text(node, oai_ns("deletedRecord"), "persistent")
    add_text(node, oai_ns("granularity"), GRANULARITY)
    add_identifier_scheme(node, response.identity)


def add_identifier_scheme(node, repository):
    """The oai-identifier description: how harvesters learn what our identifiers are made of."""
    scheme = ET.SubElement(
        ET.SubElement(node, oai_ns("description")),
        f"{{{OAI_IDENTIFIER_NS}}}oai-identifier",
        {f"{{{XSI_NS}}}schemaLocation": f"{OAI_IDENTIFIER_NS} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"},
    )
    for tag, text in [
        ("scheme", "oai"),
        ("repositoryIdentifier", repository.oai_repository_identifier),
        ("delimiter", ":"),
        ("sampleIdentifier", f"{repository.oai_id_prefix}{repository.code_prefix}-2022-MIN-003"),
    ]:
        ET.SubElement(scheme, f"{{{OAI_IDENTIFIER_NS}}}{tag}").text = text


def list_metadata_formats(response, request, arguments):
    if "identifier" in arguments and find_entry(arguments["identifier"], response.id_prefix) is None:
        raise OAIError("idDoesNotExist", "No hay ningún registro con ese identificador.")
    node = response.element("ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = ET.SubElement(node, oai_ns("metadataFormat"))
        add_text(fmt, oai_ns("metadataPrefix"), prefix)
        add_text(fmt, oai_ns("schema"), schema)
        add_text(fmt, oai_ns("metadataNamespace"), namespace)


def list_sets(response, request, arguments):
    if "resumptionToken" in arguments:
        # Every set fits in one answer, so no token was ever handed out.
        raise OAIError("badResumptionToken", "La lista de conjuntos no usa tokens de continuación.")
    node = response.element("ListSets")
    for spec, name, description in all_sets():
        item = ET.SubElement(node, oai_ns("set"))
        add_text(item, oai_ns("setSpec"), spec)
        add_text(item, oai_ns("setName"), name)
        if description:
            container = ET.SubElement(item, oai_ns("setDescription"))
            dc = ET.SubElement(
                container,
                f"{{{OAI_DC_NS}}}dc",
                {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {METADATA_FORMATS['oai_dc'][0]}"},
            )
            add_text(dc, dc_element("description"), description)


def get_record(response, request, arguments):
    check_metadata_prefix(arguments["metadataPrefix"])
    entry = find_entry(arguments["identifier"], response.id_prefix)
    if entry is None:
        raise OAIError("idDoesNotExist", "No hay ningún registro con ese identificador.")
    add_records(response.element("GetRecord"), [entry], with_metadata_format=True, id_prefix=response.id_prefix)


def token_lifetime():
    return datetime.timedelta(days=getattr(settings, "OAI_PMH_TOKEN_DAYS", DEFAULT_TOKEN_DAYS))


def list_query(arguments, verb):
    """(query, after, cursor, size): what a list request asks for, and where its last page ended.

    ``size`` is the completeListSize counted at the first page and carried
    by the tokens (the protocol allows an estimate), so later pages count nothing.
    """
    if "resumptionToken" in arguments:
        try:
            token = signing.loads(
                arguments["resumptionToken"], salt=TOKEN_SALT, max_age=token_lifetime().total_seconds()
            )
            if token["verb"] != verb:
                raise ValueError("token of another verb")
            stamp, source, row_id = token["after"]
            after = (datetime.datetime.fromisoformat(stamp), int(source), int(row_id))
            if after[0].tzinfo is None or after[1] not in (LIVE, DELETED):
                raise ValueError("not a resumption point")
            query = {"prefix": token["prefix"], "set": token["set"], "from": token["from"], "until": token["until"]}
            return query, after, int(token["cursor"]), int(token["size"])
        except (signing.BadSignature, KeyError, TypeError, ValueError, IndexError):
            raise OAIError("badResumptionToken", "El token de continuación no es válido o caducó.") from None
    query = {
        "prefix": arguments["metadataPrefix"],
        "set": arguments.get("set"),
        "from": arguments.get("from"),
        "until": arguments.get("until"),
    }
    check_metadata_prefix(query["prefix"])
    return query, None, 0, None


def date_range(query):
    """The (start, end) datestamps a query asks for: start inclusive, end exclusive."""
    start = end = None
    if query["from"]:
        start, start_granularity = parse_datestamp(query["from"])
    if query["until"]:
        end, end_granularity = parse_datestamp(query["until"], end_of_day=True)
        # Datestamps are published to the second: until=…T10:00:00Z takes 10:00:00.9 too.
        end += datetime.timedelta(seconds=1)
    if start and end:
        if start_granularity != end_granularity:
            raise OAIError("badArgument", "«from» y «until» deben tener la misma precisión.")
        if start >= end:
            raise OAIError("badArgument", "«from» no puede ser posterior a «until».")
    return start, end


def list_records(response, request, arguments, verb):
    query, after, cursor, size = list_query(arguments, verb)
    start, end = date_range(query)
    dates = Q()
    if start:
        dates &= Q(stamp__gte=start)
    if end:
        dates &= Q(stamp__lt=end)
    pages = filter_live(live_queryset(), query["set"]).filter(dates)
    codes = deleted_queryset()
    codes = filter_deleted(codes, query["set"]).filter(dates) if codes is not None else None
    limit = page_size()
    # A page and one more row from each source: enough to merge them and to know whether more follow.
    entries = live_entries(pages.filter(after_condition(after, LIVE)), limit + 1)
    if codes is not None:
        entries += deleted_entries(codes.filter(after_condition(after, DELETED)), limit + 1)
    entries.sort(key=lambda entry: entry.key)
    batch = entries[:limit]
    if not batch:
        if after is not None:
            # Whatever followed the token is gone (a rare race with editors):
            # the protocol's answer for an empty list.
            raise OAIError("noRecordsMatch", "No quedan registros después de este token.")
        if query["set"] and query["set"] not in {spec for spec, _name, _description in all_sets()}:
            raise OAIError("noRecordsMatch", f"No existe el conjunto «{query['set']}».")
        raise OAIError("noRecordsMatch", "Ningún registro coincide con la solicitud.")
    node = response.element(verb)
    add_records(node, batch, with_metadata_format=(verb == "ListRecords"), id_prefix=response.id_prefix)
    more = len(entries) > len(batch)
    if more or after is not None:
        if size is None:
            size = pages.count() + (codes.count() if codes is not None else 0)
        attributes = {"completeListSize": str(size), "cursor": str(cursor)}
        if more:
            attributes["expirationDate"] = stamp(timezone.now() + token_lifetime())
        token = ET.SubElement(node, oai_ns("resumptionToken"), attributes)
        if more:
            last = batch[-1]
            token.text = signing.dumps(
                {
                    **query, "verb": verb, "after": [last.datestamp.isoformat(), *last.key[1:]],
                    "cursor": cursor + len(batch), "size": size,
                },
                salt=TOKEN_SALT,
                compress=True,
            )


def respond(request, query):
    """The OAI-PMH answer (bytes) to a GET or POST query."""
    try:
        arguments = single_arguments(query)
        verb = check_arguments(arguments)
    except OAIError as error:
        response = Response(request, {}, echo_arguments=False)
        response.error(error.code, error.message)
        return response.serialize()
    response = Response(request, arguments)
    try:
        if verb == "Identify":
            identify(response, request, arguments)
        elif verb == "ListMetadataFormats":
            list_metadata_formats(response, request, arguments)
        elif verb == "ListSets":
            list_sets(response, request, arguments)
        elif verb == "GetRecord":
            get_record(response, request, arguments)
        else:
            list_records(response, request, arguments, verb)
    except OAIError as error:
        response = Response(request, arguments, echo_arguments=error.code != "badArgument")
        response.error(error.code, error.message)
    return response.serialize()

