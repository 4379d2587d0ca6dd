"""Where the files a manifest names come from: a folder (command line) or an upload (admin)."""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat


class FileRefused(Exception):
    """The file cannot be read; the message says why, in Spanish."""


def _too_big(size):
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit is not None and size > limit:
        return FileRefused(f"pesa {filesizeformat(size)}; el máximo es {filesizeformat(limit)}.")
    return None


class FolderSource:
    """Files under one folder; a manifest may not reach outside it (``../``, absolute paths)."""

    def __init__(self, root):
        self.root = Path(root).resolve()

    def read(self, relative):
        candidate = (self.root / relative).resolve()
        if PurePosixPath(relative).is_absolute() or not candidate.is_relative_to(self.root):
            raise FileRefused("la ruta debe estar dentro de la carpeta de archivos.")
        if not candidate.is_file():
            raise FileRefused(f"no existe en la carpeta de archivos ({self.root}).")
        error = _too_big(candidate.stat().st_size)
        if error:
            raise error
        return candidate.name, candidate.read_bytes()


def file_name(path):
    """Browsers send names without folders, so a manifest's path matches an uploaded file by its last part."""
    return PurePosixPath(path.replace("\\", "/")).name


class UploadSource:
    """Files sent with the admin form, matched by name (the first of two with the same name)."""

    def __init__(self, uploaded_files):
        self.files = {}
        for uploaded in uploaded_files:
            self.files.setdefault(file_name(uploaded.name), uploaded)

    def read(self, relative):
        name = file_name(relative)
        uploaded = self.files.get(name)
        if uploaded is None:
            raise FileRefused("no está entre los archivos subidos.")
        error = _too_big(uploaded.size)
        if error:
            raise error
        uploaded.seek(0)
        return name, uploaded.read()


class StoredSource:
    """Files kept on disk between the review of an upload and its import (preview.py), matched like UploadSource."""

    def __init__(self, paths):
        self.paths = paths  # file name -> Path

    def read(self, relative):
        name = file_name(relative)
        path = self.paths.get(name)
        if path is None:
            raise FileRefused("no está entre los archivos subidos.")
        error = _too_big(path.stat().st_size)
        if error:
            raise error
        return name, path.read_bytes()
