"""Relevance on the demo archive: what people type, and the document they want.

Each query is written as the public writes it (no accents, a typo, a question
in plain words, an acronym or the name it stands for, another form of the
word the text uses) and names by slug the ONE document of the demo that
answers it; every query relies on words the document's title, summary, body
or attached text really holds, in some form. The suite fails when an expected
document is not among the first ten hits or the mean reciprocal rank at ten
falls under the floor, and prints each query's rank and each category's MRR
so a change in ranking can be judged, and the weak kind of query seen, not
just counted.
"""

import pytest
from django.core.management import call_command

from search.engine import search
from search.params import SearchParams

MEMORIA = "memoria-del-proceso-2020-2023"
FORO = "foro-retos-y-perspectivas-gobierno-abierto-cdmx"
CUMBRE_2019 = "ii-cumbre-nacional-de-gobierno-abierto-2019"
ALIANZA_2014 = "mexico-y-la-alianza-para-el-gobierno-abierto-2014"
# The 2021 Q&A session is in the demo twice: its slides and the video made
# from them, with the same words. Either answers a query about the session.
SELECCION = "seleccion-de-problematicas-2022"
PREGUNTAS_GA = ("sesion-preguntas-respuestas-grupo-asesor-2021", "sesion-preguntas-respuestas-grupo-asesor-2021-video")
CARTA_GOBIERNO = "carta-del-gobierno-cdmx-a-ogp-2023-01-11"
CARTA_OSC = "carta-osc-a-ogp-2023"
CARTA_GA = "carta-grupo-asesor-a-ogp-2023"
CARTA_APOYO = "carta-de-apoyo-ciudad-de-mexico-y-cuauhtemoc"
CONVOCATORIA_GA = "convocatoria-grupo-asesor-2021"
CONVOCATORIA_OSC = "convocatoria-osc-nucleo-promotor-2022"
LINEAMIENTOS = "lineamientos-de-trabajo-2021"
METODOLOGIA = "mesas-colaborativas-de-cocreacion-2021"
PROTOCOLO = "protocolo-apertura-transparencia-riesgo"
INAUGURAL = "sesion-inaugural-mesas-de-cocreacion-2022-10-24"
ALCALDIAS = "reunion-con-alcaldias-2022-11-22"
CIERRE = "presentacion-de-compromisos-y-cierre-2022-11-24"
ZULEMA_DANIEL = "comentario-zulema-oviedo-y-daniel-saavedra-llado"

