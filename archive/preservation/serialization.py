"""One row as one JSON object, and back, with Django's own serialization.

The object is Django's fixture format (``{"model", "pk", "fields"}``), the one
``dumpdata``/``loaddata`` read, so any Django tool understands an export. Two
differences from ``dumpdata``:

- keys to content types and permissions are natural keys (they are created
  by ``migrate`` with different ids on every site); every other key is the
  row's id, kept as it is so pages, revisions and links survive;
- many-to-many fields are left out of their owner: the tables behind them
  are exported as entities of their own (``auth.user_groups``, ...), which
  also covers modelcluster's ParentalManyToManyField, whose ``set()`` only
  stages values in memory.

Password hashes are never exported, nor the shared passwords of page and
collection view restrictions: Wagtail keeps those in clear text (it
compares them as typed), so an export would hand them to whoever holds a
copy. The import closes such a restriction with a random password and says
which ones need a new password (restoring.py).
"""

import datetime
import json

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers import python as python_serializer
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models.view_restrictions import BaseViewRestriction

NATURAL_KEY_MODELS = (ContentType, Permission)


class Serializer(python_serializer.Serializer):
    def __init__(self):
        super().__init__()
        self._permission_keys = {}

    def _natural_key(self, model, pk):
        if model is ContentType:
            return list(ContentType.objects.get_for_id(pk).natural_key())
        if not self._permission_keys:
            for permission in Permission.objects.select_related("content_type"):
                self._permission_keys[permission.pk] = list(permission.natural_key())
        return self._permission_keys[pk]

    def handle_field(self, obj, field):
        if field.name == "password" and isinstance(obj, AbstractBaseUser | BaseViewRestriction):
            return
        super().handle_field(obj, field)

    def handle_fk_field(self, obj, field):
        model = field.remote_field.model
        value = getattr(obj, field.attname)
        if model in NATURAL_KEY_MODELS and value is not None:
            self._current[field.name] = self._natural_key(model, value)
        else:
            self._current[field.name] = self._value_from_field(obj, field)

    def handle_m2m_field(self, obj, field):
        pass  # the table behind it is an entity of its own


class Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def dump_line(data):
    return json.dumps(data, cls=Encoder, ensure_ascii=False, sort_keys=True)


def rows(model, batch_size=500):
    """The model's rows as fixture objects, by primary key."""
    serializer = Serializer()
    queryset = model._base_manager.order_by("pk")
    return serializer.serialize(queryset.iterator(chunk_size=batch_size))


def deserialize(objects):
    """DeserializedObjects from fixture objects; raises DeserializationError on bad values."""
    return python_serializer.Deserializer(objects, handle_forward_references=False)
