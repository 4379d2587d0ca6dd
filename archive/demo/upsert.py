"""Create-or-update helpers keyed by slug, which save only what differs.

Running the load twice must change nothing: no duplicate rows, and no new
page revision when a page already says what the data says. The comparison
is the importer's (archive/importer/changes.py), so the demo's load and an
editor's import agree on what «changed» means.
"""

import hashlib
from collections import Counter, defaultdict

from django.core.files.base import ContentFile
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from archive.importer.changes import apply_values, differs, one_reference_update
from archive.importer.runner import CREATED, UNCHANGED, UPDATED


class Tally:
    """How many objects of each category were created, updated or left as they were."""

    def __init__(self, categories=()):
        self.counts = defaultdict(Counter)
        for category in categories:  # listed in this order, even when nothing happened to them
            self.counts[category] = Counter()

    def add(self, category, outcome):
        self.counts[category][outcome] += 1

    def total(self, outcome):
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self):
        return [
            f"{category}: {c[CREATED]} creados, {c[UPDATED]} actualizados, {c[UNCHANGED]} sin cambios"
            for category, c in self.counts.items()
        ]


def _tally(tally, category, outcome):
    if tally is not None:
        tally.add(category, outcome)


def upsert_object(model, slug, values, *, children=None, tally=None, category=None):
    """A snippet (phase, axis, actor...) by slug, with optional inline children."""
    children = children or {}
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        obj = model(slug=slug)
        apply_values(obj, values, {}, children)
        obj.full_clean()
        obj.save()
        _tally(tally, category, CREATED)
    elif differs(obj, values, {}, children):
        apply_values(obj, values, {}, children)
        obj.full_clean()
        obj.save()
        _tally(tally, category, UPDATED)
    else:
        _tally(tally, category, UNCHANGED)
    return obj


def upsert_page(parent, model, slug, values, *, m2m=None, children=None, tally=None, category=None,
                revisions=True):
    """A child page of ``parent`` by slug, published through a revision when new, changed or unpublished.

    ``values``: field values (related objects for foreign keys, raw
    ``[{"type", "value"}]`` lists for StreamFields); ``m2m``: lists of objects
    per many-to-many field; ``children``: lists of dicts per inline relation.
    ``revisions=False`` saves the page live without a revision: only for
    test fixtures, where a revision per page costs time and proves nothing.
    """
    m2m, children = m2m or {}, children or {}
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug)
        apply_values(page, values, m2m, children)
        with one_reference_update(page):
            parent.add_child(instance=page)  # saved live
            if revisions:
                page.save_revision().publish()
        _tally(tally, category, CREATED)
        return page

    page = existing.specific
    if not isinstance(page, model):
        raise ValueError(
            f"«{parent.title}» ya tiene una página «{slug}» de otro tipo "
            f"({type(page).__name__}); no se sobrescribe."
        )
    if differs(page, values, m2m, children) or not page.live:
        apply_values(page, values, m2m, children)
        with one_reference_update(page):
            if revisions:
                page.save_revision().publish()
            else:
                page.live = True
                page.save()
        page.refresh_from_db()
        _tally(tally, category, UPDATED)
    else:
        _tally(tally, category, UNCHANGED)
    return page


def upsert_file(document_model, path, title, *, tally=None, category=None):
    """A stored file with the exact bytes of ``path``, found again by its checksum."""
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    document = document_model.objects.filter(sha256=digest).order_by("pk").first()
    if document is None:
        document = document_model(title=title)
        document.file.save(path.name, ContentFile(content), save=False)
        # Size and hash as Wagtail's upload form sets them, through its public helper.
        document.file_size = len(content)
        document.file_hash = hash_filelike(document.file)
        document.save()
        _tally(tally, category, CREATED)
    elif document.title != title:
        document.title = title
        document.save(update_fields=["title"])
        _tally(tally, category, UPDATED)
    else:
        _tally(tally, category, UNCHANGED)
    return document