# The Memoria tells the whole process, so it matches most queries; a query
# expects it only when the Memoria alone holds the answer (a date, a list of
# members, an event no other document records).
RELEVANCE_SET = {
    # A title half remembered: some of its words, in its order, without accents.
    "titles as remembered": [
        ("memoria del proceso", MEMORIA),
        ("memoria", MEMORIA),
        ("convocatoria grupo asesor", CONVOCATORIA_GA),
        ("lineamientos de trabajo", LINEAMIENTOS),
        ("metodologia mesas colaborativas", METODOLOGIA),
        ("carta de apoyo cuauhtemoc", CARTA_APOYO),
        ("preguntas y respuestas grupo asesor", PREGUNTAS_GA),
        ("foro retos perspectivas", FORO),
        ("cumbre nacional gobierno abierto INAI", CUMBRE_2019),
        ("mesa genero inclusion primera sesion", "mesa-genero-e-inclusion-2022-11-08"),
        ("sesion inaugural mesas cocreacion", INAUGURAL),
        ("reunion alcaldias", ALCALDIAS),
        ("manual ogp local", "manual-de-ogp-local-2021"),
        ("transparencia fiscal contrataciones abiertas segunda sesion", "mesa-transparencia-fiscal-2022-11-15"),
        ("medio ambiente cambio climatico primera sesion", "mesa-medio-ambiente-2022-11-03"),
        # The summary: «dos organizaciones del Núcleo Promotor»; the body: «En cartas dirigidas a OGP, las
        # organizaciones de la sociedad civil».
        ("carta de las organizaciones de la sociedad civil a ogp", CARTA_OSC),
    ],
    # A question in plain words: the answer's words are in the document, the
    # question words («quienes», «cuando», «por que») are not.
    "questions": [
        # «Fue integrado por la Agencia Digital ... También integraron el Núcleo Promotor las organizaciones ...»
        ("quienes integraron el nucleo promotor", MEMORIA),
        # «El 6 de junio de 2023, se anunció que la Ciudad de México ya no formaría parte de la Alianza»,
        # under «Salida de la Ciudad de México de OGP Local»; the government's letter gives its reasons, not the day.
        ("cuando salio la ciudad de la alianza", MEMORIA),
        # «el Gobierno de la Ciudad explicó a OGP por qué dejaba la Alianza»
        ("por que la ciudad dejo la alianza", CARTA_GOBIERNO),
        # «¿Qué es Gobierno Abierto? Es la oportunidad que tiene la sociedad civil y el gobierno ...»
        ("que es el gobierno abierto", FORO),
        # «ACTIVIDADES DEL GRUPO ASESOR»; summary: «qué haría el Grupo Asesor».
        ("que hace el grupo asesor", PREGUNTAS_GA),
        # «En la instalación del Consejo, el 29 de marzo de 2019»
        ("cuando se instalo el consejo de gobierno abierto", MEMORIA),
        # «el Plan de Acción tendría que haber sido publicado en la Gaceta Oficial ... no se llevó a cabo»
        ("se publico el plan en la gaceta oficial", MEMORIA),
        # «la postulación fue firmada por el Titular de la Agencia Digital ... así como por el Alcalde en Cuauhtémoc»
        ("quien firmo la postulacion de la ciudad", CARTA_APOYO),
        # «Lecciones» of the three national plans; summary: «lo que se aprendió de ellos».
        ("que lecciones dejaron los planes de accion de mexico", CUMBRE_2019),
        # «Por ella entraron el Observatorio Nacional Ciudadano y Territorio Nómada.»
        ("como entro territorio nomada al nucleo promotor", CONVOCATORIA_OSC),
        # «Paréntesis al proceso de cocreación»; summary: «las etapas, las pausas».
        ("por que se pauso la cocreacion", MEMORIA),
        # «hasta febrero de 2023, fecha en que se declararon suspendidos los trabajos»
        ("cuando se suspendieron los trabajos del plan", MEMORIA),
        # Summary: «qué faltaba para tener un plan de acción local».
        ("que faltaba para tener un plan de accion local", FORO),
        # «Rudi Borrmann, director de OGP Local, alentó a las personas reformadoras de la ciudad ...»
        ("que dijo rudi borrmann sobre la salida", MEMORIA),
    ],
    # One slip per word, as hands make them: a letter missed, doubled, swapped
    # with its neighbour, or s/c/z and b/v confused.
    "typos": [
        ("transparensia fiscal segunda sesion", "mesa-transparencia-fiscal-2022-11-15"),
        ("metodologia de cocreasion", METODOLOGIA),
        ("convocatria grupo asesor", CONVOCATORIA_GA),
        ("lineamentos de trabajo", LINEAMIENTOS),
        ("carta de apoyo cuahtemoc", CARTA_APOYO),
        ("protocolo de apertura y trasparencia", PROTOCOLO),
        ("reunion con las alcadias", ALCALDIAS),
        ("mesa genero e inclucion segunda sesion", "mesa-genero-e-inclusion-2022-11-16"),
        ("cumbre nacional de gobieno abierto", CUMBRE_2019),
        ("memoria del proseso", MEMORIA),
        ("carta observatorio nacional ciudadno", CARTA_OSC),
        ("foro retos govierno abierto", FORO),
        ("consulta publica cuautemoc", "consulta-publica-2020-alcaldia-cuauhtemoc"),
        # Footnote 17: «El ILSB dejó de participar en el proceso el 6 de septiembre de 2022.»
        ("cuando dejo de participar el instituto simone de beauvior", MEMORIA),
        ("comentario eduard martin boregon", "comentario-eduard-martin-borregon"),
        # The question-and-answer slides spell him «Rudi Bormann».
        ("carta a rudi borman", CARTA_GA),
        ("comentario monica ribas", "comentario-monica-rivas-bazan"),
    ],
    # Accents and ñ left out where the text has them, in the words that tell the document apart.
    "no accents": [
        ("participacion ciudadana derecho a la informacion primera sesion", "mesa-participacion-ciudadana-2022-10-27"),
        ("gobierno digital servicios publicos segunda sesion", "mesa-gobierno-digital-2022-11-10"),
        ("comentario victor castaneda", "comentario-victor-castaneda"),
        ("zulema oviedo daniel saavedra llado", ZULEMA_DANIEL),
        ("presentacion de compromisos y cierre", CIERRE),
        ("mexico y la alianza para el gobierno abierto", ALIANZA_2014),
        # «ÓRGANO GARANTE EN UN PROCESO LOCAL DE APERTURA»
        ("organo garante proceso local de apertura", PREGUNTAS_GA),
        ("prevencion reaccion recuperacion ante el riesgo", PROTOCOLO),
        # «Las Organizaciones de Sociedad Civil que acompañaron este proceso local incluyeron a Artículo 19, ...»
        ("organizaciones que acompanaron la postulacion", MEMORIA),
    ],
    # An acronym where the text spells the name, or the name where it has the
    # acronym (search/synonyms.py, DOMAIN.md «Names people search by»).
    "acronyms": [
        # Title: «Alianza por el Gobierno Abierto (AGA) CDMX».
        ("preguntas AGA CDMX", PREGUNTAS_GA),
        ("sesion de preguntas alianza gobierno abierto ciudad de mexico", PREGUNTAS_GA),
        # «Manual de la Alianza para el Gobierno Abierto que explica las reglas de OGP Local»
        ("manual open government partnership local", "manual-de-ogp-local-2021"),
        # Summary: «como la ADIP»; body: «incluida la Agencia Digital de Innovación Pública».
        ("agencia digital de innovacion publica salida de la alianza", CARTA_GOBIERNO),
        # «Sin embargo, este trámite no se llevó a cabo por parte de la ADIP.»
        ("por que la ADIP no publico el plan", MEMORIA),
        # «Protocolo del equipo de Estado Abierto de INFO CDMX ... después de una emergencia»
        ("protocolo infocdmx emergencia", PROTOCOLO),
        ("protocolo de riesgo del instituto de transparencia", PROTOCOLO),
        ("comentario del equipo de estado abierto info cdmx", ZULEMA_DANIEL),
        # «EXPERIENCIAS DE OSC EN PROCESOS DE APERTURA — Tania Martínez, Instituto de Liderazgo Simone de Beauvoir»
        ("experiencias de osc ILSB", PREGUNTAS_GA),
        ("cuando dejo el ILSB el nucleo promotor", MEMORIA),
        # «Establecer entre los representantes del STL, la fecha de la Instalación formal del mismo»
        ("instalacion del secretariado tecnico local", FORO),
        ("que es el STL", FORO),
        # «Secretariado Técnico Tripartita como mejor práctica a nivel global»
        ("STT mejor practica global", ALIANZA_2014),
        # «El NOSC denunció actos de vigilancia ilegal ... Se produjo su salida del STT»
        ("salida del NOSC del STT", CUMBRE_2019),
        ("directora de gobierno abierto del instituto nacional de transparencia", CUMBRE_2019),
        # «El monitoreo y seguimiento de los compromisos mediante un "Tablero público"»
        ("INAI tablero publico", CUMBRE_2019),
        ("consejo de gobierno abierto cdmx", MEMORIA),
        # Title: «Convocatoria sobre la incorporación de OSCs ...»
        ("incorporacion de organizaciones de la sociedad civil al nucleo promotor", CONVOCATORIA_OSC),
        # «El papel de liderazgo de México en la AGA es crucial»
        ("liderazgo de mexico en la alianza para el gobierno abierto", ALIANZA_2014),
        # The deck announces the forum «Vigilancia del Estado» at the Secretaría de la Función Pública.
        ("SFP foro vigilancia del estado", CUMBRE_2019),
    ],
    # Another form of the word the text uses: a verb for a noun, another tense
    # or person, a number written as a word.
    "verb and derived forms": [
        # «Equis Justicia para las Mujeres y Observatorio Nacional Ciudadano, se desincorporaron del Núcleo Promotor»
        ("cuando se desincorporo equis del nucleo promotor", MEMORIA),
        ("organizaciones de la sociedad civil denunciaron vigilancia ilegal", CUMBRE_2019),
        ("inauguracion de las mesas de cocreacion", INAUGURAL),
        # Title: «Presentación de compromisos y cierre de las mesas»; summary: «se cerraron las mesas».
        ("cuando cerraron las mesas de cocreacion", CIERRE),
        ("se entregaron los acuerdos a las alcaldias", ALCALDIAS),
        # «A partir del 18 de octubre de 2022, se incorporó la Red Nacional de Refugios al Grupo Asesor.»
        ("cuando se incorporo la red nacional de refugios", MEMORIA),
        # «La siguiente etapa fue la Selección de Problemáticas.»
        # The record of the selection itself, since the demo has it; the Memoria tells it too.
        ("como se seleccionaron las problematicas", (SELECCION, MEMORIA)),
        # «Carta firmada por miembros del eje ... dirigida a Rudi Borrmann»
        ("quienes firmaron la carta a rudi borrmann", CARTA_GA),
        # «8 países fundadores en 2011»
        ("cuantos paises fundaron la alianza", ALIANZA_2014),
        # «Las integrantes del Núcleo Promotor se reunieron semanalmente los días viernes»
        ("cada cuando se reunia el nucleo promotor", MEMORIA),
        # «II Cumbre Nacional de Gobierno Abierto»
        ("segunda cumbre nacional de gobierno abierto", CUMBRE_2019),
        ("cuarto plan de accion de mexico", CUMBRE_2019),
        # «P3 (2016-2018) ... Sin embargo, este Tercer plan no pudo implementarse.»
        ("tercer plan de accion de mexico", CUMBRE_2019),
    ],
    # A compound joined where the text splits it, or split where it joins it.
    "compounds": [
        # «México es co-Presidente y será Presidente de la Alianza para el Gobierno Abierto en 2015.»
        ("copresidente de la alianza", ALIANZA_2014),
        # «Co-creación: una visión de país»
        ("cocreacion una vision de pais", ALIANZA_2014),
        # «MESAS DE CO-CREACIÓN — Mesas de co-creación y hojas de ruta»
        ("mesas de cocreacion y hojas de ruta", PREGUNTAS_GA),
        ("metodologia de co-creacion", METODOLOGIA),
        ("sesion inaugural de las mesas de co-creacion", INAUGURAL),
        # «Programa de Auto Formación»
        ("programa de autoformacion", FORO),
    ],
    # A person's name, whole or in part, alone or with what they did.
    "names of people": [
        ("comentario eduard martin borregon", "comentario-eduard-martin-borregon"),
        ("monica rivas", "comentario-monica-rivas-bazan"),
        ("maria jose montiel cuatlayol", CUMBRE_2019),
        ("david herrera martell", FORO),
        ("rudi borrmann carta", CARTA_GA),
        ("tania martinez experiencias de osc", PREGUNTAS_GA),
        ("zulema oviedo", ZULEMA_DANIEL),
        ("daniel saavedra", ZULEMA_DANIEL),
        # «Emilienne de León Aulina, quien dejó de ser parte del ente el 24 de marzo de 2022»
        ("cuando dejo emilienne de leon el grupo asesor", MEMORIA),
        # Footnote 14: «Dra. Claudia Sheinbaum Pardo instala Primer Consejo de Gobierno Abierto»
        ("claudia sheinbaum consejo de gobierno abierto", MEMORIA),
        # The slides print «Comisionada María del Carmen NavaPolina» under «ÓRGANO GARANTE».
        ("carmen nava polina organo garante", PREGUNTAS_GA),
        # «PRIMER PLAN DE ACCIÓN DE GOBIERNO ABIERTO EN CDMX — Viridiana Hernández»
        ("viridiana hernandez primer plan de accion cdmx", PREGUNTAS_GA),
    ],
    # A day, month or year, written as people write dates.
    "dates and years": [
        ("semana de la transparencia 2014", ALIANZA_2014),
        ("mesa gobierno digital 27 de octubre", "mesa-gobierno-digital-2022-10-27"),
        ("mesa transparencia fiscal 3 de noviembre", "mesa-transparencia-fiscal-2022-11-03"),
        ("sesion del 16 de noviembre", "mesa-genero-e-inclusion-2022-11-16"),
        ("carta 11 de enero 2023", CARTA_GOBIERNO),
        ("cumbre gobierno abierto mayo 2019", CUMBRE_2019),
        ("convocatoria 27 de septiembre 2022", CONVOCATORIA_OSC),
        ("carta de apoyo abril 2021", CARTA_APOYO),
        ("convocatoria 4 de febrero 2021", CONVOCATORIA_GA),
        ("carta junio 2023 observatorio", CARTA_OSC),
        # «El 6 de junio de 2023, se anunció que la Ciudad de México ya no formaría parte de la Alianza»
        ("que paso el 6 de junio de 2023", MEMORIA),
    ],
    # The plural where the title has the singular, or the other way round.
    "plural and singular": [
        ("convocatorias organizaciones nucleo promotor", CONVOCATORIA_OSC),
        ("cartas de integrantes del grupo asesor", CARTA_GA),
        ("lineamiento de trabajo", LINEAMIENTOS),
        # «cierre de la mesa colaborativa de cocreación»
        ("mesa colaborativa de cocreacion", METODOLOGIA),
        ("reuniones con alcaldias", ALCALDIAS),
    ],
    # The title's words in another order.
    "word order": [
        ("salida de la alianza carta gobierno", CARTA_GOBIERNO),
        ("asesor grupo convocatoria 2021", CONVOCATORIA_GA),
        ("perspectivas y retos del gobierno abierto foro", FORO),
        ("alcaldias reunion acuerdos", ALCALDIAS),
        ("cuauhtemoc y ciudad de mexico carta de apoyo", CARTA_APOYO),
        ("segunda sesion mesa medio ambiente", "mesa-medio-ambiente-2022-11-15"),
    ],
}
# Mean reciprocal rank over the first ten hits (a document found lower counts
# as not found), the floor issue 15 asks of a search that answers questions
# and forgives typos.
CUTOFF = 10
MRR_FLOOR = 0.95


