"""Publishing a document whose files the worker is still reading takes one more, explicit, step.

Published before its files are read, a document is public without their
text in the search, and without their page counts and thumbnails, until the
worker finishes (archive/attachments/analysis.py). That may be what the
editor wants, but never by surprise: the editor is told when opening the
document, the plain «Publicar» saves a draft and says why instead, and the
publish button becomes «Publicar aunque haya archivos en lectura», which
publishes (wagtail_hooks.py).
"""

from archive.attachments.models import ArchiveDocument
from archive.attachments.steps import PENDING
from archive.pages.models import DocumentPage

# The value the «Publicar aunque haya archivos en lectura» button sends as action-publish.
CONFIRMED = "con-archivos-en-lectura"


def files_being_read(page):
    """The files of ``page`` (as in the editor: a draft's, an unsaved form's) still being read, by title."""
    if not isinstance(page, DocumentPage):
        return []
    ids = {attachment.document_id for attachment in page.attachments.all() if attachment.document_id}
    ids |= {file_id for _label, file_id in page.own_file_ids()}
    if not ids:
        return []
    return list(ArchiveDocument.objects.filter(pk__in=ids, analysis_state__in=PENDING).order_by("title", "pk"))


def listed(files):
    return ", ".join(f"«{document.title}» ({document.analysis_label})" for document in files)


def editor_warning(files):
    return (f"Aún se están leyendo archivos de este documento: {listed(files)}. Si lo publicas antes de que "
            "terminen, su texto no estará en el buscador hasta entonces. Para publicarlo de todas formas, "
            "usa «Publicar aunque haya archivos en lectura».")


HELD = "No se publicó: aún se están leyendo archivos de este documento. Tus cambios se guardaron como borrador."


def published_warning(files):
    return (f"Se publicó con archivos aún en lectura: {listed(files)}. Su texto entrará al buscador "
            "cuando terminen de leerse.")
