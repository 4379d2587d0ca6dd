"""The documents of the demo archive.

Three sorts, told apart by what the archive holds:

- the five documents of the corpus, with their extracted text as body and
  as attached file;
- catalogue entries for documents the Memoria cites with their date and
  address: the archive knows of them but holds no copy, and says so;
- records of the co-creation sessions of October-November 2022, whose
  minutes the archive does not hold, and the four testimonies printed at
  the end of the Memoria.

Every fact here is taken from the corpus (mostly the Memoria, 2023); where
something is not known (an author, an exact day) it is left out rather than
guessed. Quotations are cut from the Memoria's text by their first and last
words (see ``memoria_passage``), so they are its exact words.

The list is in dependency order: a document is listed after those it links to.
"""

import re
from datetime import date
from functools import cache

from archive.dates import DatePrecision as P

from . import CORPUS_DIR
from .text import passage, text_to_blocks

DAY, MONTH, YEAR, UNKNOWN = P.DAY, P.MONTH, P.YEAR, P.UNKNOWN

MEMORIA_FILE = "2023-memoria-proceso-primer-plan-accion.txt"

# The running header the PDF prints on every page of the Memoria.
MEMORIA_HEADER_LINES = [
    re.compile(
        r"Memoria del Proceso del \*\*Primer Plan de Acción de Gobierno Abierto de la Ciudad de México\*\*, "
        r"bajo el modelo de la \*\*Alianza para el Gobierno Abierto\*\*, 2020-2023\."
    ),
    re.compile(r"#OGPLocal"),
    re.compile(r"(f )?Estado Abierto / Info CDMX"),  # "f" and "t" are the social-media icons
    re.compile(r"(t )?@Estado_Abierto / @InfoCdMex"),
]

MEMORIA_HEADINGS = [
    "Pleno del Info CDMX",
    "Organizaciones, personas e instituciones públicas que fueron parte del proceso",
    "Núcleo Promotor",
    "Grupo Asesor",
    "Contenido",
    "Presentación",
    "Modelo OGP Local",
    "Postulación de la Ciudad de México.",
    "Ejes de trabajo",
    "Consejo de Gobierno Abierto de la Ciudad de México",
    "Integración multiactor",
    "Grupo asesor",
    "Trabajo colaborativo",
    "Dinámica y metodología de trabajo entre grupos",
    "Metodología de cocreación y sesiones de trabajo",
    "Lineamientos de trabajo",
    "Desarrollo de las etapas",
    "Paréntesis al proceso de cocreación",
    "Documentación y archivo",
    "Salida de la Ciudad de México de OGP Local",
    "Comentarios de integrantes del Grupo Asesor y del Grupo Promotor.",
    "Anexo",
    "Micrositio",
    "Referencias",
]

# The Memoria's «memoria y archivo» microsite, without the analytics
# parameters (?_gl=...) the Memoria's copy of the address carries.
MICROSITE_URL = "https://www.infocdmx.org.mx/micrositios/2023/plandeaccion/index.html"
MICROSITE = "Micrositio «Memoria y archivo» del Primer Plan de Acción, equipo de Estado Abierto de INFO CDMX"
PLAZA_PUBLICA = "Plaza Pública, plataforma de participación del Gobierno de la Ciudad de México"
OGP_SITE = "Sitio web de la Alianza para el Gobierno Abierto (opengovpartnership.org)"
EXTRACTED_TEXT_LABEL = "Texto extraído del PDF original (texto plano)"


@cache
def memoria_text():
    return (CORPUS_DIR / MEMORIA_FILE).read_text(encoding="utf-8")


def memoria_passage(start, end):
    """The Memoria's exact words from ``start`` to ``end``, without its page headers."""
    return passage(memoria_text(), start, end, drop_lines=MEMORIA_HEADER_LINES)


def cited_by_memoria(*quotations):
    """Body of a catalogue entry: what the Memoria says of the document, in its words."""
    blocks = [{"type": "heading", "value": "Lo que dice la Memoria del proceso"}]
    blocks += [{"type": "quote", "value": q} for q in quotations]
    return blocks


