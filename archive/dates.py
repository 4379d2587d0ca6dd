"""Dates known only in part: a day, a month, a year, or not at all.

Archives record what is known and no more: a document dated "2021" must
never read as "1 de enero de 2021".
"""

import datetime
import re

from django.db import models
from django.utils.translation import get_language, gettext

MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
]


class DatePrecision(models.TextChoices):
    DAY = "day", "Día"
    MONTH = "month", "Mes"
    YEAR = "year", "Año"
    UNKNOWN = "unknown", "Sin fecha"


def follow_date(value, precision):
    """The precision a date implies: «Sin fecha» without one, «Día» for a date left at «Sin fecha».

    An editor who types a date, or clears it, should not also have to mend a
    second field that contradicts it; a month or year chosen on purpose stays.
    """
    if value is None:
        return DatePrecision.UNKNOWN
    if precision == DatePrecision.UNKNOWN:
        return DatePrecision.DAY
    return precision


ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


def format_partial_date(value, precision, unknown_label=None):
    """«3 de marzo de 2021», «marzo de 2021», «2021»; on English pages «March 3, 2021», «March 2021»."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return gettext("Sin fecha") if unknown_label is None else unknown_label
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if get_language() == "en":
        # As Django writes dates on English pages (DATE_FORMAT): one style per page.
        month = ENGLISH_MONTHS[value.month - 1]
        return f"{month} {value.year}" if precision == DatePrecision.MONTH else f"{month} {value.day}, {value.year}"
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[value.month - 1]} de {value.year}"
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"


def iso_partial_date(value, precision):
    """ISO 8601 reduced precision: 2021, 2021-03 or 2021-03-26 (or empty)."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


ISO_PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_iso_partial_date(text):
    """(date, precision) from 2021, 2021-03 or 2021-03-26; empty is (None, unknown). Raises ValueError."""
    if not text:
        return None, DatePrecision.UNKNOWN
    match = ISO_PARTIAL_DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(f"not a partial ISO date: {text!r}")
    year, month, day = match.groups()
    value = datetime.date(int(year), int(month or 1), int(day or 1))
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return value, precision
