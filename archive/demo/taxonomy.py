"""The vocabularies of the demo archive, from DOMAIN.md and the Memoria (2023).

Where the two differ in detail the Memoria wins: it is the primary source.
Dates are ``(date, precision)``: a date known only to the month or year is
stored on its first day with that precision, and shows as «marzo de 2023» or
«2021», never as a day nobody recorded.
"""

from datetime import date

from archive.dates import DatePrecision as P

DAY, MONTH, YEAR, UNKNOWN = P.DAY, P.MONTH, P.YEAR, P.UNKNOWN
NO_DATE = (None, UNKNOWN)

# -- phases ----------------------------------------------------------------
# (slug, name, start, end, dates_note, description), in the order they happened.
PHASES = [
    (
        "antecedentes", "Antecedentes", (date(2011, 1, 1), YEAR), (date(2020, 1, 1), YEAR), "",
        "Lo que pasó antes del plan de la Ciudad: México entró a la Alianza para el Gobierno Abierto en "
        "2011 e hizo planes de acción nacionales, y en la Ciudad de México se dieron los primeros pasos "
        "de gobierno abierto.",
    ),
    (
        "postulacion", "Postulación a OGP Local", (date(2020, 9, 30), DAY), NO_DATE,
        "aceptada en la cohorte 2020",
        "La Ciudad de México y la Alcaldía Cuauhtémoc pidieron entrar a OGP Local el 30 de septiembre "
        "de 2020. Fueron aceptadas en el grupo de gobiernos locales de 2020.",
    ),
    (
        "nucleo-promotor", "Integración multiactor: Núcleo Promotor", (date(2020, 1, 1), YEAR), NO_DATE,
        "se reunió cada viernes durante casi dos años",
        "Se formó el Núcleo Promotor, que organizó todo el proceso: el gobierno de la Ciudad (ADIP), la "
        "Alcaldía Cuauhtémoc, el equipo de Estado Abierto de INFO CDMX y organizaciones de la sociedad "
        "civil. Se reunió cada viernes durante casi dos años.",
    ),
    (
        "grupo-asesor", "Integración multiactor: Grupo Asesor", (date(2021, 2, 4), DAY), (date(2021, 3, 26), DAY),
        "convocatoria abierta del 4 de febrero al 26 de marzo de 2021",
        "Por convocatoria pública se formó el Grupo Asesor: organizaciones, academia y personas expertas "
        "que revisaron las propuestas y aconsejaron el trabajo del plan.",
    ),
    (
        "lineamientos", "Lineamientos y metodología", (date(2021, 6, 23), DAY), NO_DATE, "",
        "Se acordaron las reglas de trabajo entre el Núcleo Promotor y el Grupo Asesor y la forma de "
        "llevar las mesas de cocreación.",
    ),
    (
        "consulta-publica", "Consulta pública", (date(2022, 7, 5), DAY), (date(2022, 9, 5), DAY), "",
        "Se pidió a la gente de la Ciudad que enviara problemas públicos de su comunidad, su colonia, "
        "su alcaldía o toda la Ciudad, relacionados con los ejes del plan.",
    ),
    (
        "seleccion-de-problematicas", "Selección de problemáticas", (date(2022, 1, 1), YEAR), NO_DATE,
        "después de la consulta pública, en 2022",
        "El Núcleo Promotor y el Grupo Asesor revisaron los problemas que llegaron en la consulta y "
        "apartaron las propuestas de solución que cumplían los criterios.",
    ),
    (
        "mesas-de-cocreacion", "Mesas de cocreación", (date(2022, 10, 24), DAY), (date(2022, 11, 24), DAY), "",
        "Gobierno, organizaciones y personas interesadas se reunieron en mesas virtuales, dos por cada "
        "eje, para definir los compromisos del plan.",
    ),
    (
        "publicacion-del-plan", "Publicación del plan", NO_DATE, NO_DATE, "nunca se publicó",
        "El plan debía publicarse en la Gaceta Oficial de la Ciudad de México. La ADIP no hizo ese "
        "trámite y el plan nunca se publicó.",
    ),
    (
        "suspension-y-salida", "Suspensión y salida de OGP Local", (date(2023, 2, 1), MONTH), (date(2023, 6, 6), DAY),
        "",
        "En febrero de 2023 los trabajos se declararon suspendidos. El 6 de junio de 2023 se anunció que "
        "la Ciudad de México dejaba la Alianza para el Gobierno Abierto.",
    ),
    (
        "cierre-y-memoria", "Cierre y memoria", (date(2023, 1, 1), YEAR), NO_DATE, "",
        "El equipo de Estado Abierto de INFO CDMX escribió la memoria del proceso y reunió sus documentos "
        "para que no se pierdan.",
    ),
]

