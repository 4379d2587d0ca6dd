"""Write the whole archive to a directory (format: docs/archive-format.md)."""

import hashlib
import json
import platform
import shutil
from pathlib import Path

import django
import wagtail
from django.db import models, transaction
from django.utils import timezone

from . import registry
from .serialization import dump_line, rows

FORMAT_NAME = "archivo-abierto-export"
FORMAT_VERSION = 1
ENTITIES_DIR = "entities"
FILES_DIR = "files"
MANIFEST = "manifest.json"
CHECKSUMS = "manifest-sha256.txt"
CHUNK = 1024 * 1024


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_fields(model):
    return [f for f in model._meta.local_concrete_fields if isinstance(f, models.FileField)]


def safe_relative(name):
    """A storage name as a path inside files/, or None if it would leave it."""
    path = Path(name)
    if not name or path.is_absolute() or ".." in path.parts:
        return None
    return path


def _copy_files(model, objects, target, listed):
    """Copy every stored file the rows name into files/, under its storage name."""
    for field in file_fields(model):
        for obj in objects:
            name = obj["fields"].get(field.name)
            relative = safe_relative(name)
            if relative is None or name in listed:
                continue
            destination = target / FILES_DIR / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with field.storage.open(name, "rb") as source, open(destination, "wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
            except OSError as exc:
                raise ValueError(
                    f"No se pudo leer el archivo «{name}» ({registry.label(model)} {obj['pk']}): {exc}. "
                    "Revisa el almacenamiento con verify_fixity antes de respaldar."
                ) from exc
            listed[name] = {
                "path": f"{FILES_DIR}/{relative.as_posix()}",
                "storage_name": name,
                "model": registry.label(model),
                "pk": obj["pk"],
                "field": field.name,
                "size": destination.stat().st_size,
                "sha256": sha256_of(destination),
            }


def software_versions():
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("archivo-abierto")
    except PackageNotFoundError:
        own = "desconocida"
    return {
        "archivo-abierto": own,
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
    }


def export_archive(directory):
    """Export everything into `directory` (which must be empty or absent). Returns the manifest."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise ValueError(f"La carpeta {target} no está vacía: elige una carpeta nueva para el respaldo.")
    (target / ENTITIES_DIR).mkdir()
    (target / FILES_DIR).mkdir()
    counts, files = {}, {}
    # One snapshot of the database: rows and files agree even if editors keep working.
    with transaction.atomic():
        for model in sorted(registry.exported_models(), key=registry.label):
            objects = rows(model)
            name = registry.label(model)
            counts[name] = len(objects)
            with open(target / ENTITIES_DIR / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as out:
                for obj in objects:
                    out.write(dump_line(obj) + "\n")
            _copy_files(model, objects, target, files)
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "software": software_versions(),
        "entities": counts,
        "excluded": dict(sorted(registry.EXCLUDED.items())),
        "files": sorted(files.values(), key=lambda f: f["path"]),
    }
    with open(target / MANIFEST, "w", encoding="utf-8") as out:
        out.write(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    write_checksums(target)
    return manifest


def payload_paths(target):
    """Every file of an export but the checksum list itself, as sorted relative POSIX paths."""
    return sorted(
        path.relative_to(target).as_posix()
        for path in target.rglob("*")
        if path.is_file() and path.relative_to(target).as_posix() != CHECKSUMS
    )


def write_checksums(target):
    with open(target / CHECKSUMS, "w", encoding="utf-8", newline="\n") as out:
        for relative in payload_paths(target):
            out.write(f"{sha256_of(target / relative)}  {relative}\n")
