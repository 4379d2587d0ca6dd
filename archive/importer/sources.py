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


class UploadSource:
    """Files sent with the admin form; browsers send names without folders, so a path matches by its last part."""

    def __init__(self, uploaded_files):
        self.files = {}
        for uploaded in uploaded_files:
            self.files.setdefault(PurePosixPath(uploaded.name.replace("\\", "/")).name, uploaded)

    def read(self, relative):
        name = PurePosixPath(relative.replace("\\", "/")).name
        uploaded = self.files.get(name)
        if uploaded is None:
            raise FileRefused("no está entre los archivos subidos.")
        error = _too_big(uploaded.size)
        if error:
            raise error
        uploaded.seek(0)
        return name, uploaded.read()