def doc(kind, slug, title, summary, *, when, phase, date_note="", actors=(), axes=(), elements=(),
        source_url="", original_holder="", licence="unknown", fields=None, corpus=None, body=None,
        related=()):
    """One document as data. ``when`` is ``(date, precision)``; ``corpus`` is
    ``(file name, text_to_blocks options)`` for documents the archive holds."""
    return {
        "kind": kind, "slug": slug, "title": title, "summary": summary,
        "date": when[0], "date_precision": when[1], "date_note": date_note,
        "phase": phase, "actors": list(actors), "axes": list(axes), "elements": list(elements),
        "source_url": source_url, "original_holder": original_holder, "licence": licence,
        "fields": dict(fields or {}), "corpus": corpus, "body": body or [], "related": list(related),
    }


AXIS_NAMES = {
    "gobierno-digital": "Gobierno digital y servicios públicos",
    "participacion-ciudadana": "Participación ciudadana y derecho a la información",
    "medio-ambiente": "Medio ambiente y cambio climático",
    "transparencia-fiscal": "Transparencia fiscal y contrataciones abiertas",
    "genero-e-inclusion": "Género e inclusión",
}
MONTHS = {10: "octubre", 11: "noviembre"}
ORDINAL = {1: "Primera", 2: "Segunda"}

# (axis slug, session number, day, the Memoria's own line about that table)
TABLE_SESSIONS = [
    ("gobierno-digital", 1, date(2022, 10, 27), ("La Mesa de Gobierno Digital", "el 10 de noviembre.")),
    ("participacion-ciudadana", 1, date(2022, 10, 27), ("La Mesa de Participación Ciudadana", "el 10 de noviembre.")),
    ("medio-ambiente", 1, date(2022, 11, 3), ("La Mesa de Medio Ambiente", "el 15 de noviembre.")),
    ("transparencia-fiscal", 1, date(2022, 11, 3), ("La Mesa de Transparencia Fiscal", "el 15 de noviembre.")),
    ("genero-e-inclusion", 1, date(2022, 11, 8), ("La Mesa de Género e Inclusión", "el 16 de noviembre.")),
    ("gobierno-digital", 2, date(2022, 11, 10), ("La Mesa de Gobierno Digital", "el 10 de noviembre.")),
    ("participacion-ciudadana", 2, date(2022, 11, 10), ("La Mesa de Participación Ciudadana", "el 10 de noviembre.")),
    ("medio-ambiente", 2, date(2022, 11, 15), ("La Mesa de Medio Ambiente", "el 15 de noviembre.")),
    ("transparencia-fiscal", 2, date(2022, 11, 15), ("La Mesa de Transparencia Fiscal", "el 15 de noviembre.")),
    ("genero-e-inclusion", 2, date(2022, 11, 16), ("La Mesa de Género e Inclusión", "el 16 de noviembre.")),
]


def day_label(day):
    return f"{day.day} de {MONTHS[day.month]} de {day.year}"


def session_summary(what, day):
    return (
        f"{what} el {day_label(day)}, dentro de las mesas de cocreación del primer plan de acción. "
        "El archivo registra la sesión porque la Memoria del proceso la menciona, pero no tiene su minuta. "
        "Según la Memoria, el micrositio del equipo de Estado Abierto reúne las minutas del proceso."
    )


