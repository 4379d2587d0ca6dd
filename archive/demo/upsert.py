"""Create-or-update helpers keyed by slug, which save only what differs.

Running the load twice must change nothing: no duplicate rows, and no new
page revision when a page already says what the data says (a revision is
an edit in the page's history, and an edit that did not happen would be a
false record). So every helper compares the stored values with the wanted
ones first and writes only on a difference.
"""

import hashlib
from collections import Counter, defaultdict
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


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


# -- comparing ---------------------------------------------------------------

def _stream_signature(value):
    """A StreamField's content without block ids, which are new on every save."""
    if isinstance(value, list):  # raw data as the loader writes it
        return [(item["type"], item["value"]) for item in value]
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in value]


def _field_differs(obj, name, wanted):
    field = obj._meta.get_field(name)
    if isinstance(field, StreamField):
        return _stream_signature(getattr(obj, name)) != _stream_signature(wanted)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname) != (wanted.pk if wanted is not None else None)
    return getattr(obj, name) != wanted


def _child_key(child, fields):
    values = []
    for name in fields:
        value = getattr(child, name) if not isinstance(child, dict) else child[name]
        values.append(value.pk if isinstance(value, models.Model) else value)
    return tuple(values)


def _children_differ(obj, relation, wanted):
    fields = sorted(wanted[0]) if wanted else []
    current = list(getattr(obj, relation).all())
    if len(current) != len(wanted):
        return True
    if not wanted:
        return False
    return [_child_key(c, fields) for c in current] != [_child_key(w, fields) for w in wanted]


def _m2m_differs(obj, name, wanted):
    return {o.pk for o in getattr(obj, name).all()} != {o.pk for o in wanted}


# -- applying ----------------------------------------------------------------

def apply_values(obj, values, m2m, children):
    for name, value in values.items():
        setattr(obj, name, value)
    for name, objects in m2m.items():
        setattr(obj, name, list(objects))
    for relation, specs in children.items():
        model = getattr(obj, relation).model
        # Inline rows keep the order the data gives (Orderable sorts by sort_order).
        getattr(obj, relation).set([model(sort_order=i, **spec) for i, spec in enumerate(specs)])


def differs(obj, values, m2m, children):
    return (
        any(_field_differs(obj, name, value) for name, value in values.items())
        or any(_m2m_differs(obj, name, objects) for name, objects in m2m.items())
        or any(_children_differ(obj, relation, specs) for relation, specs in children.items())
    )


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


@contextmanager
def one_reference_update(page):
    """Index the page's references to files, actors and pages once, not on each of its saves.

    Creating and publishing a page saves it three times; Wagtail would
    rebuild its reference index («usage» in the admin) on every save.
    """
    with disable_reference_index_auto_update():
        yield
    ReferenceIndex.create_or_update_for_object(page)


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
        document._set_document_file_metadata()  # size and hash, as Wagtail's upload form sets them
        document.save()
        _tally(tally, category, CREATED)
    elif document.title != title:
        document.title = title
        document.save(update_fields=["title"])
        _tally(tally, category, UPDATED)
    else:
        _tally(tally, category, UNCHANGED)
    return document
