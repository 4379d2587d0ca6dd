"""Restore an export into an empty site (format: docs/archive-format.md).

Everything is checked before anything is written: every checksum, every
line, every value. Then one transaction replaces the few rows a freshly
migrated site starts with (root page, default site, locale, collection,
groups) by the export's, writes the files, resets the id sequences and
rebuilds the search index. Any failure leaves the database as it was and
removes the files already written.
"""

import json
import re
import secrets
from pathlib import Path

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import File
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, transaction
from django.utils.translation import gettext as _
from wagtail.models.view_restrictions import BaseViewRestriction

from archive import spanish

from . import registry
from .exporting import (
    CHECKSUMS,
    ENTITIES_DIR,
    FILES_DIR,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    file_fields,
    payload_paths,
    safe_relative,
    sha256_of,
)
from .serialization import deserialize

CHECKSUM_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")


class ImportRefused(Exception):
    """Anything that stops an import; the message is for people, in Spanish."""


def _read_checksums(source):
    path = source / CHECKSUMS
    if not path.is_file():
        raise ImportRefused(f"Falta {CHECKSUMS}: sin él no se puede comprobar que el respaldo esté completo.")
    expected = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = CHECKSUM_LINE.match(line)
        if not match:
            raise ImportRefused(f"{CHECKSUMS}, línea {number}: no tiene la forma «<sha256>  <ruta>».")
        expected[match.group(2)] = match.group(1)
    return expected


def verify(source):
    """Every file listed is present and intact, and nothing unlisted is there."""
    expected = _read_checksums(source)
    present = set(payload_paths(source))
    missing = sorted(set(expected) - present)
    if missing:
        raise ImportRefused(f"Faltan archivos del respaldo: {', '.join(missing[:10])}.")
    unlisted = sorted(present - set(expected))
    if unlisted:
        raise ImportRefused(f"Hay archivos que el respaldo no lista: {', '.join(unlisted[:10])}.")
    damaged = [relative for relative, digest in expected.items() if sha256_of(source / relative) != digest]
    if damaged:
        raise ImportRefused(
            f"Estos archivos no coinciden con su suma SHA-256 (están dañados o cambiaron): {', '.join(damaged[:10])}."
        )


def read_manifest(source):
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportRefused(f"No se pudo leer {MANIFEST}: {exc}.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ImportRefused(f"{MANIFEST} no describe un respaldo de Archivo Abierto.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ImportRefused(
            f"El respaldo usa la versión {manifest.get('format_version')} del formato; "
            f"esta instalación lee la versión {FORMAT_VERSION}."
        )
    entities, files = manifest.get("entities"), manifest.get("files")
    if not isinstance(entities, dict) or not all(isinstance(v, int) for v in entities.values()):
        raise ImportRefused(f"{MANIFEST}: «entities» debe dar el número de filas de cada entidad.")
    if not isinstance(files, list):
        raise ImportRefused(f"{MANIFEST}: «files» debe ser una lista.")
    for entry in files:
        keys = ("path", "storage_name", "model", "field")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in keys):
            raise ImportRefused(f"{MANIFEST}: cada archivo necesita {', '.join(keys)}.")
        model = _model_for(entry["model"])
        if (
            safe_relative(entry["storage_name"]) is None
            or entry["path"] != f"{FILES_DIR}/{safe_relative(entry['storage_name']).as_posix()}"
            or not (source / entry["path"]).is_file()
            or model is None
            or entry["field"] not in {f.name for f in file_fields(model)}
        ):
            raise ImportRefused(f"{MANIFEST} nombra un archivo que el respaldo no trae o no puede guardar: {entry['path']}.")
    return manifest


def _model_for(name):
    try:
        model = apps.get_model(name)
    except (LookupError, ValueError):
        return None
    return model


