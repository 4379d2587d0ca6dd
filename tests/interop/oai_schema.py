"""Validate an OAI-PMH answer against the protocol's XML schemas, offline.

The schemas in tests/interop/schemas/ import each other by their published
addresses; a resolver hands lxml the vendored copies instead, and the
protocol's strict wildcards (<metadata>, <description>) are checked against
oai_dc and oai-identifier as a harvester that validates would.
"""

import functools
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
REMOTE = {
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
}
DRIVER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="{(SCHEMAS / 'OAI-PMH.xsd').as_uri()}"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="{(SCHEMAS / 'oai_dc.xsd').as_uri()}"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier"
             schemaLocation="{(SCHEMAS / 'oai-identifier.xsd').as_uri()}"/>
</xs:schema>"""


class VendoredSchemas(etree.Resolver):
    def resolve(self, url, public_id, context):
        if url in REMOTE:
            return self.resolve_filename(str(SCHEMAS / REMOTE[url]), context)
        return None


@functools.cache
def oai_pmh_schema():
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(VendoredSchemas())
    return etree.XMLSchema(etree.fromstring(DRIVER.encode(), parser))


def schema_errors(content):
    """The schema's complaints about an OAI-PMH answer (bytes), one line each; empty when valid."""
    document = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    schema = oai_pmh_schema()
    if schema.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]
