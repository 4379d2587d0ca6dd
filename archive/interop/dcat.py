"""/data.json: the open-data catalogue described in DCAT-US (Project Open Data metadata schema v1.1).

Why DCAT-US data.json rather than DCAT-AP: Mexico's federal open-data
policy collected each institution's inventory for datos.gob.mx (CKAN) as a
data.json in the Project Open Data schema, and CKAN's harvester for it
(ckanext-datajson) reads the same file; it is plain JSON that a city team
can read and check without an RDF toolchain. data.json is DCAT written as
JSON-LD (its @context maps every key to a DCAT or Dublin Core term), so a
DCAT-AP harvester that reads JSON-LD still finds dcat:Catalog, dcat:Dataset
and dcat:Distribution. The non-federal variant is used (no US bureau or
program codes); tests validate the file against its JSON Schema
(tests/interop/schemas/data-json/).

One dataset, the catalogue of public documents, with its distributions:
the CSV and JSON downloads, the OAI-PMH endpoint and the search API
(described by /api/openapi.json).
"""

from django.db.models import Max, Min
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from archive.identity import current as identity
from archive.pages.models import DocumentPage
from archive.taxonomy.models import Axis, Phase
from archive.web.canonical import absolute

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"


def _day(value):
    return value.date().isoformat() if value else None


def description(request):
    archive = identity.for_request(request)
    documents = DocumentPage.objects.visible()
    spans = documents.aggregate(
        first=Min("date"), last=Max("date"), issued=Min("first_published_at"), modified=Max("last_published_at")
    )
    dataset = {
        "@type": "dcat:Dataset",
        "title": f"Catálogo de {archive.name}",
        "description": (
            f"Registro de cada documento público de {archive.full_title}: código de referencia, tipo, fecha, "
            "etapa, autores, actores, ejes temáticos, licencia, dirección permanente y archivos, con su tamaño y "
            "su suma SHA-256."
        ),
        "keyword": ["gobierno abierto", "archivo", "Ciudad de México", "OGP Local"]
        + [phase.name for phase in Phase.objects.order_by("order")]
        + [axis.name for axis in Axis.objects.order_by("pk")],
        "modified": _day(spans["modified"]) or _day(spans["issued"]),
        "issued": _day(spans["issued"]),
        "publisher": {"@type": "org:Organization", "name": archive.name},
        "contactPoint": {"@type": "vcard:Contact", "fn": archive.name, "hasEmail": f"mailto:{archive.admin_email}"},
        "identifier": absolute(reverse("interop:catalogue_json"), request),
        "accessLevel": "public",
        "language": ["es"],
        "spatial": "Ciudad de México",
        "accrualPeriodicity": "irregular",
        "landingPage": absolute("/", request),
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": "Catálogo en CSV",
                "description": "Una fila por documento; los archivos en columnas separadas por « | ».",
                "downloadURL": absolute(reverse("interop:catalogue_csv"), request),
                "mediaType": "text/csv",
                "format": "CSV",
            },
            {
                "@type": "dcat:Distribution",
                "title": "Catálogo en JSON",
                "description": "Un objeto por documento, con la lista de sus archivos.",
                "downloadURL": absolute(reverse("interop:catalogue_json"), request),
                "mediaType": "application/json",
                "format": "JSON",
                "describedBy": absolute(reverse("interop:openapi"), request),
                "describedByType": "application/vnd.oai.openapi+json",
            },
            {
                "@type": "dcat:Distribution",
                "title": "Cosecha OAI-PMH (Dublin Core)",
                "description": "Registros en oai_dc por etapa y por tipo, con los retirados.",
                "accessURL": absolute(reverse("interop:oai"), request) + "?verb=Identify",
                "format": "OAI-PMH 2.0",
            },
            {
                "@type": "dcat:Distribution",
                "title": "API de búsqueda",
                "description": "Búsqueda de texto completo con facetas, en JSON.",
                "accessURL": absolute(reverse("search:search_api"), request),
                "format": "API",
                "describedBy": absolute(reverse("interop:openapi"), request),
                "describedByType": "application/vnd.oai.openapi+json",
            },
        ],
    }
    if spans["first"] and spans["last"]:
        dataset["temporal"] = f"{spans['first'].isoformat()}/{spans['last'].isoformat()}"
    return {
        "@context": f"{POD_SCHEMA}/catalog.jsonld",
        "@id": absolute(reverse("interop:data_json"), request),
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
        "dataset": [dataset],
    }


@require_GET
def data_json(request):
    return JsonResponse(description(request), json_dumps_params={"ensure_ascii": False, "indent": 1})