def minutes_entries():
    entries = [
        doc(
            "minuta", "sesion-inaugural-mesas-de-cocreacion-2022-10-24",
            "Sesión inaugural de las mesas de cocreación (24 de octubre de 2022)",
            session_summary("Sesión con la que empezaron las mesas de cocreación, celebrada", date(2022, 10, 24)),
            when=(date(2022, 10, 24), DAY), phase="mesas-de-cocreacion",
            source_url=MICROSITE_URL, original_holder=MICROSITE,
            fields={"meeting_body": "Sesión inaugural de las mesas de cocreación"},
            body=cited_by_memoria(memoria_passage("La Sesión Inaugural", "24 de octubre de 2022.")),
        )
    ]
    for axis, number, day, (start, end) in TABLE_SESSIONS:
        name = AXIS_NAMES[axis]
        entries.append(
            doc(
                "minuta", f"mesa-{axis}-{day.isoformat()}",
                f"Mesa de cocreación de {name}: {ORDINAL[number].lower()} sesión ({day_label(day)})",
                session_summary(f"{ORDINAL[number]} de las dos sesiones de la mesa de {name}, celebrada", day),
                when=(day, DAY), phase="mesas-de-cocreacion", axes=[axis],
                source_url=MICROSITE_URL, original_holder=MICROSITE,
                fields={"meeting_body": f"Mesa de cocreación de {name}"},
                body=cited_by_memoria(memoria_passage(start, end)),
            )
        )
    closing_quote = memoria_passage("Además, el 22 de noviembre", "el cierre de las mesas.")
    entries += [
        doc(
            "minuta", "reunion-con-alcaldias-2022-11-22",
            "Reunión con las Alcaldías para la entrega de acuerdos (22 de noviembre de 2022)",
            session_summary("Reunión con las Alcaldías para entregarles los acuerdos de las mesas, celebrada",
                            date(2022, 11, 22)),
            when=(date(2022, 11, 22), DAY), phase="mesas-de-cocreacion",
            source_url=MICROSITE_URL, original_holder=MICROSITE,
            fields={"meeting_body": "Reunión con las Alcaldías"},
            body=cited_by_memoria(closing_quote),
        ),
        doc(
            "minuta", "presentacion-de-compromisos-y-cierre-2022-11-24",
            "Presentación de compromisos y cierre de las mesas de cocreación (24 de noviembre de 2022)",
            session_summary("Sesión en la que se presentaron los compromisos y se cerraron las mesas, celebrada",
                            date(2022, 11, 24)),
            when=(date(2022, 11, 24), DAY), phase="mesas-de-cocreacion",
            source_url=MICROSITE_URL, original_holder=MICROSITE,
            fields={"meeting_body": "Cierre de las mesas de cocreación"},
            body=cited_by_memoria(closing_quote),
        ),
    ]
    return entries


def corpus_document(name, **options):
    return (name, options)


