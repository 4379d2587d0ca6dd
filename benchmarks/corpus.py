"""Synthetic Spanish open-government text for the benchmarks.

Word frequencies follow a Zipf-Mandelbrot law over a ranked vocabulary of the
archive's register (words and fixed phrases), so a few words occur in nearly
every document and the long tail in few: full-text costs depend on how many
documents a word matches, and uniform text would hide that. Proper names,
folios and neighbourhoods add the truly rare words people also search for.

Everything is drawn from one seeded NumPy generator, so the same seed and N
give the same archive.
"""

import numpy as np

# Content words and phrases, most frequent first: the rank sets the frequency.
# Several forms of one lemma (participación, participar) stem to one key, as
# in real text.
RANKED = """
gobierno|abierto|ciudad|información|participación|plan|acción|transparencia|proceso|sociedad civil|
propuesta|mesa|sesión|compromiso|consulta pública|datos|acceso|derecho|personas|organizaciones|
Núcleo Promotor|Grupo Asesor|cocreación|alcaldía|ciudadanía|trabajo|público|rendición de cuentas|
acuerdos|problemática|eje|metodología|seguimiento|convocatoria|integrantes|instituto|resultados|
servicios|digital|gobierno abierto|plan de acción|Ciudad de México|mujeres|comunidad|agenda|
implementación|evaluación|presupuesto|recursos|política|programa|mecanismo|diálogo|colaboración|
lineamientos|documento|informe|memoria|archivo|apertura|integridad|género|inclusión|medio ambiente|
cambio climático|contrataciones abiertas|transparencia fiscal|participación ciudadana|
derecho a la información|datos abiertos|lenguaje sencillo|formatos abiertos|OGP Local|
Alianza para el Gobierno Abierto|Alcaldía Cuauhtémoc|INFO CDMX|ADIP|Estado Abierto|
participar|proponer|presentar|acordar|revisar|publicar|elaborar|impulsar|fortalecer|garantizar|
promover|consultar|difundir|integrar|definir|identificar|analizar|coordinar|establecer|desarrollar|
informar|solicitar|responder|registrar|aprobar|considerar|construir|atender|incorporar|generar|
mejorar|facilitar|asegurar|vigilar|reportar|sistematizar|compartir|documentar|acompañar|
ciudadano|local|nacional|institucional|accesible|claro|inclusivo|efectivo|transparente|social|
ambiental|económico|jurídico|técnico|operativo|estratégico|territorial|comunitario|interinstitucional|
año|semana|fecha|equipo|reunión|espacio|tema|objetivo|meta|indicador|calendario|etapa|ruta|marco|
norma|ley|reglamento|Gaceta Oficial|portal|plataforma|herramienta|formulario|encuesta|solicitud|
respuesta|oficio|anexo|relatoría|orden del día|quórum|votación|consenso|minuta|video|carta|
presentación|comentario|lineamiento|convocante|postulación|cohorte|gobernanza|corresponsabilidad|
vecinos|colonia|barrio|pueblos originarios|juventudes|personas mayores|discapacidad|diversidad|
violencia|igualdad|cuidados|salud|educación|movilidad|agua|aire|residuos|áreas verdes|arbolado|
calidad del aire|espacio público|seguridad|protección civil|vivienda|trámites|ventanilla única|
gasto|compras públicas|licitación|adjudicación|proveedores|contratos|obra pública|auditoría|
fiscalización|rendición|cuentas|deuda|ingresos|egresos|partidas|padrón|beneficiarios|
programas sociales|subsidios|apoyos|reglas de operación|padrón de beneficiarios|
solicitudes de información|recurso de revisión|órgano garante|sujeto obligado|obligaciones de transparencia|
portal de transparencia|protección de datos personales|versión pública|clasificación|reserva|
innovación|tecnología|internet|conectividad|software libre|código abierto|interoperabilidad|
expediente electrónico|firma electrónica|gobierno digital|brecha digital|alfabetización digital|
observatorio|academia|universidad|persona experta|especialista|facilitadora|moderación|
relatora|enlace|secretaría técnica|comité|consejo|comisión|subcomisión|red|colectivo|fundación|
asociación civil|organismo internacional|cooperación|financiamiento|donantes|
campaña electoral|veda|paréntesis|suspensión|reanudación|salida|cierre|lecciones aprendidas|
buenas prácticas|recomendaciones|hallazgos|diagnóstico|línea base|hoja de ruta|cronograma|
sistematización|retroalimentación|devolución|socialización|difusión|comunicación|redes sociales|
transmisión en vivo|grabación|transcripción|subtítulos|intérprete|lengua de señas|
accesibilidad|ajustes razonables|perspectiva de género|enfoque de derechos|interseccionalidad|
no discriminación|paridad|representación|legitimidad|confianza|credibilidad|voluntad política|
cambio de administración|rotación|presupuesto participativo|contraloría social|testigo social|
declaraciones patrimoniales|conflicto de intereses|cabildeo|agenda pública|incidencia|
georreferenciación|microdatos|anonimización|metadatos|catálogo|inventario|repositorio|
tablero|visualización|mapa|infografía|glosario|preguntas frecuentes|guía|manual|protocolo|
criterios de selección|matriz|ponderación|rúbrica|puntaje|dictamen|fallo|dictaminación|
inundaciones|sequía|isla de calor|huertos urbanos|ciclovías|transporte público|peatones|
feminicidio|refugios|alerta de género|violencia digital|acoso|trabajo del hogar|
presupuesto con perspectiva de género|auditoría ciudadana|monitoreo|vigilancia ciudadana|
cuenta pública|informe de gestión|plan de desarrollo|programa de gobierno|gasto etiquetado|
fideicomiso|fondos|remanentes|subejercicio|sobreejercicio|adecuaciones presupuestarias|
justicia abierta|parlamento abierto|congreso local|iniciativa de ley|reforma|dictamen legislativo|
tecnologías cívicas|hackatón|laboratorio|prototipo|piloto|escalamiento|sostenibilidad|
"""

