"""Numbers in sentences, as Spanish writes them: «12,5», «12 345 documentos», «1 documento».

For text people read (pages, messages, command output). What machines read
(JSON, CSV, XML, HTML attributes) keeps Python's own digits: «12.5», «12345».
Django's templates already write a decimal comma for the active language
(``{{ value }}``, ``floatformat``, ``filesizeformat``); Python strings do not.
"""

from django.utils.translation import ngettext

# Keeps the groups of a number together when a line wraps.
NBSP = "\u00a0"


def whole(number):
    """12345 -> «12 345» (non-breaking space); 2021 -> «2021».

    The RAE groups digits by threes only from five digits on: four-digit
    numbers, years among them, stay whole.
    """
    if abs(number) < 10_000:
        return str(number)
    return f"{number:,}".replace(",", NBSP)


def decimal(value, places=1):
    """48.25 -> «48,2»; 50.0 -> «50»; 12345.67 -> «12 345,7»: a decimal comma, no trailing zeros."""
    rounded = f"{value:.{places}f}"
    integer, _, fraction = rounded.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    # -0.04 rounds to «-0.0»: no sign on a zero.
    sign = "-" if rounded.startswith("-") and float(rounded) else ""
    text = sign + whole(int(integer))
    return f"{text},{fraction}" if fraction else text


def count(number, singular, plural=None):
    """«1 documento», «0 documentos», «12 345 filas»: the number and a noun that agrees with it."""
    return f"{whole(number)} {ngettext(singular, plural or singular + 's', number)}"