def read_entities(source, manifest):
    """(model, [DeserializedObject]) per entity, in the export's order; checks every line."""
    entities = []
    exported = {registry.label(m) for m in registry.exported_models()}
    for name, count in manifest["entities"].items():
        model = _model_for(name)
        if model is None or name not in exported:
            raise ImportRefused(f"El respaldo trae «{name}», que esta instalación no tiene o no importa.")
        path = source / ENTITIES_DIR / f"{name}.jsonl"
        if not path.is_file():
            raise ImportRefused(f"{MANIFEST} nombra {ENTITIES_DIR}/{name}.jsonl, que el respaldo no trae.")
        objects = []
        try:
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    objects.append(_read_line(name, f"{ENTITIES_DIR}/{name}.jsonl, línea {number}", line))
        except UnicodeDecodeError as exc:
            raise ImportRefused(f"{ENTITIES_DIR}/{name}.jsonl no está en UTF-8 ({exc}).") from exc
        if len(objects) != count:
            raise ImportRefused(f"{ENTITIES_DIR}/{name}.jsonl tiene {spanish.count(len(objects), 'fila')}; {MANIFEST} dice {count}.")
        entities.append((model, objects))
    # Entities this installation has and the export lacks (it was made before
    # their app existed) simply stay empty.
    return entities


def _read_line(name, where, line):
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise ImportRefused(f"{where}: no es JSON válido ({exc}).") from exc
    if not isinstance(data, dict) or data.get("model") != name or "pk" not in data:
        raise ImportRefused(f"{where}: se esperaba un objeto de «{name}» con «pk» y «fields».")
    try:
        (obj,) = deserialize([data])
    except (DeserializationError, FieldDoesNotExist, ValidationError, ValueError, TypeError, AttributeError) as exc:
        raise ImportRefused(f"{where}: un valor no es válido ({exc}).") from exc
    return obj


def ensure_empty_site():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from archive.pages.models import DocumentPage

    if (
        DocumentPage.objects.exists()
        or get_document_model().objects.exists()
        or get_image_model().objects.exists()
        or Page.objects.filter(depth__gt=2).exists()
    ):
        raise ImportRefused(
            "Este sitio ya tiene contenido (páginas, documentos o archivos). "
            "Un respaldo solo se restaura en un sitio vacío: crea una base de datos nueva, "
            "aplica «manage.py migrate» y vuelve a intentarlo."
        )


def _empty_tables(models):
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _write_files(source, manifest, written):
    """Write every file under its storage name, noting each in `written` (for clean-up on failure)."""
    for entry in manifest["files"]:
        model = _model_for(entry["model"])
        field = model._meta.get_field(entry["field"])
        storage, name = field.storage, entry["storage_name"]
        if storage.exists(name):
            storage.delete(name)
        with open(source / entry["path"], "rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        written.append((storage, saved))
        if saved != name:
            raise ImportRefused(f"El almacenamiento guardó «{name}» como «{saved}»: no se puede conservar su ruta.")


def _reset_sequences(models):
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def import_archive(directory, stdout=None):
    source = Path(directory)
    if not source.is_dir():
        raise ImportRefused(f"No existe la carpeta {source}.")
    verify(source)
    # Another database may have given content types other ids than the ones cached.
    ContentType.objects.clear_cache()
    manifest = read_manifest(source)
    entities = read_entities(source, manifest)
    ensure_empty_site()

    written = []
    closed = []
    models = [model for model, _objects in entities]
    try:
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            _empty_tables(registry.derived_models() + list(reversed(models)))
            try:
                for _model, objects in entities:
                    for obj in objects:
                        if isinstance(obj.object, AbstractBaseUser):
                            # Password hashes are never exported: people set a new one.
                            obj.object.set_unusable_password()
                        if isinstance(obj.object, BaseViewRestriction) and obj.object.restriction_type == "password":
                            # Nor shared passwords: closed with one nobody knows until an editor sets a new one.
                            obj.object.password = secrets.token_urlsafe(32)
                            closed.append(obj.object)
                        obj.save()
                connection.check_constraints(table_names=[model._meta.db_table for model in models])
            except DatabaseError as exc:
                raise ImportRefused(f"El respaldo no es coherente (una referencia o un valor único falla): {exc}") from exc
            _write_files(source, manifest, written)
            _reset_sequences(models)
    except Exception:
        for storage, name in written:
            storage.delete(name)
        raise
    # Cached site roots, menus and pages describe the site that was replaced.
    cache.clear()
    manifest["closed_restrictions"] = [_restriction_label(r) for r in closed]
    return manifest


def _restriction_label(restriction):
    """Where an editor sets the new password: the page's path, or the collection's name."""
    page = getattr(restriction, "page", None)
    if page is not None:
        return _("la página «%(title)s» (%(url)s)") % {"title": page.title, "url": page.url or page.url_path}
    return _("la colección «%(name)s»") % {"name": restriction.collection.name}