# Function words, with rough relative frequencies: they give sentences their
# length and shape; the index drops most of them as stop words.
FUNCTION_WORDS = [
    ("de", 30), ("la", 18), ("el", 14), ("en", 12), ("y", 12), ("los", 8), ("las", 7), ("del", 7),
    ("que", 9), ("a", 6), ("para", 6), ("con", 5), ("por", 5), ("se", 5), ("una", 3), ("un", 3),
    ("al", 3), ("su", 3), ("sus", 2), ("como", 2), ("sobre", 2), ("entre", 1), ("también", 1), ("más", 1),
]

# The long tail: names and identifiers that occur in few documents.
COLONIAS = """Roma Norte|Condesa|Doctores|Obrera|Guerrero|Morelos|Tabacalera|Juárez|Cuauhtémoc|Santa María la Ribera|
San Rafael|Peralvillo|Buenavista|Tlatelolco|Asturias|Algarín|Paulino Navarro|Tránsito|Esperanza|Atlampa|
Ex Hipódromo de Peralvillo|Vista Alegre|Ampliación Asturias|Valle Gómez|Maza|Felipe Pescador|Centro Histórico|
Hipódromo|San Simón Tolnáhuac|Nonoalco|Santa María Insurgentes|Atlacomulco|Xoco|Portales|Iztacalco|
Tepito|La Lagunilla|Mixcoac|Tacubaya|Escandón|Narvarte|Agrícola Oriental|Pantitlán|Culhuacán|Xochimilco|
Milpa Alta|Tláhuac|Santa Fe|Contadero|Cuajimalpa|Ajusco|Topilejo|San Ángel|Copilco|Pedregal de Santo Domingo"""
GIVEN_NAMES = """María|José|Guadalupe|Juan|Ana|Luis|Carmen|Jorge|Laura|Carlos|Patricia|Miguel|Rosa|Alejandro|
Verónica|Fernando|Gabriela|Ricardo|Mónica|Arturo|Leticia|Eduardo|Adriana|Sergio|Claudia|Roberto|Silvia|
Francisco|Alicia|Javier|Norma|Raúl|Elena|Héctor|Beatriz|Óscar|Teresa|Rubén|Lorena|Enrique|Itzel|Xóchitl|
Citlali|Tonatiuh|Yareli|Cuauhtli|Nayeli|Ximena|Emiliano|Valeria"""
SURNAMES = """Hernández|García|Martínez|López|González|Pérez|Rodríguez|Sánchez|Ramírez|Cruz|Flores|Gómez|
Morales|Vázquez|Reyes|Jiménez|Torres|Díaz|Gutiérrez|Ruiz|Mendoza|Aguilar|Ortiz|Moreno|Castillo|Romero|
Álvarez|Méndez|Chávez|Rivera|Juárez|Ramos|Domínguez|Herrera|Medina|Castro|Vargas|Guzmán|Velázquez|Muñoz|
Rojas|Contreras|Salazar|Luna|Ortega|Cortés|Guerrero|Estrada|Bautista|Ávila|Xolalpa|Tlacuilo|Cuatlayol|
Itzcóatl|Mixcóatl|Tezozómoc|Zacatenco|Atzompa|Ocotlán|Tepalcatl"""
MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
OFFICES = ["INFOCDMX/DEAEE", "ADIP/DGGA", "AC/DGPC", "INFOCDMX/ST", "SAF/SE", "ADIP/CGIP", "INFOCDMX/DAJ"]


