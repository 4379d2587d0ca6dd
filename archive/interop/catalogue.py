"""The catalogue: one entry per public document, with its files' fixity.

The same entries feed /catalogo.json (files as a list) and /catalogo.csv
(one row per document, files in parallel columns joined by " | "), so the
two downloads never disagree. Keys are English, like /api/buscar/'s.
"""

from django.utils.encoding import iri_to_uri

from archive.pages.models import ActorRole, DocumentPage
from archive.web.canonical import absolute

from .public import iter_in_batches, kind_files_for, page_files, permanent_url, reference_code

CSV_COLUMNS = [
    "id", "reference_code", "title", "kind", "kind_label", "date", "date_label", "phase", "phase_label",
    "authors", "actors", "axes", "elements", "tags", "language", "licence", "summary",
    "permanent_url", "source_url", "original_holder", "first_published", "last_published",
    "files", "file_urls", "file_formats", "file_sha256", "file_checked_at", "file_ok",
]
SEPARATOR = " | "
# A cell starting with one of these is run as a formula by spreadsheet
# programs; a leading apostrophe shows it as text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _timestamp(value):
    return value.isoformat(timespec="seconds") if value else None


def file_entry(label, document, request):
    return {
        "title": label,
        "url": absolute(iri_to_uri(document.url), request),
        "format": document.format_key,
        "size": document.file_size,
        "sha256": document.sha256,
        "checked_at": _timestamp(document.fixity_checked_at),
        "ok": document.fixity_ok,
    }


def entry_for(page, request, kind_files=None):
    links = list(page.actor_links.all())
    return {
        "id": page.pk,
        "reference_code": reference_code(page),
        "title": page.title,
        "kind": page.kind_slug,
        "kind_label": page.kind_label,
        "date": page.date_iso,
        "date_label": page.date_label,
        "phase": page.phase.slug if page.phase_id else "",
        "phase_label": page.phase.name if page.phase_id else "",
        "authors": [link.actor.name for link in links if link.role == ActorRole.AUTHOR],
        "actors": [{"name": link.actor.name, "slug": link.actor.slug, "role": link.role} for link in links],
        "axes": [axis.slug for axis in page.axes.all()],
        "elements": [element.slug for element in page.elements.all()],
        "tags": [tag.name for tag in page.tags.all()],
        "language": page.language,
        "licence": page.licence,
        "summary": page.summary,
        "permanent_url": iri_to_uri(permanent_url(page)),
        "source_url": page.source_url,
        "original_holder": page.original_holder,
        "first_published": _timestamp(page.first_published_at),
        "last_published": _timestamp(page.last_published_at),
        "files": [file_entry(label, document, request) for label, document in page_files(page, kind_files)],
    }


def catalogue_entries(request):
    for pages in iter_in_batches(DocumentPage.objects.visible()):
        kind_files = kind_files_for(pages)
        for page in pages:
            yield entry_for(page, request, kind_files)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_row(entry):
    files = entry["files"]
    flat = {
        **entry,
        "authors": SEPARATOR.join(entry["authors"]),
        "actors": SEPARATOR.join(f"{a['name']} ({a['role']})" for a in entry["actors"]),
        "axes": SEPARATOR.join(entry["axes"]),
        "elements": SEPARATOR.join(entry["elements"]),
        "tags": SEPARATOR.join(entry["tags"]),
        "files": SEPARATOR.join(f["title"] for f in files),
        "file_urls": SEPARATOR.join(f["url"] for f in files),
        "file_formats": SEPARATOR.join(f["format"] for f in files),
        "file_sha256": SEPARATOR.join(f["sha256"] for f in files),
        "file_checked_at": SEPARATOR.join(f["checked_at"] or "" for f in files),
        "file_ok": SEPARATOR.join(_cell(f["ok"]) for f in files),
    }
    return [_cell(flat[column]) for column in CSV_COLUMNS]