@cache
def build_documents():
    """Every document of the demo, in an order where link targets come first."""
    calls = [
        doc(
            "convocatoria", "consulta-publica-2020-alcaldia-cuauhtemoc",
            "Consulta Pública 2020 de la Alcaldía Cuauhtémoc",
            "Convocatoria de la primera consulta pública de la Alcaldía Cuauhtémoc bajo la nueva Ley de "
            "Participación Ciudadana. La postulación a OGP Local la mencionó como experiencia previa de "
            "apertura. El archivo no tiene una copia: la ficha da su dirección original.",
            when=(date(2020, 1, 1), YEAR), phase="antecedentes",
            actors=[("alcaldia-cuauhtemoc", "author")],
            axes=["participacion-ciudadana"], elements=["participacion-y-cocreacion"],
            source_url="https://plazapublica.cdmx.gob.mx/uploads/decidim/attachment/file/82/Convocatoria.pdf",
            original_holder=PLAZA_PUBLICA,
            body=cited_by_memoria(
                # The sentence runs over a page break with footnotes in between: its two halves.
                memoria_passage("Para demostrar experiencias", "nueva Ley de") + " "
                + memoria_passage("Participación Ciudadana⁹, los", "entre otros."),
                memoria_passage("Alcaldía Cuauhtémoc, \"Consulta Pública 2020\"", "Convocatoria.pdf>."),
            ),
        ),
        doc(
            "convocatoria", "convocatoria-grupo-asesor-2021",
            "Convocatoria para grupo asesor del Plan de Acción de Gobierno Abierto para la CDMX",
            "Convocatoria pública para formar el Grupo Asesor del primer plan de acción. Estuvo abierta del 4 "
            "de febrero al 26 de marzo de 2021 para organizaciones, academia y personas expertas de la Ciudad. "
            "El archivo no tiene una copia: la ficha da su dirección original.",
            when=(date(2021, 2, 4), DAY), phase="grupo-asesor",
            elements=["participacion-y-cocreacion"],
            source_url="https://plazapublica.cdmx.gob.mx/processes/convocatoria-grupoasesor-AGA",
            original_holder=PLAZA_PUBLICA,
            fields={
                "opening_date": date(2021, 2, 4),
                "closing_date": date(2021, 3, 26),
                "addressed_to": "Organizaciones de la sociedad civil, academia y personas expertas de la Ciudad de "
                "México.",
                "results": "<p>Se formó el Grupo Asesor con la Iniciativa Global para la Transparencia Fiscal, "
                "Bios Participación Política, Arkemtria Social y personas expertas a título individual. Se "
                "reunió con el Núcleo Promotor unas 22 veces.</p>",
            },
            body=cited_by_memoria(
                memoria_passage("Este grupo se integró en respuesta", "integrantes del Grupo Asesor."),
            ),
        ),
        doc(
            "convocatoria", "convocatoria-osc-nucleo-promotor-2022",
            "Convocatoria sobre la incorporación de OSCs para la creación del Primer Plan de Acción de Gobierno "
            "Abierto para la CDMX",
            "Convocatoria del Gobierno de la Ciudad de México para que más organizaciones de la sociedad civil "
            "se sumaran al Núcleo Promotor. Por ella entraron el Observatorio Nacional Ciudadano y Territorio "
            "Nómada. El archivo no tiene una copia ni conoce su fecha de cierre.",
            when=(date(2022, 9, 27), DAY), phase="nucleo-promotor",
            actors=[("gobierno-cdmx", "author")],
            elements=["participacion-y-cocreacion"],
            source_url="https://plazapublica.cdmx.gob.mx/processes/convocatoria-nucleo-promotor-PAGA",
            original_holder=PLAZA_PUBLICA,
            fields={
                "addressed_to": "Organizaciones de la sociedad civil.",
                "results": "<p>Se integraron al Núcleo Promotor el Observatorio Nacional Ciudadano y "
                "Territorio Nómada.</p>",
            },
            body=cited_by_memoria(
                memoria_passage("Posteriormente se integraron al Núcleo Promotor", "Territorio Nómada¹⁸."),
            ),
        ),
    ]

    guidelines = [
        doc(
            "lineamiento", "manual-de-ogp-local-2021", "Manual de OGP Local",
            "Manual de la Alianza para el Gobierno Abierto que explica las reglas de OGP Local y el ciclo de un "
            "plan de acción local: orientación, cocreación, aplicación y evaluación. El archivo no tiene una "
            "copia: la ficha da su dirección original.",
            when=(date(2021, 1, 1), YEAR), phase="postulacion",
            actors=[("ogp", "author")],
            source_url="https://www.opengovpartnership.org/wp-content/uploads/2021/01/OGP-Local-Handbook-Spanish.pdf",
            original_holder=OGP_SITE,
            body=cited_by_memoria(memoria_passage("De acuerdo con el proceso de OGP Local", "de gobierno abierto.")),
        ),
        doc(
            "lineamiento", "protocolo-apertura-transparencia-riesgo",
            "Protocolo de apertura y transparencia ante el riesgo: prevención, reacción y recuperación",
            "Protocolo del equipo de Estado Abierto de INFO CDMX para abrir la información pública antes, "
            "durante y después de una emergencia. La postulación a OGP Local lo citó como experiencia previa. "
            "El archivo no tiene una copia: la ficha da su dirección original.",
            when=(date(2021, 1, 1), YEAR), phase="postulacion",
            actors=[("info-cdmx", "author")],
            elements=["transparencia-y-rendicion-de-cuentas"],
            source_url="https://infocdmx.org.mx/images/biblioteca/2021/Protocolo_Apertura_Transparencia_Riesgo.pdf",
            original_holder="Biblioteca digital de INFO CDMX",
            body=cited_by_memoria(memoria_passage("Equipo Estado Abierto del InfoCDMX, \"Protocolo", "Riesgo.pdf.")),
        ),
        doc(
            "lineamiento", "lineamientos-de-trabajo-2021",
            "Lineamientos de Trabajo del Primer Plan de Acciones de Gobierno Abierto de la Ciudad de México "
            "(2020-2021)",
            "Reglas de trabajo que se dieron el Núcleo Promotor y el Grupo Asesor para hacer, seguir y evaluar "
            "el plan. Piden atender los cinco elementos de apertura. El archivo no tiene una copia: la ficha da "
            "su dirección original.",
            when=(date(2021, 6, 23), DAY), phase="lineamientos",
            elements=["transparencia-y-rendicion-de-cuentas", "participacion-y-cocreacion", "integridad",
                      "lenguaje-sencillo", "memoria-y-archivo"],
            source_url="https://www.infocdmx.org.mx/micrositios/2023/plandeaccion/assets/files/"
            "23.06.21_OGPLocal_Lineamientos_Trabajo-2.pdf",
            original_holder=MICROSITE,
            body=cited_by_memoria(
                memoria_passage("Los lineamientos de trabajo²¹", "memoria y archivo."),
                memoria_passage("Núcleo Promotor y Grupo Asesor del Plan de Gobierno Abierto CDMX, \"Lineamientos",
                                "Lineamientos_Trabajo-2.pdf."),
            ),
        ),
        doc(
            "lineamiento", "mesas-colaborativas-de-cocreacion-2021", "Mesas colaborativas de cocreación",
            "Metodología con la que el Núcleo Promotor y el Grupo Asesor llevaron sus sesiones de trabajo, en "
            "seis momentos: bienvenida, instalación, asuntos, desarrollo, consenso y cierre. El archivo no tiene "
            "una copia: la ficha da su dirección original.",
            when=(date(2021, 6, 23), DAY), phase="lineamientos",
            elements=["participacion-y-cocreacion"],
            source_url="https://www.infocdmx.org.mx/micrositios/2023/plandeaccion/assets/files/"
            "23.06.21_OGPLocal_Mesas_Colaborativas_Cocrea%20ci%C3%B3n.pdf",
            original_holder=MICROSITE,
            body=cited_by_memoria(
                memoria_passage("Las sesiones de trabajo se desarrollaron", "mesa colaborativa de cocreación."),
            ),
            related=[("lineamientos-de-trabajo-2021", "related")],
        ),
    ]

    letters = [
        doc(
            "carta", "carta-de-apoyo-ciudad-de-mexico-y-cuauhtemoc",
            "Carta de apoyo de la Ciudad de México y Cuauhtémoc",
            "Carta con la que el Gobierno de la Ciudad de México y la Alcaldía Cuauhtémoc respaldaron su "
            "entrada a OGP Local. La Alianza la publicó el 29 de abril de 2021; la Memoria la cita al contar la "
            "postulación del 30 de septiembre de 2020. El archivo no tiene una copia.",
            when=(date(2021, 4, 29), DAY), phase="postulacion",
            actors=[("gobierno-cdmx", "signatory"), ("alcaldia-cuauhtemoc", "signatory"), ("ogp", "addressee")],
            source_url="https://www.opengovpartnership.org/es/documents/mexico-city-cuauhtemoc-letter-of-support/",
            original_holder=OGP_SITE,
            fields={
                "signatories": "Gobierno de la Ciudad de México\nAlcaldía Cuauhtémoc",
                "addressee": "Alianza para el Gobierno Abierto (OGP Local)",
            },
            body=cited_by_memoria(
                memoria_passage("El proceso de postulación de la Ciudad", "30 de septiembre de 2020⁵."),
                memoria_passage("Finalmente, la postulación fue firmada", "Alcalde en Cuauhtémoc, Ciudad de México."),
            ),
        ),
        doc(
            "carta", "carta-del-gobierno-cdmx-a-ogp-2023-01-11",
            "Carta del Gobierno de la Ciudad de México a OGP sobre su salida de la Alianza",
            "Carta del 11 de enero de 2023 en la que el Gobierno de la Ciudad explicó a OGP por qué dejaba la "
            "Alianza: dijo que la Ciudad ya tenía instituciones de gobierno abierto, como la ADIP. La Memoria "
            "la cita pero no da su dirección; el archivo no tiene una copia.",
            when=(date(2023, 1, 11), DAY), phase="suspension-y-salida",
            actors=[("gobierno-cdmx", "signatory"), ("ogp", "addressee")],
            fields={"signatories": "Gobierno de la Ciudad de México", "addressee": "Alianza para el Gobierno Abierto"},
            body=cited_by_memoria(
                memoria_passage("En una carta enviada a OGP", "el gobierno decidió salir de la Alianza."),
                memoria_passage("En la citada carta", "con las que se ha colaborado”."),
            ),
        ),
        doc(
            "carta", "carta-osc-a-ogp-2023",
            "Carta del Observatorio Nacional Ciudadano y de Equis Justicia para las Mujeres a OGP",
            "Carta de junio de 2023 de dos organizaciones del Núcleo Promotor a la Alianza. Dicen que el "
            "plan hecho en conjunto con el gobierno no se publicó ni se aplicó. El archivo no tiene una copia: "
            "la ficha da su dirección original.",
            when=(date(2023, 6, 1), MONTH), phase="suspension-y-salida",
            actors=[("observatorio-nacional-ciudadano", "signatory"), ("equis", "signatory"), ("ogp", "addressee")],
            source_url="https://www.opengovpartnership.org/wp-content/uploads/2023/06/Carta-OSC-CDMX-para-OGP.pdf",
            original_holder=OGP_SITE,
            fields={
                "signatories": "Observatorio Nacional Ciudadano\nEquis Justicia para las Mujeres",
                "addressee": "Alianza para el Gobierno Abierto (OGP Local)",
            },
            body=cited_by_memoria(
                memoria_passage("Sin embargo, las organizaciones de la sociedad civil de la ciudad",
                                "no se ha publicado ni implementado."),
                memoria_passage("Carta del Observatorio Nacional Ciudadano", "Carta-OSC-CDMX-para-OGP.pdf>."),
            ),
            related=[("carta-del-gobierno-cdmx-a-ogp-2023-01-11", "related")],
        ),
        doc(
            "carta", "carta-grupo-asesor-a-ogp-2023",
            "Carta de integrantes del Grupo Asesor a OGP",
            "Carta de junio de 2023 de integrantes del eje de Participación ciudadana del Grupo Asesor a Rudi "
            "Borrmann, director de OGP Local. Dicen que el plan que hicieron con el gobierno no se publicó ni se "
            "aplicó. El archivo no tiene una copia: la ficha da su dirección original.",
            when=(date(2023, 6, 1), MONTH), phase="suspension-y-salida",
            actors=[("rudi-borrmann", "addressee"), ("ogp", "addressee")],
            axes=["participacion-ciudadana"],
            source_url="https://www.opengovpartnership.org/wp-content/uploads/2023/06/Carta-OGP_Grupo-Asesor-CDMX.pdf",
            original_holder=OGP_SITE,
            fields={
                "signatories": "Integrantes del eje «Participación ciudadana y derecho a la información» del Grupo "
                "Asesor",
                "addressee": "Rudi Borrmann, director del Programa Local de OGP",
            },
            body=cited_by_memoria(
                memoria_passage("Carta firmada por miembros del eje", "Carta-OGP_Grupo-Asesor-CDMX.pdf."),
            ),
            related=[("carta-del-gobierno-cdmx-a-ogp-2023-01-11", "related")],
        ),
    ]

    presentations = [
        doc(
            "presentacion", "mexico-y-la-alianza-para-el-gobierno-abierto-2014",
            "México y la Alianza para el Gobierno Abierto",
            "Diapositivas sobre la participación de México en la Alianza para el Gobierno Abierto, mostradas en "
            "la Semana de la Transparencia y Parlamento Abierto de 2014. Cuentan el plan de acción nacional "
            "2013-2015 y los retos de un gobierno abierto.",
            when=(date(2014, 3, 12), DAY), phase="antecedentes",
            actors=[("gobierno-de-mexico", "mentioned"), ("stt", "mentioned"), ("ogp", "mentioned")],
            elements=["participacion-y-cocreacion"],
            fields={"event": "Semana de la Transparencia y Parlamento Abierto"},
            corpus=corpus_document(
                "2014-mexico-y-la-alianza-semana-transparencia.txt", caps_titles=True,
                headings=["Visión", "Co-creación: una visión de país", "Momento coyuntural"],
            ),
        ),
        doc(
            "presentacion", "ii-cumbre-nacional-de-gobierno-abierto-2019",
            "II Cumbre Nacional de Gobierno Abierto: hacia la construcción del 4° Plan de Acción de AGA 2019-2021",
            "Diapositivas del INAI para la II Cumbre Nacional de Gobierno Abierto. Repasan los tres planes de "
            "acción de México en la Alianza, lo que se aprendió de ellos y cómo se haría el cuarto plan.",
            when=(date(2019, 5, 6), DAY), phase="antecedentes",
            actors=[("maria-jose-montiel-cuatlayol", "author"), ("inai", "author"), ("sfp", "participant"),
                    ("nosc", "participant"), ("stt", "mentioned"), ("ogp", "mentioned")],
            elements=["participacion-y-cocreacion", "transparencia-y-rendicion-de-cuentas"],
            fields={
                "event": "II Cumbre Nacional de Gobierno Abierto «Gobierno abierto contra la desigualdad», "
                "6 al 8 de mayo de 2019",
                "presenter": "Mtra. María José Montiel Cuatlayol, Directora de Gobierno Abierto, INAI",
            },
            corpus=corpus_document(
                "2019-cumbre-nacional-gobierno-abierto-inai.txt", caps_titles=True,
                headings=["Gobierno Abierto en México", "2011-2012 (P1 y Plan ampliado)", "P2 (2013-2015)",
                          "P3 (2016-2018)", "Lecciones", "P4 (2019-2021)"],
            ),
        ),
        doc(
            "presentacion", "foro-retos-y-perspectivas-gobierno-abierto-cdmx",
            "Foro: Retos y perspectivas para el Gobierno Abierto en la Ciudad de México",
            "Diapositivas del Núcleo de la Sociedad Civil para el Gobierno Abierto en la Ciudad de México: qué "
            "es el gobierno abierto, qué dicen las leyes de transparencia y qué faltaba para tener un plan de "
            "acción local. No tienen fecha; son de antes de 2020.",
            when=(None, UNKNOWN), date_note="antes de 2020", phase="antecedentes",
            actors=[("david-herrera-martell", "author"), ("nucleo-sociedad-civil-cdmx", "author"),
                    ("info-cdmx", "mentioned"), ("stl", "mentioned")],
            elements=["participacion-y-cocreacion"],
            fields={
                "event": "Foro: Retos y Perspectivas para el Gobierno Abierto en la Ciudad de México",
                "presenter": "Mtro. David I. Herrera Martell, Núcleo de la Sociedad Civil para el Gobierno "
                "Abierto en la CDMX",
            },
            corpus=corpus_document("foro-retos-perspectivas-gobierno-abierto-cdmx.txt"),
        ),
        doc(
            "presentacion", "sesion-preguntas-respuestas-grupo-asesor-2021",
            "Alianza por el Gobierno Abierto (AGA) CDMX: sesión de preguntas y respuestas de la convocatoria del "
            "Grupo Asesor",
            "Diapositivas de la sesión informativa para quienes querían entrar al Grupo Asesor. Explican el "
            "primer plan de acción, qué haría el Grupo Asesor, el papel del órgano garante y qué es la Alianza. "
            "Se presentó en 2021, mientras la convocatoria estaba abierta; no se sabe el día.",
            when=(date(2021, 1, 1), YEAR),
            date_note="durante la convocatoria del Grupo Asesor, febrero-marzo de 2021",
            phase="grupo-asesor",
            actors=[("adip", "participant"), ("alcaldia-cuauhtemoc", "participant"), ("info-cdmx", "participant"),
                    ("ilsb", "participant"), ("ogp", "participant"), ("viridiana-hernandez", "participant"),
                    ("leticia-reyes", "participant"), ("maria-del-carmen-nava-polina", "participant"),
                    ("tania-martinez", "participant"), ("rudi-borrmann", "participant")],
            elements=["participacion-y-cocreacion"],
            fields={
                "event": "Sesión de preguntas y respuestas de la convocatoria del Grupo Asesor",
                "presenter": "Viridiana Hernández (ADIP), Leticia Reyes (Alcaldía Cuauhtémoc), Tania Martínez "
                "(ILSB), María del Carmen Nava Polina (INFO CDMX) y Rudi Borrmann (OGP)",
            },
            corpus=corpus_document("2021-grupo-asesor-sesion-preguntas-respuestas.txt", caps_titles=True),
            related=[("convocatoria-grupo-asesor-2021", "responds_to")],
        ),
    ]

    cited = [d["slug"] for d in calls + guidelines + letters]
    memoria = doc(
        "informe", "memoria-del-proceso-2020-2023",
        "Memoria del Proceso del Primer Plan de Acción de Gobierno Abierto de la Ciudad de México, bajo el "
        "modelo de la Alianza para el Gobierno Abierto, 2020-2023",
        "Informe del equipo de Estado Abierto de INFO CDMX que cuenta todo el proceso del primer plan de acción: "
        "quién participó, cómo se trabajó, las etapas, las pausas y la salida de la Ciudad de la Alianza en "
        "2023. Cierra con comentarios de integrantes del Grupo Asesor y del Núcleo Promotor.",
        when=(date(2023, 1, 1), YEAR), phase="cierre-y-memoria",
        actors=[("info-cdmx", "author"), ("maria-del-carmen-nava-polina", "participant"),
                ("adip", "mentioned"), ("alcaldia-cuauhtemoc", "mentioned"), ("gobierno-cdmx", "mentioned"),
                ("consejo-de-gobierno-abierto", "mentioned"), ("ogp", "mentioned"), ("rudi-borrmann", "mentioned"),
                ("fundacion-avina", "mentioned"), ("equis", "mentioned"), ("ilsb", "mentioned"),
                ("observatorio-nacional-ciudadano", "mentioned"), ("territorio-nomada", "mentioned"),
                ("articulo-19", "mentioned"), ("mexico-evalua", "mentioned"), ("gift", "mentioned"),
                ("bios", "mentioned"), ("arkemtria-social", "mentioned"), ("red-nacional-de-refugios", "mentioned")],
        axes=["transparencia-fiscal", "gobierno-digital", "medio-ambiente", "participacion-ciudadana",
              "genero-e-inclusion"],
        elements=["memoria-y-archivo", "participacion-y-cocreacion", "transparencia-y-rendicion-de-cuentas"],
        original_holder="INFO CDMX, equipo de Estado Abierto (La Morena 865, Col. Narvarte Poniente, Alcaldía "
        "Benito Juárez, C.P. 03020, Ciudad de México)",
        licence="cc-by-nc-nd-2.5-mx",
        fields={"report_type": "memoria", "publisher": "Equipo de Estado Abierto, INFO CDMX", "pages": 22},
        corpus=corpus_document(
            MEMORIA_FILE, drop_lines=MEMORIA_HEADER_LINES, headings=MEMORIA_HEADINGS, join_page_breaks=True,
        ),
        related=[(slug, "references") for slug in cited],
    )

    def testimony(slug, title, member, body, role, start, end, summary, authors=None):
        return doc(
            "comentario", slug, title, summary,
            when=(date(2023, 1, 1), YEAR), phase="cierre-y-memoria",
            actors=[(a, "author") for a in (authors or [member])],
            original_holder="Publicado en la Memoria del proceso (INFO CDMX, 2023)",
            licence="cc-by-nc-nd-2.5-mx",
            fields={"member": member, "member_body": body, "member_role": role,
                    "comment": memoria_passage(start, end)},
            related=[(memoria["slug"], "part_of")],
        )

    testimonies = [
        testimony(
            "comentario-monica-rivas-bazan", "Comentario de Mónica Rivas Bazán sobre el proceso",
            "monica-leonor-rivas-bazan", "grupo_asesor",
            "Planificadora Territorial, Coordinadora de Territorio Nómada",
            "Como ciudadana y asesora", "se comprometa y de continuidad.",
            "Mónica Rivas Bazán, asesora del plan, cuenta que fue una experiencia valiosa de participación y "
            "que el reto es encontrar quién se comprometa a darle continuidad.",
        ),
        testimony(
            "comentario-eduard-martin-borregon", "Comentario de Eduard Martín-Borregón sobre el proceso",
            "eduard-martin-borregon", "grupo_asesor", "Persona experta del Grupo Asesor",
            "Mi experiencia como parte del grupo asesor", "muchos espacios de mejora.",
            "Eduard Martín-Borregón, del Grupo Asesor, valora la apertura del equipo de la ADIP y las "
            "discusiones sobre contrataciones públicas, y dice que el proceso fue desordenado y terminó de golpe.",
        ),
        testimony(
            "comentario-victor-castaneda", "Comentario de Víctor Castañeda sobre el proceso",
            "victor-manuel-castaneda-saldivar", "grupo_asesor",
            "Academia de Ciencia Política y Administración Urbana, Universidad Autónoma de la Ciudad de México, "
            "Cuauhtémoc",
            "1. Bajo la premisa", "como lo es INFOCDMX.",
            "Víctor Castañeda, del Grupo Asesor, explica por qué el ejercicio fue valioso, qué logró el trabajo "
            "en conjunto y cuál fue su mayor desafío: que el propio gobierno se abriera de verdad.",
        ),
        testimony(
            "comentario-zulema-oviedo-y-daniel-saavedra-llado",
            "Comentario de Zulema Oviedo y Daniel Saavedra Lladó sobre el proceso",
            "zulema-oviedo", "nucleo_promotor", "Equipo de Estado Abierto, Info CDMX",
            "Este ejercicio fue retador", "consecución de los hitos y compromisos.",
            "Zulema Oviedo y Daniel Saavedra Lladó, del equipo de Estado Abierto de INFO CDMX, cuentan su papel "
            "de mediación entre sociedad civil y gobierno y los obstáculos que alargaron y desordenaron el "
            "proceso. Lo firman en conjunto.",
            authors=["zulema-oviedo", "daniel-saavedra-llado"],
        ),
    ]

    return calls + guidelines + letters + minutes_entries() + presentations + [memoria] + testimonies


def corpus_blocks(name, options):
    return text_to_blocks((CORPUS_DIR / name).read_text(encoding="utf-8"), **options)
