"""Fixity: does each stored file still hold the bytes whose SHA-256 we published?

Readers compare the checksum on a document's page with their copy; that is
only worth something if the archive checks its own copies too.
"""

import hashlib
from dataclasses import dataclass

from django.utils import timezone

from archive.attachments.models import ArchiveDocument

CHUNK = 1024 * 1024


class Outcome:
    OK = "ok"
    CHANGED = "changed"
    MISSING = "missing"
    UNREADABLE = "unreadable"
    NO_CHECKSUM = "no_checksum"


@dataclass
class Result:
    document: ArchiveDocument
    outcome: str
    found: str = ""  # the checksum read now, when the file could be read
    detail: str = ""

    @property
    def failed(self):
        return self.outcome in {Outcome.CHANGED, Outcome.MISSING, Outcome.UNREADABLE}


def file_sha256(document):
    digest = hashlib.sha256()
    with document.file.storage.open(document.file.name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(document, now=None):
    """Re-read one file, record when and with what result, and say what was found."""
    now = now or timezone.now()
    name = document.file.name
    if not name or not document.file.storage.exists(name):
        result = Result(document, Outcome.MISSING)
    else:
        try:
            found = file_sha256(document)
        except OSError as exc:
            result = Result(document, Outcome.UNREADABLE, detail=str(exc))
        else:
            if not document.sha256:
                # Nothing was recorded to compare with: what we read now
                # becomes the reference, and the file counts as intact.
                ArchiveDocument.objects.filter(pk=document.pk).update(sha256=found)
                document.sha256 = found
                result = Result(document, Outcome.NO_CHECKSUM, found=found)
            elif found == document.sha256:
                result = Result(document, Outcome.OK, found=found)
            else:
                result = Result(document, Outcome.CHANGED, found=found)
    # update(), not save(): save() would re-analyse a replaced file and
    # overwrite the very checksum that shows it changed.
    ArchiveDocument.objects.filter(pk=document.pk).update(fixity_checked_at=now, fixity_ok=not result.failed)
    document.fixity_checked_at, document.fixity_ok = now, not result.failed
    return result


def verify_all(queryset=None):
    queryset = queryset if queryset is not None else ArchiveDocument.objects.all()
    for document in queryset.order_by("pk").iterator(chunk_size=500):
        yield verify(document)
