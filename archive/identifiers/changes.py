"""What kind of change a published version made, read from the stored contents.

The public «Historial de cambios» says of each version whether it corrected
the text, added, replaced or removed a file, or changed the record. It is
derived by comparing the content Wagtail serialised for this version with the
previous one, so editors have nothing to tick and the history cannot be
forgotten. Works on plain dicts (``Revision.content``) so the migration that
fills in old versions uses the same rules.
"""

import json
from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_noop as N_

FIRST = "first"
CORRECTION = "correction"
FILE_ADDED = "file_added"
FILE_REPLACED = "file_replaced"
FILE_REMOVED = "file_removed"
METADATA = "metadata"

# Marked for the catalogue; the page translates them when it shows them (components/change_history.html).
LABELS = {
    FIRST: N_("Primera publicación"),
    CORRECTION: N_("Corrección"),
    FILE_ADDED: N_("Nuevo archivo"),
    FILE_REPLACED: N_("Archivo reemplazado"),
    FILE_REMOVED: N_("Archivo retirado"),
    METADATA: N_("Metadatos"),
}
ORDER = list(LABELS)


@cache
def text_fields():
    """The fields that hold a document's words, as each kind declares them."""
    from archive.pages.models import DOCUMENT_KINDS

    return frozenset(name for kind in DOCUMENT_KINDS for name in kind.text_fields)


@cache
def file_fields():
    """Fields pointing at one file, beside the list of attachments, as each kind declares them."""
    from archive.pages.models import DOCUMENT_KINDS

    return frozenset(name for kind in DOCUMENT_KINDS for name in kind.file_fields)


# Bookkeeping of Wagtail and of the editor, not the record: a change there is
# no change a reader should be told about. Anything not named here or above
# counts as metadata, so a field added later to a kind is never missed.
IGNORED_FIELDS = frozenset({
    "pk", "id", "path", "depth", "numchild", "translation_key", "locale", "latest_revision", "live",
    "has_unpublished_changes", "first_published_at", "last_published_at", "live_revision", "go_live_at",
    "expire_at", "expired", "locked", "locked_at", "locked_by", "draft_title", "content_type", "url_path",
    "owner", "latest_revision_created_at", "alias_of", "show_in_menus", "slug", "seo_title",
    "search_description", "wagtail_admin_comments", "comments", "year", "change_note", "page_ptr",
    "documentpage_ptr",
})
# Child rows: which of their keys say what they are (their pk and order don't).
CHILD_KEYS = {
    "actor_links": ("actor", "role"),
    "related_links": ("target", "relation"),
    "tagged_items": ("tag",),
}


def _as_stored(content):
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


def _rows(value, keys):
    return [tuple(row.get(key) for key in keys) for row in value or [] if isinstance(row, dict)]


def _normal(field, value):
    if field in CHILD_KEYS:
        return _rows(value, CHILD_KEYS[field])
    if isinstance(value, list) and all(isinstance(item, (int, str)) for item in value):
        return sorted(value, key=str)  # many-to-many ids: their order means nothing
    return value


def _files(content):
    """The ids of the files the document holds, and the labels it shows them with."""
    attachments = _rows(content.get("attachments"), ("document", "label"))
    ids = [document for document, _ in attachments if document]
    ids += [content.get(field) for field in file_fields() if content.get(field)]
    return ids, attachments


def _file_kinds(previous, current):
    before, before_rows = _files(previous)
    after, after_rows = _files(current)
    added = [f for f in after if f not in before]
    removed = [f for f in before if f not in after]
    kinds = []
    replaced = min(len(added), len(removed))
    if replaced:
        kinds.append(FILE_REPLACED)
    if len(added) > replaced:
        kinds.append(FILE_ADDED)
    if len(removed) > replaced:
        kinds.append(FILE_REMOVED)
    # The same files described differently: a change to the record.
    relabelled = not kinds and sorted(before_rows, key=str) != sorted(after_rows, key=str)
    return kinds, relabelled


def change_kinds(previous, current):
    """Kinds of change from ``previous`` to ``current`` content, in display order.

    ``previous`` is None for a first publication. An empty list means the
    version republished the same content.
    """
    if previous is None:
        return [FIRST]
    # A revision's content in memory still holds dates and decimals; once
    # stored they are strings. Compare both as stored.
    previous, current = _as_stored(previous), _as_stored(current)
    kinds, metadata = _file_kinds(previous, current)
    correction = False
    for field in set(previous) | set(current):
        if field in IGNORED_FIELDS or field == "attachments" or field in file_fields():
            continue
        if _normal(field, previous.get(field)) == _normal(field, current.get(field)):
            continue
        if field in text_fields():
            correction = True
        else:
            metadata = True
    if correction:
        kinds.append(CORRECTION)
    if metadata:
        kinds.append(METADATA)
    return sorted(kinds, key=ORDER.index)


def public_note(previous, current):
    """The editor's note for this version; "" when it is the previous version's note left in the field."""
    note = (current.get("change_note") or "").strip()
    if previous is not None and note == (previous.get("change_note") or "").strip():
        return ""
    return note


def labels(kinds):
    return [LABELS[kind] for kind in kinds if kind in LABELS]
