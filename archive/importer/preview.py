"""An upload kept between «Revisar sin importar» and the editor's «Importar».

The import that follows a review reads the very bytes that were reviewed,
without asking for the files again. They are kept in a folder of their own
outside the media storage (IMPORTER_PREVIEW_DIR, by default under the system's
temporary folder): nothing reviewed reaches the archive's files unless it is
imported. Only the person who reviewed may import it; a preview is taken
once (a second click finds nothing) and is forgotten after PREVIEW_HOURS.
The folder must be shared by every process that serves the admin.
"""

import json
import os
import re
import secrets
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from django.conf import settings

from .forms import is_zip, zip_members
from .sources import StoredSource, file_name

PREVIEW_HOURS = 6
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32}")
TAKEN = ".importando"
PROGRESS = "progreso.json"


def root():
    configured = getattr(settings, "IMPORTER_PREVIEW_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "archivo-importar"


class Preview:
    def __init__(self, path, meta):
        self.path = path
        self.meta = meta

    @property
    def token(self):
        return self.meta["token"]

    @property
    def publish(self):
        return self.meta["publish"]

    def manifest(self):
        """(name, bytes) of the manifest as it was uploaded."""
        return self.meta["manifest"], (self.path / "manifiesto").read_bytes()

    def source(self):
        return StoredSource({name: self.path / "archivos" / stored for name, stored in self.meta["files"]})

    def discard(self):
        discard(self.path)

    def write_progress(self, done, total):
        """How far a review got: it runs inside a transaction it rolls back, where a database write stays unseen."""
        progress = self.path / PROGRESS
        partial = progress.with_suffix(".tmp")
        partial.write_text(json.dumps({"done": done, "total": total}), encoding="utf-8")
        os.replace(partial, progress)  # a reader sees the old count or the new one, never half of one

    def read_progress(self):
        try:
            progress = json.loads((self.path / PROGRESS).read_text(encoding="utf-8"))
            return int(progress["done"]), int(progress["total"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def discard(path):
    shutil.rmtree(path, ignore_errors=True)


def load(path):
    """The upload kept in ``path`` (a folder under root()), or None when it is gone."""
    path = Path(path)
    if not path.is_relative_to(root()) or not path.is_dir():
        return None
    return _load(path)


def keep(user, manifest_name, manifest_data, uploaded_files, publish):
    """Store an upload for its import after the review; returns the Preview."""
    sweep()
    token = secrets.token_urlsafe(24)
    root().mkdir(mode=0o700, parents=True, exist_ok=True)  # uploads may not be public: readable by us only
    path = root() / token
    (path / "archivos").mkdir(parents=True)
    (path / "manifiesto").write_bytes(manifest_data)
    files, seen = [], set()

    def store(name, chunks):
        if name in seen:
            return  # UploadSource reads the first of two files with the same name
        seen.add(name)
        # Stored under a number: an uploaded name is not trusted as a path.
        stored = str(len(files))
        with open(path / "archivos" / stored, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        files.append((name, stored))

    for uploaded in uploaded_files:
        uploaded.seek(0)
        if is_zip(uploaded):
            # A ZIP of files (forms.check_zip bounded it): its files, as if chosen one by one.
            with zipfile.ZipFile(uploaded) as archive:
                for entry in zip_members(archive):
                    with archive.open(entry) as member:
                        store(file_name(entry.filename), iter(lambda member=member: member.read(1024 * 1024), b""))
        else:
            store(file_name(uploaded.name), uploaded.chunks())
    meta = {"token": token, "user": user.pk, "manifest": manifest_name, "publish": publish, "files": files}
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return Preview(path, meta)


def take(user, token):
    """The preview ``user`` reviewed under ``token``, claimed for its import; None if there is none to take."""
    if not TOKEN_RE.fullmatch(token or ""):
        return None
    path, taken = root() / token, root() / (token + TAKEN)
    try:
        os.rename(path, taken)  # atomic: of two clicks on «Importar», one gets it
    except OSError:
        return None
    preview = _load(taken)
    if preview is not None and preview.meta.get("user") != user.pk:
        os.rename(taken, path)  # not this person's: left for whoever reviewed it
        return None
    if preview is None or _expired(taken):
        shutil.rmtree(taken, ignore_errors=True)
        return None
    return preview


def _load(path):
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Preview(path, meta)


def _expired(path, hours=PREVIEW_HOURS):
    try:
        return time.time() - path.stat().st_mtime > hours * 3600
    except OSError:
        return True


def sweep():
    """Forget the previews nobody imported (and any an interrupted import left behind)."""
    folder = root()
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        # One being imported may be a little older than PREVIEW_HOURS: give it a day.
        if _expired(path, 24 if path.name.endswith(TAKEN) else PREVIEW_HOURS):
            shutil.rmtree(path, ignore_errors=True)