def _split(text):
    return [item.strip() for item in text.replace("\n", "").split("|") if item.strip()]


RANKED_ITEMS = _split(RANKED)
RARE_NAMES = _split(COLONIAS) + _split(SURNAMES)


class TextGenerator:
    """Titles, summaries, paragraphs and names drawn from one seeded generator."""

    def __init__(self, seed, zipf_exponent=1.1, zipf_offset=2.7):
        self.rng = np.random.default_rng(seed)
        ranks = np.arange(1, len(RANKED_ITEMS) + 1, dtype=float)
        weights = 1.0 / (ranks + zipf_offset) ** zipf_exponent
        self.content_cdf = np.cumsum(weights / weights.sum())
        function_weights = np.array([w for _word, w in FUNCTION_WORDS], dtype=float)
        self.function_cdf = np.cumsum(function_weights / function_weights.sum())
        self.function_words = [word for word, _w in FUNCTION_WORDS]
        self.colonias = _split(COLONIAS)
        self.given = _split(GIVEN_NAMES)
        self.surnames = _split(SURNAMES)
        self._content_buf, self._glue_buf, self._pos = [], [], 0

    # -- low-level draws ---------------------------------------------------
    def integers(self, low, high, size=None):
        """Uniform integers in [low, high)."""
        return self.rng.integers(low, high, size=size)

    def random(self, size=None):
        return self.rng.random(size)

    def pick(self, items):
        return items[int(self.rng.integers(0, len(items)))]

    def sample(self, items, k):
        return [items[i] for i in self.rng.choice(len(items), size=k, replace=False)]

    # Words are drawn in large blocks and handed out in order: one NumPy call
    # per block instead of one per sentence keeps 100,000 documents in minutes.
    BLOCK = 1 << 20

    def _refill(self):
        content = np.searchsorted(self.content_cdf, self.rng.random(self.BLOCK), side="right")
        content = np.minimum(content, len(RANKED_ITEMS) - 1)
        glue = np.searchsorted(self.function_cdf, self.rng.random(self.BLOCK), side="right")
        glue = np.minimum(glue, len(self.function_words) - 1)
        # About 70% of content items follow a function word.
        glue_words = np.array(self.function_words + [""], dtype=object)
        glue[self.rng.random(self.BLOCK) >= 0.7] = len(self.function_words)
        self._content_buf = [RANKED_ITEMS[i] for i in content]
        self._glue_buf = list(glue_words[glue])
        self._pos = 0

    def _take(self, n):
        if self._pos + n > len(self._content_buf):
            self._refill()
        start, self._pos = self._pos, self._pos + n
        return self._content_buf[start : self._pos], self._glue_buf[start : self._pos]

    def person(self):
        return f"{self.pick(self.given)} {self.pick(self.surnames)} {self.pick(self.surnames)}"

    def _tail_clause(self):
        """A clause carrying a rare token, as real minutes and letters do."""
        choice = int(self.rng.integers(0, 5))
        if choice == 0:
            number = int(self.rng.integers(1, 3000))
            year = int(self.rng.integers(2011, 2024))
            return f"mediante el oficio {self.pick(OFFICES)}/{number:04d}/{year}"
        if choice == 1:
            return f"en la colonia {self.pick(self.colonias)}"
        if choice == 2:
            return f"según expuso {self.person()}"
        if choice == 3:
            day, month = int(self.rng.integers(1, 29)), self.pick(MONTHS)
            return f"el {day} de {month} de {int(self.rng.integers(2011, 2024))}"
        return f"con {int(self.rng.integers(2, 900))} participantes"

    # -- text ----------------------------------------------------------------
    def words(self, n_content):
        """Content items with function words between them (about 1.7 words per item)."""
        content, glue = self._take(n_content)
        return [word for pair in zip(glue, content, strict=True) for word in pair if word]

    def sentence(self, min_items=6, max_items=14):
        words = self.words(int(self.rng.integers(min_items, max_items + 1)))
        if self.rng.random() < 0.15:
            words.append(self._tail_clause())
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def text(self, n_words):
        """Sentences until about n_words words."""
        sentences, count = [], 0
        while count < n_words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def paragraphs(self, n_words):
        """About n_words words as paragraphs of 60-130 words."""
        paragraphs, count = [], 0
        while count < n_words:
            size = min(int(self.rng.integers(60, 131)), max(20, n_words - count))
            paragraph = self.text(size)
            paragraphs.append(paragraph)
            count += paragraph.count(" ") + 1
        return paragraphs

    def title_words(self, n_items):
        words = self.words(n_items)
        # A title does not end on a function word.
        while words and words[-1] in self.function_words:
            words.pop()
        return " ".join(words)

    def uuid_hex(self):
        return self.rng.bytes(16).hex()
