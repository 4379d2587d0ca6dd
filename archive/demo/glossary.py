"""The glossary of the demo archive: the acronyms and terms of the process (shared/DOMAIN.md).

Definitions are written for someone who never took part: short sentences,
no acronym left unexplained. Keyed by slug and written only when different,
like the rest of the load, so running it again changes nothing.
"""

from django.db import transaction

from archive.glossary.models import GlossaryTerm

from .upsert import upsert_object

CATEGORY = "Glosario"

# slug, term, expansion, expansion language, variants, definition
TERMS = [
    ("aga", "AGA", "Alianza para el Gobierno Abierto", "es",
     ["Alianza para el Gobierno Abierto"],
     "Alianza internacional de gobiernos y organizaciones de la sociedad civil que se comprometen a "
     "trabajar juntos con planes de acción. La Ciudad de México participó de 2020 a 2023."),
    ("ogp", "OGP", "Open Government Partnership", "en", [],
     "Nombre en inglés de la Alianza para el Gobierno Abierto (AGA)."),
    ("ogp-local", "OGP Local", "", "es", [],
     "Programa de la Alianza para el Gobierno Abierto para gobiernos locales, como ciudades y "
     "alcaldías. La Ciudad de México entró en 2020 y salió en junio de 2023."),
    ("adip", "ADIP", "Agencia Digital de Innovación Pública", "es", [],
     "Oficina del Gobierno de la Ciudad de México encargada de los servicios digitales y de la "
     "innovación. Representó al gobierno en el proceso."),
    ("info-cdmx", "INFO CDMX", "Instituto de Transparencia, Acceso a la Información Pública, Protección de "
     "Datos Personales y Rendición de Cuentas de la Ciudad de México", "es",
     ["InfoCDMX", "Info CDMX"],
     "Organismo autónomo que garantiza el derecho a saber y la protección de datos personales en la "
     "Ciudad. Su equipo de Estado Abierto acompañó el proceso y guarda su memoria."),
    ("inai", "INAI", "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos "
     "Personales", "es", [],
     "Organismo nacional que garantizaba el derecho a saber y la protección de datos personales en "
     "todo México."),
    ("ilsb", "ILSB", "Instituto de Liderazgo Simone de Beauvoir", "es", [],
     "Organización de la sociedad civil que trabaja por los derechos de las mujeres. Formó parte del "
     "Núcleo Promotor hasta septiembre de 2022."),
    ("stt", "STT", "Secretariado Técnico Tripartita", "es", [],
     "Grupo que coordina el gobierno abierto a nivel nacional. Lo forman el gobierno federal, el "
     "instituto de transparencia nacional y organizaciones de la sociedad civil."),
    ("stl", "STL", "Secretariado Técnico Local", "es", [],
     "Grupo que coordina el gobierno abierto en un estado o una ciudad. Lo forman el gobierno, el "
     "instituto de transparencia local y la sociedad civil."),
    ("nosc", "NOSC", "Núcleo de Organizaciones de la Sociedad Civil", "es", [],
     "Conjunto de organizaciones de la sociedad civil que participa en el gobierno abierto a nivel "
     "nacional."),
    ("cdmx", "CDMX", "Ciudad de México", "es", [],
     "Forma corta de escribir Ciudad de México."),
    ("nucleo-promotor", "Núcleo Promotor", "", "es", ["Núcleos Promotores"],
     "Grupo que impulsó el proceso en la Ciudad: el gobierno, el INFO CDMX y organizaciones de la "
     "sociedad civil. Se reunió cada viernes durante casi dos años."),
    ("grupo-asesor", "Grupo Asesor", "", "es", [],
     "Organizaciones y personas expertas que dieron consejo al Núcleo Promotor. Se eligieron con una "
     "convocatoria pública en 2021."),
    ("cocreacion", "cocreación", "", "es", ["co-creación"],
     "Forma de trabajo en la que gobierno y sociedad deciden juntos, desde el principio, qué problema "
     "atender y cómo."),
    ("mesas-de-cocreacion", "mesas de cocreación", "", "es", ["mesa de cocreación"],
     "Reuniones de trabajo entre gobierno y sociedad para escribir los compromisos del plan. Se "
     "hicieron en octubre y noviembre de 2022, dos por cada eje temático."),
    ("plan-de-accion", "plan de acción", "", "es", ["planes de acción"],
     "Lista de compromisos que el gobierno y la sociedad acuerdan cumplir en un plazo, con fechas y "
     "responsables. El primer plan de la Ciudad nunca se publicó."),
    ("gobierno-abierto", "gobierno abierto", "", "es", [],
     "Forma de gobernar que abre la información pública, escucha a la gente y decide con ella, y rinde "
     "cuentas de lo que hace."),
    ("eje-tematico", "eje temático", "", "es", ["ejes temáticos"],
     "Tema en el que se agrupan los problemas y compromisos del plan. El plan tuvo cinco."),
    ("consulta-publica", "consulta pública", "", "es", [],
     "Periodo en que cualquier persona pudo proponer problemas para el plan. Fue del 5 de julio al 5 "
     "de septiembre de 2022."),
    ("rendicion-de-cuentas", "rendición de cuentas", "", "es", [],
     "Obligación de las autoridades de explicar lo que hacen y responder por ello ante la gente."),
]


def load_glossary(tally=None):
    with transaction.atomic():
        for slug, term, expansion, language, variants, definition in TERMS:
            upsert_object(
                GlossaryTerm, slug,
                {
                    "term": term, "expansion": expansion, "expansion_language": language,
                    "variants": "\n".join(variants), "definition": definition, "mark_in_documents": True,
                },
                tally=tally, category=CATEGORY,
            )
