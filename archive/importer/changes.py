"""Compare an object with the values wanted for it, and apply them.

A run that changes nothing must write nothing: no new revision when a page
already says what the row says (a revision is an edit in the page's
history, and an edit that did not happen would be a false record). So the
importer compares the stored values with the wanted ones first and writes
only on a difference. The demo's load (archive/demo) writes its site frame
and vocabularies with the same comparison.
"""

from contextlib import contextmanager

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from archive.worker.jobs import enqueue


def _stream_signature(value):
    """A StreamField's content without block ids, which are new on every save."""
    if isinstance(value, list):  # raw data as the importer writes it
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


def apply_values(obj, values, m2m, children):
    """Set field ``values``, ``m2m`` lists of objects and ``children`` (lists of dicts per inline relation)."""
    for name, value in values.items():
        setattr(obj, name, value)
    for name, objects in m2m.items():
        setattr(obj, name, list(objects))
    for relation, specs in children.items():
        model = getattr(obj, relation).model
        # Inline rows keep the order the data gives (Orderable sorts by sort_order).
        getattr(obj, relation).set([model(sort_order=i, **spec) for i, spec in enumerate(specs)])


def differs(obj, values, m2m, children):
    """True when ``obj`` does not already hold what apply_values would give it."""
    return (
        any(_field_differs(obj, name, value) for name, value in values.items())
        or any(_m2m_differs(obj, name, objects) for name, objects in m2m.items())
        or any(_children_differ(obj, relation, specs) for relation, specs in children.items())
    )


@contextmanager
def one_reference_update(page, queued=False):
    """Index the page's references to files, actors and pages once, not on each of its saves.

    Creating and publishing a page saves it three times; Wagtail would
    rebuild its reference index («usage» in the admin) on every save.
    ``queued`` leaves it to the worker, as Wagtail's own saves do: only for
    a page whose stored row holds what was just written (a new page), since
    the job reads the row and a draft of an existing page lives in its
    revision.
    """
    with disable_reference_index_auto_update():
        yield
    if queued:
        enqueue(update_reference_index_task, page._meta.app_label, page._meta.model_name, str(page.pk))
    else:
        ReferenceIndex.create_or_update_for_object(page)