# -- thematic axes -----------------------------------------------------------
# (slug, name, description)
AXES = [
    (
        "transparencia-fiscal", "Transparencia fiscal y contrataciones abiertas",
        "Saber en qué gasta el gobierno, a quién le compra y cómo decide sus compras.",
    ),
    (
        "gobierno-digital", "Gobierno digital y acceso a servicios públicos",
        "Trámites y servicios públicos más fáciles de encontrar y de usar, también por internet.",
    ),
    (
        "medio-ambiente", "Medio ambiente y cambio climático",
        "Información y participación sobre el aire, el agua, la movilidad y el clima de la Ciudad.",
    ),
    (
        "participacion-ciudadana", "Participación ciudadana y derecho a la información",
        "Que la gente pueda opinar y decidir sobre lo público, y pedir y recibir información del gobierno.",
    ),
    (
        "genero-e-inclusion", "Género e inclusión",
        "Que las decisiones tomen en cuenta a las mujeres y a los grupos que suelen quedar fuera. "
        "Atravesaba todo el plan.",
    ),
]

# -- elements of openness ------------------------------------------------------
ELEMENTS = [
    (
        "transparencia-y-rendicion-de-cuentas", "Transparencia y rendición de cuentas",
        "Publicar lo que se hace y explicar por qué se decidió así.",
    ),
    (
        "participacion-y-cocreacion", "Participación y cocreación",
        "Hacer las cosas junto con la gente y las organizaciones, no solo consultarlas.",
    ),
    (
        "integridad", "Integridad y prevención de conflicto de intereses",
        "Evitar que intereses personales pesen en las decisiones públicas.",
    ),
    (
        "lenguaje-sencillo", "Lenguaje sencillo, formatos abiertos y accesibles",
        "Escribir para que todas las personas entiendan y publicar en formatos que cualquiera pueda abrir.",
    ),
    (
        "memoria-y-archivo", "Memoria y archivo",
        "Guardar los documentos del proceso para que se puedan consultar después.",
    ),
]

# -- actors ------------------------------------------------------------------
NP, GA = "nucleo_promotor", "grupo_asesor"
JOINED_NP = (date(2020, 1, 1), YEAR)  # «El Núcleo Promotor se creó en 2020»
JOINED_GA = (date(2021, 1, 1), YEAR)  # chosen through the call of February-March 2021
JOINED_LATE_NP = (date(2022, 1, 1), YEAR)  # after the call of 2022-09-27; the day is not recorded
LEFT_MARCH_2023 = (date(2023, 3, 1), MONTH)  # «Durante el mes de marzo» of 2023


def membership(body, role, joined=NO_DATE, left=NO_DATE, note=""):
    return {
        "body": body, "role": role,
        "joined": joined[0], "joined_precision": joined[1],
        "left": left[0], "left_precision": left[1],
        "note": note,
    }


GA_EXPERT_NOTE = "Se integró por la convocatoria pública del 4 de febrero al 26 de marzo de 2021."


def actor(slug, name, kind, *, person=False, acronym="", aliases="", description="", website="", memberships=()):
    return {
        "slug": slug, "name": name, "kind": kind, "is_person": person, "acronym": acronym,
        "aliases": aliases, "description": description, "website": website,
        "memberships": list(memberships),
    }


