"""Small builders for tests: a site with a home page and kind listings, and
documents of any kind under them. Append helpers here; keep them plain."""

import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify

from archive.attachments.models import ArchiveDocument
from archive.demo.site import ensure_site
from archive.pages.models import DocumentActor, DocumentAttachment, DocumentIndexPage
from archive.taxonomy.models import Actor, Axis, Phase


def make_site():
    """The home page as the default site's root, with a listing per kind.

    The same code as ``manage.py load_demo`` uses, so tests see the archive's real addresses;
    without page revisions, which only slow tests down."""
    return ensure_site(revisions=False)


def index_for(kind_model):
    make_site()
    return DocumentIndexPage.objects.get(kind=kind_model.kind_slug)


def make_phase(name="Consulta pública", slug=None, order=1, **kwargs):
    phase, _ = Phase.objects.get_or_create(slug=slug or slugify(name), defaults={"name": name, "order": order, **kwargs})
    return phase


def make_actor(name="Agencia Digital de Innovación Pública", slug=None, kind="government", **kwargs):
    actor, _ = Actor.objects.get_or_create(slug=slug or slugify(name)[:100], defaults={"name": name, "kind": kind, **kwargs})
    return actor


def make_axis(name="Género e inclusión", slug=None, order=5):
    axis, _ = Axis.objects.get_or_create(slug=slug or slugify(name), defaults={"name": name, "order": order})
    return axis


def make_document(kind_model, title="Documento de prueba", *, live=True, actors=(), axes=(), attachments=(), **fields):
    """Create (and publish, unless live=False) a document of the given kind."""
    parent = index_for(kind_model)
    fields.setdefault("summary", "Resumen en lenguaje sencillo del documento.")
    fields.setdefault("date", datetime.date(2022, 10, 27))
    page = kind_model(title=title, **fields)
    for actor, role in [(a, "participant") if not isinstance(a, tuple) else a for a in actors]:
        page.actor_links.add(DocumentActor(actor=actor, role=role))
    for document in attachments:
        page.attachments.add(DocumentAttachment(document=document))
    if axes:
        page.axes = list(axes)
    page.live = live
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def make_file(name="documento.pdf", content=None, title=None):
    if content is None:
        content = minimal_pdf("Texto de prueba")
    document = ArchiveDocument(title=title or name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def minimal_pdf(*pages):
    """A valid PDF with one page of text per argument (Helvetica, ASCII-safe)."""
    objects = []
    page_ids = []
    font_id = 3
    next_id = 4
    for text in pages:
        safe = text.encode("latin-1", "replace").decode("latin-1").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode("latin-1")
        content_id, page_id = next_id, next_id + 1
        next_id += 2
        objects.append((content_id, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"))
        objects.append((page_id, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R /Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()))
        page_ids.append(page_id)
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects = [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()),
        (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
    ] + objects
    return pdf_from_objects(objects)


def pdf_from_objects(objects):
    """A PDF file of (number, body) objects, 1 being the catalog, with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number, body in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    size = max(offsets) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- Helpers for the public pages' tests -------------------------------------


def make_element(name="Memoria y archivo", slug=None, order=5):
    from archive.taxonomy.models import OpennessElement

    element, _ = OpennessElement.objects.get_or_create(
        slug=slug or slugify(name), defaults={"name": name, "order": order}
    )
    return element


def make_membership(actor, body="nucleo_promotor", joined=None, left=None, **fields):
    """Record that ``actor`` belonged to a body (Núcleo Promotor or Grupo Asesor) between two dates."""
    from archive.taxonomy.models import Membership

    return Membership.objects.create(actor=actor, body=body, joined=joined, left=left, **fields)


def make_related(page, target, relation="related"):
    """Link two documents (page -> target) with a typed relation."""
    from archive.pages.models import RelatedDocument

    return RelatedDocument.objects.create(page=page, target=target, relation=relation)


def make_video_file(name="sesion.mp4"):
    """A file the format check takes for MP4 (an ``ftyp`` box); not playable, and not meant to be."""
    return make_file(name, content=b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64)


def make_captions(name="sesion.vtt", text="Bienvenidas y bienvenidos a la mesa."):
    return make_file(name, content=f"WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n{text}\n".encode())