@pytest.fixture(autouse=True)
def fresh_search_index():
    """The demo's index is built once for the module (tests/conftest.py empties it per test elsewhere)."""
    yield


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker):
    from django.db import transaction
    from django.test import TestCase

    from search import indexing
    from search.backends.embedded import embedded_backend

    with django_db_blocker.unblock():
        # The module's demo lives in one transaction, rolled back at the end:
        # nothing of it (files, codes, records) is left for the next module.
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # An empty index: the last test of another module may have left documents
            # in it (this module keeps its index across tests), which would shift ranks.
            embedded_backend().reset()
            # Index at once rather than on commit: the transaction never commits.
            original, indexing.defer = indexing.defer, lambda callback: callback()
            try:
                # Files are read after their transaction commits (archive/worker),
                # which this one never does: run those jobs as it would.
                with TestCase.captureOnCommitCallbacks(execute=True):
                    call_command("load_demo", verbosity=0)
            finally:
                indexing.defer = original
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            embedded_backend().reset()


def rank_of(query, slug):
    """The position of the first relevant document; `slug` may name several equally right answers."""
    slugs = (slug,) if isinstance(slug, str) else slug
    result = search(SearchParams(q=query))
    urls = [hit.record.url for hit in result.hits]
    for position, url in enumerate(urls, start=1):
        if any(url.rstrip("/").endswith("/" + one) for one in slugs):
            return position
    return None


