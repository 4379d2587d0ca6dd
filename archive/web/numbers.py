"""Whole numbers read from an address: record ids, offsets.

Python's int() reads any number of digits, digits of any script («٣» is 3),
signs, spaces and underscores. A database column holds at most 2**63 - 1,
and SQLite, asked for a larger id, fails (500) instead of finding nothing.
So a number from outside is read here: ASCII digits, at most 18 of them,
which every 64-bit column can hold.
"""

import re

from django.urls import register_converter

MAX_DIGITS = 18
NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def whole_number(text):
    """The int written in ``text``, or None if it is anything but 1 to 18 ASCII digits."""
    return int(text) if NUMBER.fullmatch(text) else None


class RecordIdConverter:
    """``<id:page_id>``: like ``<int:…>``, but a longer number matches nothing, so the address answers 404."""

    regex = NUMBER.pattern

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


# Registered on import: each urls.py that uses <id:…> imports this module.
register_converter(RecordIdConverter, "id")
