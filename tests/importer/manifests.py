"""Manifest rows for the importer's tests."""

import csv
import io

COLUMNS = [
    "kind", "slug", "title", "summary", "date", "phase", "actors", "axes", "elements", "tags", "files", "body",
    "related", "meeting_body", "opening_date", "closing_date",
]


def row(**values):
    return {column: values.get(column, "") for column in COLUMNS}


def csv_text(rows, columns=COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def minutes_row(**overrides):
    values = {
        "kind": "minuta", "slug": "sesion-2022-03-04", "title": "Minuta del 4 de marzo de 2022",
        "summary": "El Núcleo Promotor acordó abrir la consulta.", "date": "2022-03",
        "phase": "consulta-publica", "actors": "adip:autor; info-cdmx", "axes": "genero-e-inclusion",
        "elements": "memoria-y-archivo", "tags": "acuerdos; sesión", "files": "archivos/minuta.pdf|minuta firmada",
        "body": "Primer párrafo.\nCon salto de línea.\n\nSegundo párrafo <script>alert(1)</script>",
        "meeting_body": "Núcleo Promotor",
    }
    values.update(overrides)
    return row(**values)


def call_row(**overrides):
    values = {
        "kind": "convocatoria", "slug": "consulta-2022", "title": "Convocatoria a la consulta pública",
        "summary": "Invitación a proponer problemas públicos.", "date": "2022-07-05", "phase": "consulta-publica",
        "files": "archivos/convocatoria.pdf; archivos/datos.csv|datos abiertos",
        "related": "minuta/sesion-2022-03-04:responds_to",
        "opening_date": "2022-07-05", "closing_date": "2022-09-05",
    }
    values.update(overrides)
    return row(**values)