ACTORS = [
    # Government
    actor(
        "adip", "Agencia Digital de Innovación Pública", "government", acronym="ADIP",
        aliases="Agencia Digital de Innovación Pública de la Ciudad de México, Agencia",
        description="Oficina del Gobierno de la Ciudad de México encargada del gobierno abierto, los datos y "
        "el gobierno digital. Firmó la postulación a OGP Local y coordinó el plan por parte del gobierno.",
        website="https://adip.cdmx.gob.mx/",
        memberships=[membership(NP, "Gobierno de la Ciudad de México", JOINED_NP)],
    ),
    actor(
        "alcaldia-cuauhtemoc", "Alcaldía Cuauhtémoc", "government",
        aliases="Cuauhtémoc, Alcaldía de Cuauhtémoc",
        description="Gobierno de la demarcación Cuauhtémoc. Se postuló a OGP Local junto con la Ciudad de "
        "México en 2020.",
        memberships=[membership(NP, "Gobierno local", JOINED_NP)],
    ),
    actor(
        "gobierno-cdmx", "Gobierno de la Ciudad de México", "government", acronym="GCDMX",
        aliases="Gobierno de la CDMX, Jefatura de Gobierno",
        description="Gobierno de la capital. Su postulación a OGP Local la firmó la ADIP en representación "
        "de la Jefa de Gobierno; en 2023 decidió salir de la Alianza.",
    ),
    actor(
        "consejo-de-gobierno-abierto", "Consejo de Gobierno Abierto de la Ciudad de México", "government",
        aliases="Consejo de Gobierno Abierto, Consejo de Gobierno Abierto de la CDMX",
        description="Órgano que crea la Ley de Operación e Innovación Digital para llevar la política de "
        "gobierno abierto de la Ciudad. Se instaló el 29 de marzo de 2019; después solo se reunió una vez "
        "más, y en 2023 su reglamento interno seguía sin aprobarse.",
    ),
    actor(
        "gobierno-de-mexico", "Gobierno de México", "government",
        aliases="Gobierno federal, Gobierno de la República",
        description="Gobierno federal, miembro fundador de la Alianza para el Gobierno Abierto en 2011.",
    ),
    actor(
        "sfp", "Secretaría de la Función Pública", "government", acronym="SFP",
        aliases="Función Pública",
        description="Secretaría del gobierno federal. Invitó, con el INAI y el Núcleo de Organizaciones de la "
        "Sociedad Civil, a la II Cumbre Nacional de Gobierno Abierto de 2019.",
    ),
    actor(
        "stt", "Secretariado Técnico Tripartita", "government", acronym="STT",
        description="Instancia que decidía sobre la Alianza para el Gobierno Abierto en México desde 2011. "
        "La formaban el gobierno federal, el Núcleo de Organizaciones de la Sociedad Civil y el INAI.",
    ),
    actor(
        "stl", "Secretariado Técnico Local", "government", acronym="STL",
        description="Instancia local de gobierno abierto en la Ciudad de México que proponía el Núcleo de la "
        "Sociedad Civil para el Gobierno Abierto en la Ciudad de México, antes de OGP Local.",
    ),
    # Guarantor bodies
    actor(
        "info-cdmx",
        "Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos Personales y "
        "Rendición de Cuentas de la Ciudad de México",
        "guarantor", acronym="INFO CDMX",
        aliases="InfoCDMX, Info CDMX, INFOCDMX, Instituto de Transparencia de la Ciudad de México, "
        "Instituto de Transparencia, Estado Abierto, Equipo de Estado Abierto",
        description="Órgano garante de la transparencia en la Ciudad de México. Su equipo de Estado Abierto "
        "acompañó el proceso como secretaría técnica, convocó las mesas y escribió la memoria.",
        website="https://www.infocdmx.org.mx/",
        memberships=[membership(NP, "Órgano garante; secretaría técnica a través del equipo de Estado Abierto",
                                JOINED_NP)],
    ),
    actor(
        "inai",
        "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales",
        "guarantor", acronym="INAI",
        aliases="Instituto Nacional de Transparencia",
        description="Órgano garante nacional de la transparencia. Formó parte del Secretariado Técnico "
        "Tripartita de la Alianza en México.",
    ),
    # Civil society: Núcleo Promotor
    actor(
        "fundacion-avina", "Fundación Avina", "civil_society", aliases="Avina",
        description="Organización de la sociedad civil. Integró el Núcleo Promotor mediante un convenio de "
        "colaboración.",
        memberships=[membership(NP, "Organización de la sociedad civil", JOINED_NP)],
    ),
    actor(
        "equis", "Equis Justicia para las Mujeres", "civil_society",
        aliases="Equis, Equis Justicia",
        description="Organización de la sociedad civil. Integró el Núcleo Promotor y se retiró en marzo de "
        "2023.",
        memberships=[membership(NP, "Organización de la sociedad civil", JOINED_NP, LEFT_MARCH_2023,
                                "Se desincorporó del Núcleo Promotor y del ejercicio en marzo de 2023.")],
    ),
    actor(
        "ilsb", "Instituto de Liderazgo Simone de Beauvoir", "civil_society", acronym="ILSB",
        aliases="Simone de Beauvoir",
        description="Organización de la sociedad civil. Integró el Núcleo Promotor hasta el 6 de septiembre "
        "de 2022.",
        memberships=[membership(NP, "Organización de la sociedad civil", JOINED_NP, (date(2022, 9, 6), DAY),
                                "Dejó de participar en el proceso el 6 de septiembre de 2022.")],
    ),
    actor(
        "observatorio-nacional-ciudadano", "Observatorio Nacional Ciudadano", "civil_society", acronym="ONC",
        description="Organización de la sociedad civil. Se sumó al Núcleo Promotor en 2022 y se retiró en "
        "marzo de 2023.",
        memberships=[membership(NP, "Organización de la sociedad civil", JOINED_LATE_NP, LEFT_MARCH_2023,
                                "Se incorporó tras la convocatoria del 27 de septiembre de 2022 y se "
                                "desincorporó en marzo de 2023.")],
    ),
    actor(
        "territorio-nomada", "Territorio Nómada", "civil_society",
        description="Organización de la sociedad civil. Se sumó al Núcleo Promotor en 2022.",
        memberships=[membership(NP, "Organización de la sociedad civil", JOINED_LATE_NP,
                                note="Se incorporó tras la convocatoria del 27 de septiembre de 2022.")],
    ),
    # Civil society: accompanied the application, or national and local background
    actor(
        "articulo-19", "Artículo 19", "civil_society", aliases="Article 19, Artículo 19 México",
        description="Organización de la sociedad civil que acompañó la postulación de la Ciudad a OGP Local.",
    ),
    actor(
        "mexico-evalua", "México Evalúa", "civil_society",
        description="Organización de la sociedad civil que acompañó la postulación de la Ciudad a OGP Local.",
    ),
    actor(
        "nosc", "Núcleo de Organizaciones de la Sociedad Civil", "civil_society", acronym="NOSC",
        aliases="Núcleo de la Sociedad Civil para el Gobierno Abierto en México",
        description="Organizaciones de la sociedad civil que formaron parte del Secretariado Técnico "
        "Tripartita de la Alianza en México.",
    ),
    actor(
        "nucleo-sociedad-civil-cdmx", "Núcleo de la Sociedad Civil para el Gobierno Abierto en la Ciudad de México",
        "civil_society",
        aliases="Núcleo de la Sociedad Civil para el Gobierno Abierto en la CDMX",
        description="Grupo de organizaciones que, antes de OGP Local, impulsó el gobierno abierto en la "
        "Ciudad: sesiones semanales y la propuesta de un Secretariado Técnico Local.",
    ),
    # Grupo Asesor: organisations
    actor(
        "gift", "Iniciativa Global para la Transparencia Fiscal", "civil_society", acronym="GIFT",
        aliases="Global Initiative for Fiscal Transparency",
        description="Red internacional sobre transparencia fiscal. Integró el Grupo Asesor.",
        memberships=[membership(GA, "Organización", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "bios", "Bios Participación Política", "civil_society",
        description="Organización de la sociedad civil. Integró el Grupo Asesor.",
        memberships=[membership(GA, "Organización", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "arkemtria-social", "Arkemtria Social", "civil_society",
        description="Organización que integró el Grupo Asesor (así la escribe la Memoria).",
        memberships=[membership(GA, "Organización", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "red-nacional-de-refugios", "Red Nacional de Refugios", "civil_society", acronym="RNR",
        description="Organización de la sociedad civil. Se incorporó al Grupo Asesor el 18 de octubre de "
        "2022.",
        memberships=[membership(GA, "Organización", (date(2022, 10, 18), DAY))],
    ),
    # Grupo Asesor: individual experts
    actor(
        "eduard-martin-borregon", "Eduard Martín-Borregón", "expert", person=True,
        description="Persona experta del Grupo Asesor.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "cristina-elena-martinez-pinto", "Cristina Elena Martínez Pinto", "expert", person=True,
        aliases="Cristina Martínez",
        description="Persona experta del Grupo Asesor.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "victor-manuel-castaneda-saldivar", "Víctor Manuel Castañeda Saldívar", "expert", person=True,
        aliases="Víctor Castañeda",
        description="Persona experta del Grupo Asesor, de la Academia de Ciencia Política y Administración "
        "Urbana de la Universidad Autónoma de la Ciudad de México.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "alicia-monserrat-islas-gurrola", "Alicia Monserrat Islas Gurrola", "expert", person=True,
        aliases="Alicia Islas",
        description="Persona experta del Grupo Asesor.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "monica-leonor-rivas-bazan", "Mónica Leonor Rivas Bazán", "expert", person=True,
        aliases="Mónica Rivas, Mónica Rivas Bazán",
        description="Planificadora territorial y coordinadora de Territorio Nómada. Persona experta del "
        "Grupo Asesor.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "israel-felipe-solorio-sandoval", "Israel Felipe Solorio Sandoval", "expert", person=True,
        aliases="Israel Solorio",
        description="Persona experta del Grupo Asesor.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "patricio-manuel-ramirez-rios", "Patricio Manuel Ramírez Ríos", "expert", person=True,
        aliases="Patricio Ramírez",
        description="Persona experta del Grupo Asesor.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, note=GA_EXPERT_NOTE)],
    ),
    actor(
        "emilienne-de-leon-aulina", "Emilienne de León Aulina", "expert", person=True,
        aliases="Emilienne de León",
        description="Persona experta del Grupo Asesor hasta el 24 de marzo de 2022.",
        memberships=[membership(GA, "Persona experta", JOINED_GA, (date(2022, 3, 24), DAY),
                                "Dejó de ser parte del Grupo Asesor el 24 de marzo de 2022.")],
    ),
    # People named as authors, presenters or addressees of documents in the archive
    actor(
        "maria-del-carmen-nava-polina", "María del Carmen Nava Polina", "guarantor", person=True,
        aliases="María del Carmen Nava, Comisionada Nava",
        description="Comisionada Ciudadana de INFO CDMX. Coordinó al equipo de Estado Abierto y representó "
        "al Instituto en el Consejo de Gobierno Abierto.",
    ),
    actor(
        "zulema-oviedo", "Zulema Oviedo", "guarantor", person=True,
        description="Integrante del equipo de Estado Abierto de INFO CDMX en el Núcleo Promotor.",
    ),
    actor(
        "daniel-saavedra-llado", "Daniel Saavedra Lladó", "guarantor", person=True,
        description="Integrante del equipo de Estado Abierto de INFO CDMX en el Núcleo Promotor.",
    ),
    actor(
        "viridiana-hernandez", "Viridiana Hernández", "government", person=True,
        description="Integrante del equipo de la ADIP en el Núcleo Promotor.",
    ),
    actor(
        "leticia-reyes", "Leticia Reyes", "government", person=True,
        description="Integrante del equipo de la Alcaldía Cuauhtémoc en el Núcleo Promotor.",
    ),
    actor(
        "tania-martinez", "Tania Martínez", "civil_society", person=True,
        description="Integrante del equipo del Instituto de Liderazgo Simone de Beauvoir en el Núcleo "
        "Promotor.",
    ),
    actor(
        "maria-jose-montiel-cuatlayol", "María José Montiel Cuatlayol", "guarantor", person=True,
        description="Directora de Gobierno Abierto del INAI en 2019.",
    ),
    actor(
        "david-herrera-martell", "David I. Herrera Martell", "civil_society", person=True,
        description="Integrante del Núcleo de la Sociedad Civil para el Gobierno Abierto en la Ciudad de "
        "México.",
    ),
    # International
    actor(
        "ogp", "Alianza para el Gobierno Abierto", "international", acronym="OGP",
        aliases="AGA, Alianza para el Gobierno Abierto, Open Government Partnership, OGP Local, "
        "Alianza por el Gobierno Abierto",
        description="Alianza internacional de gobiernos y sociedad civil por gobiernos abiertos. OGP Local "
        "es su programa para gobiernos locales, al que entró la Ciudad de México en 2020.",
        website="https://www.opengovpartnership.org/es/",
    ),
    actor(
        "rudi-borrmann", "Rudi Borrmann", "international", person=True,
        aliases="Rudi Bormann",
        description="Director de OGP Local, el programa para gobiernos locales de la Alianza para el "
        "Gobierno Abierto.",
    ),
]
