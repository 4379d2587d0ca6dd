"""Names people search by, from DOMAIN.md: each group's names find each other.

Expanded at query time on every backend (Elasticsearch receives the same
groups as a ``synonym_graph`` filter), so editors change this list and no
index needs rebuilding.
"""

SYNONYM_GROUPS = [
    [
        "AGA",
        "OGP",
        "Alianza para el Gobierno Abierto",
        "Alianza por el Gobierno Abierto",
        "Open Government Partnership",
    ],
    ["OGP Local", "AGA Local"],
    ["ADIP", "Agencia Digital de Innovación Pública"],
    [
        "INFO CDMX",
        "InfoCDMX",
        "INFO",
        "Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos Personales "
        "y Rendición de Cuentas de la Ciudad de México",
    ],
    ["ILSB", "Instituto de Liderazgo Simone de Beauvoir"],
    ["STT", "Secretariado Técnico Tripartita"],
    ["STL", "Secretariado Técnico Local"],
    ["NOSC", "Núcleo de Organizaciones de la Sociedad Civil"],
    ["CDMX", "Ciudad de México"],
    ["INAI", "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales"],
    ["SFP", "Secretaría de la Función Pública"],
    ["OSC", "organizaciones de la sociedad civil"],
    ["cocreación", "co-creación", "co creación"],
]
