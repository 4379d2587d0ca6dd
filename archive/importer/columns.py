"""What each manifest column holds: the import screen's explanation, the CSV template and the filled example.

The column list is the importer's (manifest.MANIFEST_COLUMNS), and the
accepted values come from the definitions the runner checks rows against
(kinds, date forms, roles, relations, languages, licences, the kinds' own
fields) and from the vocabularies in the database. A column added to the
importer is in the template at once; tests fail until it is explained here.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from wagtail.fields import RichTextField

from archive.attachments.formats import ACCEPTED_SUMMARY
from archive.attachments.models import FAMILY_NAMES, human_size
from archive.dates import DatePrecision
from archive.pages.models import KINDS_BY_SLUG, ActorRole, DocumentPage, Relation
from archive.taxonomy.models import Actor, Axis, OpennessElement, Phase

from .manifest import COMMON_COLUMNS, KIND_COLUMNS, MANIFEST_COLUMNS, REQUIRED_COLUMNS, read_manifest
from .runner import CHOICE_COLUMNS, DEFAULT_RELATION, DEFAULT_ROLE, RELATIONS, ROLES, field_format, parse_partial_date

# The filled example: three real documents of the demo archive as a manifest
# (tests/importer/test_columns.py checks they still say what the demo says),
# a related document before the one that names it.
EXAMPLE_MANIFEST = Path(__file__).resolve().parent / "examples" / "ejemplo-importacion.json"
# Dates as the demo archive writes them, one per precision.
DATE_SAMPLES = ["2021", "2023-06", "2021-02-04"]

REQUIRED_ALWAYS, REQUIRED_TO_CREATE, OPTIONAL = "Sí, en cada fila", "Para crear un documento", "No"

# Examples of the columns the filled example leaves empty. Those of the kinds
# it has no document of are other demo documents' (a testimony's first
# sentence); the rest show the form, not facts.
FALLBACK_EXAMPLES = {
    "axes": "participacion-ciudadana",
    "licence": "cc-by-nc-nd-2.5-mx",
    "meeting_body": "Sesión inaugural de las mesas de cocreación",
    "member": "monica-leonor-rivas-bazan",
    "member_body": "grupo_asesor",
    "member_role": "Planificadora Territorial, Coordinadora de Territorio Nómada",
    "comment": "Como ciudadana y asesora fue una experiencia significativa en un ejercicio de Gobernanza, con "
    "convocatoria abierta, transparente en el que se ejerció la democracia participativa.",
    "report_type": "memoria",
    "publisher": "Equipo de Estado Abierto, INFO CDMX",
    "pages": "22",
    "tags": "sesión semanal; acuerdos",
    "attendees": "ADIP\nAlcaldía Cuauhtémoc\nINFO CDMX",
    "agreements": "Publicar la convocatoria a la consulta pública en julio.",
    "next_steps": "Revisar el calendario de las mesas.",
    "video_file": "archivos/sesion-inaugural.mp4",
    "captions": "archivos/sesion-inaugural.vtt",
    "external_url": "https://www.youtube.com/watch?v=…",
    "duration": "01:05:30",
    "transcript": "Buenos días, damos inicio a la sesión.",
    "speakers": "Moderadora de la sesión\nPersona del Núcleo Promotor",
    "version": "2",
    "approval_date": "2021-06-23",
    "approved_by": "Núcleo Promotor y Grupo Asesor",
    "place": "Ciudad de México",
    "period_start": "2022-07-05",
    "period_end": "2022-09-05",
    "channel": "Diversos medios de comunicación",
    "audience": "Las personas de la Ciudad de México",
    "questions": "Problemáticas públicas y colectivas relacionadas con los ejes temáticos.",
    "requirements": "No representar ofensas ni actos de discriminación; estar relacionadas con los ejes temáticos.",
    "responses": "120",
    "analysed_by": "Núcleo Promotor\nGrupo Asesor",
    "received": "120",
    "selected_count": "12",
    "criteria": "Cumplir los criterios de la consulta pública.",
    "selected": "Las propuestas de solución que cumplían los criterios.",
    "merged": "Problemáticas parecidas de una misma alcaldía.",
    "set_aside": "Las que no se relacionaban con los ejes temáticos.",
}


@dataclass
class ColumnHelp:
    name: str
    what: str
    required: str
    accepted: str
    values: list = field(default_factory=list)  # [(what to write, what it means)]
    terms: list = field(default_factory=list)  # [(identifier, name)] of a vocabulary in the database
    terms_label: str = ""
    example: str = ""


@dataclass
class ColumnGroup:
    title: str
    columns: list


def _words_for(aliases, value):
    """Every word the importer reads for ``value``: the Spanish ones first, then the code itself."""
    words = [word for word, meaning in aliases.items() if meaning == value and word != value]
    return ", ".join([*words, value])


def role_word(role):
    """The Spanish word the importer reads for a role: «autor» for author."""
    return next(word for word, value in ROLES.items() if value == role and word != value)


def relation_word(relation):
    return next(word for word, value in RELATIONS.items() if value == relation and word != value)


def _terms(model):
    return list(model.objects.order_by(*model._meta.ordering).values_list("slug", "name"))


def _required(name, model_field=None):
    if name in REQUIRED_COLUMNS:
        return REQUIRED_ALWAYS
    if model_field is not None and not model_field.blank and not model_field.has_default():
        return REQUIRED_TO_CREATE
    return OPTIONAL


def _page_field(name):
    try:
        return DocumentPage._meta.get_field(name)
    except FieldDoesNotExist:  # a column the importer fills under another name (actors, files, related), or kind
        return None


def _with_default(choices, default):
    return [(value, f"{label}{' (si la celda está vacía)' if value == default else ''}") for value, label in choices]


def _common_help():
    """name -> (what, accepted, extra fields) of the columns every kind has."""
    max_title = DocumentPage._meta.get_field("title").max_length
    # The limits ArchiveDocument.clean applies to each family of formats.
    limits = ", ".join(f"{FAMILY_NAMES[family]} {human_size(size)}"
                       for family, size in getattr(settings, "ARCHIVE_UPLOAD_LIMITS", {}).items())
    return {
        "kind": ("Tipo de documento.", "Uno de estos identificadores:",
                 {"values": [(slug, model.kind_label) for slug, model in KINDS_BY_SLUG.items()]}),
        "slug": ("Identificador del documento: la última parte de su dirección, en el listado de su tipo. "
                 "Con el tipo, dice qué documento es: si ya existe se actualiza, si no se crea.",
                 "Minúsculas sin acentos, números y guiones; sin espacios.", {}),
        "title": ("Título del documento.", f"Texto, hasta {max_title} caracteres.", {}),
        "summary": ("Resumen en lenguaje sencillo: qué es el documento y por qué importa, en dos o tres frases.",
                    "Texto.", {}),
        "title_en": ("Título en inglés, para quien lee el sitio en inglés. Opcional.",
                     f"Texto, hasta {DocumentPage._meta.get_field('title_en').max_length} caracteres.", {}),
        "summary_en": ("Resumen en inglés, en dos o tres frases. Opcional.", "Texto.", {}),
        "date": ("Fecha del documento. Lo que escribes dice su precisión.",
                 f"AAAA, AAAA-MM o AAAA-MM-DD; vacía: {DatePrecision(parse_partial_date('')[1]).label.lower()}.",
                 {"values": [(sample, f"precisión: {DatePrecision(parse_partial_date(sample)[1]).label.lower()}")
                             for sample in DATE_SAMPLES]}),
        "date_note": ("Lo que se sabe de la fecha cuando es incierta.", "Texto.", {}),
        "phase": ("Etapa del proceso a la que pertenece el documento.", "El identificador de una etapa.",
                  {"terms": _terms(Phase), "terms_label": "etapas"}),
        "actors": ("Personas u organizaciones que aparecen en el documento, con su papel.",
                   f"identificador:papel, separados por «;». Sin papel: {role_word(DEFAULT_ROLE)}. Papeles:",
                   {"values": [(_words_for(ROLES, value), label) for value, label in ActorRole.choices],
                    "terms": _terms(Actor), "terms_label": "actores"}),
        "axes": ("Ejes temáticos del documento.", "Identificadores de ejes, separados por «;».",
                 {"terms": _terms(Axis), "terms_label": "ejes"}),
        "elements": ("Elementos de apertura que muestra el documento.",
                     "Identificadores de elementos, separados por «;».",
                     {"terms": _terms(OpennessElement), "terms_label": "elementos de apertura"}),
        "tags": ("Etiquetas libres.", "Textos separados por «;».", {}),
        "language": ("Idioma del documento.", "Uno de estos códigos:", {"values": _with_default(*CHOICE_COLUMNS["language"])}),
        "licence": ("Licencia con la que se puede usar el documento.", "Uno de estos códigos:",
                    {"values": _with_default(*CHOICE_COLUMNS["licence"])}),
        "source_url": ("Dónde se publicó el original, aunque ya no esté en línea.",
                       "Dirección web completa (https://…).", {}),
        "original_holder": ("Dónde se conserva el original.", "Texto.", {}),
        "files": ("Archivos del documento.",
                  "ruta|descripción, separados por «;»; la descripción es opcional. Aquí, sube los archivos "
                  "junto con el manifiesto: cada ruta se busca por el nombre del archivo. Un archivo con el "
                  f"mismo contenido que otro ya guardado no se guarda dos veces: se usa ese. {ACCEPTED_SUMMARY} "
                  f"Tamaño máximo: {limits}.", {}),
        "body": ("Contenido del documento.",
                 "Texto: una línea en blanco separa párrafos. No se lee como HTML; las direcciones web se vuelven "
                 "enlaces.", {}),
        "related": ("Otros documentos del archivo con los que se relaciona.",
                    "tipo/identificador:relación, separados por «;». El otro documento ya debe existir o venir en "
                    f"una fila anterior. Sin relación: {relation_word(DEFAULT_RELATION)}. Relaciones:",
                    {"values": [(_words_for(RELATIONS, value), label) for value, label in Relation.choices]}),
    }


def _kind_field_accepted(model_field):
    """What the runner's _kind_value reads for a kind's own field, in words."""
    if isinstance(model_field, models.ForeignKey):
        if model_field.related_model is Actor:
            return "El identificador de un actor (la lista está en la columna actors).", {}
        return "La ruta de un archivo, como en la columna files (sin descripción).", {}
    if model_field.choices:
        return "Uno de estos valores:", {"values": _with_default(model_field.flatchoices, model_field.get_default())}
    if isinstance(model_field, RichTextField):
        return "Texto: una línea en blanco separa párrafos.", {}
    if field_format(model_field):
        return capfirst(field_format(model_field)) + ".", {}
    if isinstance(model_field, models.URLField):
        return "Dirección web completa (https://…).", {}
    if isinstance(model_field, models.TextField):
        return "Texto; puede tener varias líneas.", {}
    return f"Texto, hasta {model_field.max_length} caracteres.", {}


def column_groups():
    """The explanation of every column, grouped: those of every document, then each kind's own."""
    examples = column_examples()
    common = _common_help()
    groups = [ColumnGroup("Columnas de todos los documentos", [
        ColumnHelp(name, what, _required(name, _page_field(name)), accepted, example=examples.get(name, ""), **extra)
        for name in COMMON_COLUMNS
        for what, accepted, extra in [common.get(name, ("", "", {}))]
    ])]
    for kind, names in KIND_COLUMNS.items():
        model = KINDS_BY_SLUG[kind]
        columns = []
        for name in names:
            model_field = model._meta.get_field(name)
            what = capfirst(model_field.verbose_name) + "."
            if model_field.help_text:
                what += f" {model_field.help_text}"
            accepted, extra = _kind_field_accepted(model_field)
            columns.append(ColumnHelp(name, what, _required(name, model_field), accepted,
                                      example=examples.get(name, ""), **extra))
        groups.append(ColumnGroup(f"Solo {model.kind_plural.lower()}", columns))
    return groups


# -- the filled example ----------------------------------------------------

@cache
def _example_rows():
    _, rows = read_manifest(EXAMPLE_MANIFEST.read_bytes(), EXAMPLE_MANIFEST.name)
    return rows


def example_rows():
    """The filled example's rows, every column present (a column added since is empty)."""
    return [dict.fromkeys(MANIFEST_COLUMNS, "") | row for row in _example_rows()]


def column_examples():
    """column -> an example value: from the filled example, else FALLBACK_EXAMPLES."""
    found = {}
    for row in example_rows():
        for name, value in row.items():
            if value:
                found.setdefault(name, []).append(value)

    def example(name):
        values = found.get(name, []) + ([FALLBACK_EXAMPLES[name]] if name in FALLBACK_EXAMPLES else [])
        # An empty cell gives the default already: a value that differs shows more.
        default = CHOICE_COLUMNS.get(name, (None, None))[1]
        return next((value for value in values if value != default), values[0] if values else "")

    return {name: example(name) for name in MANIFEST_COLUMNS}