def reciprocal_rank(rank):
    return 1 / rank if rank and rank <= CUTOFF else 0.0


def mean_reciprocal_rank(ranks):
    return sum(reciprocal_rank(rank) for rank in ranks) / len(ranks)


@pytest.mark.django_db
def test_mean_reciprocal_rank_on_the_demo_archive(demo_archive, capsys):
    from archive.pages.models import DocumentPage

    # A slug mistyped here, or renamed in the demo, would read as the engine's miss.
    expected = {one for pairs in RELEVANCE_SET.values() for _q, slug in pairs
                for one in ((slug,) if isinstance(slug, str) else slug)}
    unknown = expected - set(DocumentPage.objects.live().values_list("slug", flat=True))
    assert not unknown, f"the relevance set expects documents the demo does not have: {sorted(unknown)}"

    ranks = {
        category: [(query, rank_of(query, slug)) for query, slug in pairs] for category, pairs in RELEVANCE_SET.items()
    }
    every = [rank for pairs in ranks.values() for _q, rank in pairs]
    mrr = mean_reciprocal_rank(every)
    misses = [query for pairs in ranks.values() for query, rank in pairs if not reciprocal_rank(rank)]
    with capsys.disabled():
        print(f"\nMRR@{CUTOFF} {mrr:.3f} over {len(every)} queries (floor {MRR_FLOOR})")
        for category, pairs in ranks.items():
            print(f"\n  {category}: MRR@{CUTOFF} {mean_reciprocal_rank([r for _q, r in pairs]):.3f}")
            for query, rank in pairs:
                print(f"    {rank or '-':>3}  {query}")
        print("\n  by category:")
        for category, pairs in ranks.items():
            print(f"    {mean_reciprocal_rank([r for _q, r in pairs]):.3f}  {category} ({len(pairs)})")
        print(f"\n  not in the first {CUTOFF}: {len(misses)}")
        for query in misses:
            print(f"    {query}")
    assert not misses, f"every expected document is among the first {CUTOFF} hits; missed: {misses}"
    assert mrr >= MRR_FLOOR
