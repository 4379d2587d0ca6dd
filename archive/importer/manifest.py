"""Read a manifest (CSV with a header row, or JSON: a list of objects) into rows.

A manifest that cannot be read as a whole (wrong encoding, not CSV nor JSON,
a required column missing, an unknown column) is refused before anything
is written: a typo in a column name would otherwise drop that column's data
from every document without a word.
"""

import csv
import io
import json

from archive.pages.models import DOCUMENT_KINDS
from archive.spanish import count

COMMON_COLUMNS = [
    "kind", "slug", "title", "summary", "title_en", "summary_en", "date", "date_note", "phase", "actors", "axes",
    "elements", "tags", "language", "licence", "source_url", "original_holder", "files", "body", "related",
]
REQUIRED_COLUMNS = ["kind", "slug", "title"]


def kind_field_names(model):
    """The editable fields a kind adds to DocumentPage, which the manifest fills by name."""
    return [
        field.name for field in model._meta.get_fields(include_parents=False)
        if getattr(field, "concrete", False) and field.editable and not field.auto_created
        and not getattr(field, "parent_link", False) and field.model is model
    ]


KIND_COLUMNS = {kind.kind_slug: kind_field_names(kind) for kind in DOCUMENT_KINDS}
ALL_KIND_COLUMNS = sorted({name for names in KIND_COLUMNS.values() for name in names})
# Every column the importer reads, in the order the template and the import screen give them:
# the common ones, then each kind's own.
MANIFEST_COLUMNS = COMMON_COLUMNS + list(dict.fromkeys(name for names in KIND_COLUMNS.values() for name in names))
KNOWN_COLUMNS = set(MANIFEST_COLUMNS)


class ManifestError(Exception):
    """The manifest as a whole cannot be imported; the message is for the person importing."""


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(
            "El manifiesto no está en UTF-8. Guárdalo como «CSV UTF-8» (o JSON en UTF-8) y vuelve a intentarlo."
        ) from exc


def _cell(value):
    """JSON values as the text a CSV cell would hold: lists join with «; »."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, bool | dict):
        raise ValueError
    return str(value).strip()


def _json_rows(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"El manifiesto JSON no se puede leer (línea {exc.lineno}): {exc.msg}.") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ManifestError("El manifiesto JSON debe ser una lista de objetos, uno por documento.")
    rows = []
    for number, item in enumerate(data, start=1):
        row = {}
        for key, value in item.items():
            try:
                row[str(key).strip()] = _cell(value)
            except ValueError as exc:
                raise ManifestError(
                    f"Documento {number}, campo «{key}»: usa texto, un número o una lista de textos."
                ) from exc
        rows.append(row)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return columns, rows


def _csv_rows(text):
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in Spanish locales save CSV with «;» between cells.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ManifestError("El manifiesto está vacío: la primera fila debe nombrar las columnas.")
        columns = [cell.strip() for cell in header]
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines between rows
            row = {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(columns)}
            if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns):]):
                row["__error__"] = (
                    f"la fila tiene {count(len(cells), 'celda')} y el encabezado {count(len(columns), 'columna')} "
                    "(¿falta poner entre comillas un texto con comas?)."
                )
            rows.append(row)
    except csv.Error as exc:
        raise ManifestError(f"El manifiesto CSV no se puede leer (línea {reader.line_num}): {exc}.") from exc
    return columns, rows


def read_manifest(data, name=""):
    """Return (columns, rows) of a manifest given as bytes; rows are dicts of column -> text."""
    text = _decode(data)
    lowered = name.lower()
    stripped = text.lstrip()
    if lowered.endswith(".json") or (not lowered.endswith(".csv") and stripped.startswith(("[", "{"))):
        columns, rows = _json_rows(text)
    elif lowered.endswith((".csv", ".txt")) or not lowered:
        if "\x00" in text:
            raise ManifestError("El manifiesto no es un archivo de texto CSV ni JSON.")
        columns, rows = _csv_rows(text)
    else:
        raise ManifestError("El manifiesto debe ser un archivo CSV (.csv) o JSON (.json).")

    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise ManifestError(f"Columnas repetidas en el manifiesto: {', '.join(duplicated)}.")
    unknown = [c for c in columns if c not in KNOWN_COLUMNS]
    if unknown:
        raise ManifestError(
            f"Columnas desconocidas: {', '.join(unknown)}. Las columnas posibles son: "
            f"{', '.join(MANIFEST_COLUMNS)}."
        )
    if not rows:
        raise ManifestError("El manifiesto no tiene ningún documento.")
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ManifestError(f"Faltan columnas obligatorias: {', '.join(missing)}.")
    return columns, rows
